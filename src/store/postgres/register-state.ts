// The vendor register's state on Postgres, shared by every instance. Each review commits with its audit event
// and a bump of register_revision in one transaction, so another instance sees the change, exactly once, the
// next time it reads the revision. The pool belongs to the caller (the store or the CLI), which ends it.
import type pg from 'pg';
import type { StoredReview } from '../../governance/register.ts';
import type { RegisterState } from '../../governance/vendor-register.ts';
import type { AuditEvent } from '../../pipeline/ports.ts';
import { AUDIT_COLUMNS, auditFromRow, auditParams, type AuditRow } from '../rows/audit-event.ts';
import { REVIEW_COLUMNS, reviewFromRow, reviewToRow, type ReviewRow } from '../rows/register-state.ts';
import { positional } from '../sqlite/params.ts';
import { inTransaction } from './connect.ts';

const UPSERT = `INSERT INTO vendor_review (vendor, origin, status, reviewer, date, expires, approved_data,
    approved_terms_version, seen_terms_version, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (vendor) DO UPDATE SET origin = excluded.origin, status = excluded.status,
    reviewer = excluded.reviewer, date = excluded.date, expires = excluded.expires,
    approved_data = excluded.approved_data, approved_terms_version = excluded.approved_terms_version,
    seen_terms_version = excluded.seen_terms_version, updated_at = excluded.updated_at`;

const INSERT_AUDIT = 'INSERT INTO audit_event (id, time, actor, action, subject, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)';

const BUMP = 'UPDATE register_revision SET n = n + 1';

/** One statement, so atomic without a transaction: the revision moves only when the event was new. */
const APPEND_AUDIT = `WITH added AS (${INSERT_AUDIT} ON CONFLICT (id) DO NOTHING RETURNING 1)
  ${BUMP} WHERE EXISTS (SELECT 1 FROM added)`;

const SELECT_AUDIT = `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_event`;

export class PgRegisterState implements RegisterState {
  /** pool: shared with the rest of the process; close() leaves it open for its owner to end */
  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<Map<string, StoredReview>> {
    const res = await this.pool.query<ReviewRow>('SELECT * FROM vendor_review');
    return new Map(res.rows.map((r) => [r.vendor, reviewFromRow(r)]));
  }

  async save(vendor: string, review: StoredReview, event: AuditEvent): Promise<void> {
    // the revision row is locked last and held briefly; every writer takes the locks in this order, so no deadlock
    await inTransaction(this.pool, async (db) => {
      await db.query(UPSERT, positional(reviewToRow(vendor, review, event.time), REVIEW_COLUMNS));
      await db.query(INSERT_AUDIT, auditParams(event));
      await db.query(BUMP);
    });
  }

  /** ON CONFLICT DO NOTHING: an event with a deterministic id (lifecycle switches) is recorded once by every instance */
  async appendAudit(e: AuditEvent): Promise<boolean> {
    return (await this.pool.query(APPEND_AUDIT, auditParams(e))).rowCount === 1;
  }

  async audit(limit: number, subject?: string): Promise<AuditEvent[]> {
    // as the SQLite store: a negative or NaN limit reads nothing (Postgres would reject a negative LIMIT)
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    const res =
      subject === undefined
        ? await this.pool.query<AuditRow>(`${SELECT_AUDIT} ORDER BY time DESC, seq DESC LIMIT $1`, [n])
        : await this.pool.query<AuditRow>(`${SELECT_AUDIT} WHERE subject = $2 ORDER BY time DESC, seq DESC LIMIT $1`, [n, subject]);
    return res.rows.map(auditFromRow);
  }

  /**
   * A counter every write bumps in its own transaction. max(seq) would not do with several instances: sequence
   * values are taken before commit, so a smaller one can commit after a larger one was read, and be missed.
   */
  async revision(): Promise<number> {
    const res = await this.pool.query<{ n: number }>('SELECT n FROM register_revision');
    return res.rows[0]?.n ?? 0;
  }

  /** Ends nothing: the pool is the caller's. */
  close(): void {}
}
