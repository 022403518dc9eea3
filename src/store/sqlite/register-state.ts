// The vendor register's state on SQLite. Admin writes are rare and must never be lost, so they bypass the
// record journal: each review and its audit event commit together, synchronously, with synchronous=FULL.
// It has its own connection, so the CLI can open it while a gateway holds the journal lock (WAL lets both in).
import type Database from 'better-sqlite3';
import { openDurableSqlite } from './open-durable.ts';
import type { StoredReview } from '../../governance/register.ts';
import type { RegisterState } from '../../governance/vendor-register.ts';
import type { AuditEvent } from '../../pipeline/ports.ts';
import { auditFromRow, auditParams, auditToRow, type AuditRow } from '../rows/audit-event.ts';
import { reviewFromRow, reviewToRow, type ReviewRow } from '../rows/register-state.ts';

const UPSERT = `INSERT INTO vendor_review (vendor, origin, status, reviewer, date, expires, approved_data,
    approved_terms_version, seen_terms_version, updated_at)
  VALUES (@vendor, @origin, @status, @reviewer, @date, @expires, @approved_data, @approved_terms_version,
    @seen_terms_version, @updated_at)
  ON CONFLICT (vendor) DO UPDATE SET origin = excluded.origin, status = excluded.status,
    reviewer = excluded.reviewer, date = excluded.date, expires = excluded.expires,
    approved_data = excluded.approved_data, approved_terms_version = excluded.approved_terms_version,
    seen_terms_version = excluded.seen_terms_version, updated_at = excluded.updated_at`;

const INSERT_AUDIT = `INSERT INTO audit_event (id, time, actor, action, subject, before, after)
  VALUES (@id, @time, @actor, @action, @subject, @before, @after)`;

export class SqliteRegisterState implements RegisterState {
  private readonly db: Database.Database;
  private readonly saveTx: Database.Transaction<(vendor: string, review: StoredReview, event: AuditEvent) => void>;
  private readonly revisionStmt: Database.Statement<[], { n: number }>;

  /** file: the SQLite path from the store URL (':memory:' gives this connection its own private database) */
  constructor(file: string) {
    this.db = openDurableSqlite(file);
    this.revisionStmt = this.db.prepare<[], { n: number }>('SELECT coalesce(max(rowid), 0) AS n FROM audit_event');
    const upsert = this.db.prepare<[ReviewRow]>(UPSERT);
    const insertAudit = this.db.prepare<[AuditRow]>(INSERT_AUDIT);
    this.saveTx = this.db.transaction((vendor: string, review: StoredReview, e: AuditEvent) => {
      upsert.run(reviewToRow(vendor, review, e.time));
      insertAudit.run(auditToRow(e));
    });
  }

  load(): Map<string, StoredReview> {
    const rows = this.db.prepare<[], ReviewRow>('SELECT * FROM vendor_review').all();
    return new Map(rows.map((r) => [r.vendor, reviewFromRow(r)]));
  }

  save(vendor: string, review: StoredReview, event: AuditEvent): void {
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout) instead of failing mid-way
    this.saveTx.immediate(vendor, review, event);
  }

  /** INSERT OR IGNORE: an event with a deterministic id (lifecycle switches) is recorded once by every instance */
  appendAudit(e: AuditEvent): boolean {
    const sql = 'INSERT OR IGNORE INTO audit_event (id, time, actor, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)';
    return this.db.prepare(sql).run(...auditParams(e)).changes === 1;
  }

  audit(limit: number, subject?: string): AuditEvent[] {
    // SQLite reads a negative LIMIT as "no limit": clamp it
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    const rows =
      subject === undefined
        ? this.db.prepare<[number], AuditRow>('SELECT * FROM audit_event ORDER BY time DESC, rowid DESC LIMIT ?').all(n)
        : this.db.prepare<[string, number], AuditRow>('SELECT * FROM audit_event WHERE subject = ? ORDER BY time DESC, rowid DESC LIMIT ?').all(subject, n);
    return rows.map(auditFromRow);
  }

  /**
   * Every save adds an audit event in the same transaction, so the newest audit rowid changes exactly when a
   * review did (max(rowid) reads one b-tree edge). PRAGMA data_version would also change on every request-log
   * flush and make the register reload for nothing.
   */
  revision(): number {
    return this.revisionStmt.get()?.n ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
