// Stored virtual keys (`airlock keys`) on Postgres. Each create/revoke commits with its audit event in one
// transaction; every instance rereads the active keys every few seconds. Keys are not reviews, so they leave
// register_revision alone. The pool belongs to the caller, which ends it.
import type pg from 'pg';
import type { AuditEvent } from '../../pipeline/ports.ts';
import { auditParams } from '../rows/audit-event.ts';
import { keyFromRow, newKeyParams, type KeyRow } from '../rows/virtual-keys.ts';
import type { StoredKey, VirtualKeyStore } from '../sqlite/virtual-keys.ts';
import { inTransaction, type Queryable } from './connect.ts';

const INSERT_AUDIT = 'INSERT INTO audit_event (id, time, actor, action, subject, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)';

/** Postgres's SQLSTATE for a unique or primary-key violation. */
const UNIQUE_VIOLATION = '23505';

/** True for the error create() throws on a name or hash already stored (SQLite's is SQLITE_CONSTRAINT_*). */
export function isPgUniqueViolation(err: unknown): boolean {
  return err instanceof Error && (err as Error & { code?: unknown }).code === UNIQUE_VIOLATION;
}

async function insertAudit(db: Queryable, e: AuditEvent): Promise<void> {
  await db.query(INSERT_AUDIT, auditParams(e));
}

export class PgVirtualKeys implements VirtualKeyStore {
  /** ownsPool: close() ends the pool (the CLI's and the gateway's key pools); else its owner does */
  constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool = false,
  ) {}

  // COLLATE "C": names in byte order, as SQLite sorts them, whatever the database's collation
  async list(): Promise<StoredKey[]> {
    return (await this.pool.query<KeyRow>('SELECT * FROM virtual_key ORDER BY created_at, name COLLATE "C"')).rows.map(keyFromRow);
  }

  async active(): Promise<StoredKey[]> {
    return (await this.pool.query<KeyRow>('SELECT * FROM virtual_key WHERE revoked_at IS NULL ORDER BY name COLLATE "C"')).rows.map(keyFromRow);
  }

  async get(name: string): Promise<StoredKey | undefined> {
    const row = (await this.pool.query<KeyRow>('SELECT * FROM virtual_key WHERE name = $1', [name])).rows[0];
    return row === undefined ? undefined : keyFromRow(row);
  }

  /** Rejects on a name or hash already stored: pg's DatabaseError, code 23505 (see isPgUniqueViolation). */
  async create(key: StoredKey, event: AuditEvent): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      const insert = 'INSERT INTO virtual_key (name, hash, app, models, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)';
      await db.query(insert, newKeyParams(key));
      await insertAudit(db, event);
    });
  }

  /** false: no active key of that name (unknown or already revoked). */
  async revoke(name: string, time: number, event: AuditEvent): Promise<boolean> {
    // the UPDATE locks the row: of two concurrent revokes, the second waits, then finds it revoked and changes nothing
    return inTransaction(this.pool, async (db) => {
      const changed = (await db.query('UPDATE virtual_key SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL', [time, name])).rowCount === 1;
      if (changed) await insertAudit(db, event);
      return changed;
    });
  }

  /** Ends nothing: the pool is the caller's. */
  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
