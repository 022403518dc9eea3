// Stored virtual keys (`airlock keys`). Own connection, like the register: the CLI writes while a gateway runs
// (WAL lets both in), and the gateway rereads the active keys every few seconds. Each create/revoke commits with
// its audit event in one transaction.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';
import { openDurableSqlite } from './open-durable.ts';
import type { AuditEvent } from '../../pipeline/ports.ts';
import { auditParams } from '../rows/audit-event.ts';
import { keyFromRow, newKeyParams, type KeyRow } from '../rows/virtual-keys.ts';

export interface StoredKey {
  name: string;
  /** sha256 hex of the key; the plain key is never stored */
  hash: string;
  app: string;
  /** the logical models this key may call; null = all */
  models: string[] | null;
  createdAt: number;
  revokedAt: number | null;
}

/** Where `airlock keys` keeps its keys; SQLite answers at once, Postgres over the network. */
export interface VirtualKeyStore {
  list(): Awaitable<StoredKey[]>;
  active(): Awaitable<StoredKey[]>;
  get(name: string): Awaitable<StoredKey | undefined>;
  /** rejects on a name or hash already stored */
  create(key: StoredKey, event: AuditEvent): Awaitable<void>;
  /** false: no active key of that name (unknown or already revoked) */
  revoke(name: string, time: number, event: AuditEvent): Awaitable<boolean>;
  close(): Awaitable<void>;
}

const INSERT_AUDIT = 'INSERT INTO audit_event (id, time, actor, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)';

export class SqliteVirtualKeys implements VirtualKeyStore {
  private readonly db: Database.Database;

  /** file: the SQLite path from the store URL */
  constructor(file: string) {
    this.db = openDurableSqlite(file);
  }

  list(): StoredKey[] {
    return this.db.prepare<[], KeyRow>('SELECT * FROM virtual_key ORDER BY created_at, name').all().map(keyFromRow);
  }

  active(): StoredKey[] {
    return this.db.prepare<[], KeyRow>('SELECT * FROM virtual_key WHERE revoked_at IS NULL ORDER BY name').all().map(keyFromRow);
  }

  get(name: string): StoredKey | undefined {
    const row = this.db.prepare<[string], KeyRow>('SELECT * FROM virtual_key WHERE name = ?').get(name);
    return row === undefined ? undefined : keyFromRow(row);
  }

  /** Throws on a name or hash already stored (SQLite constraint). */
  create(key: StoredKey, event: AuditEvent): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO virtual_key (name, hash, app, models, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)')
        .run(...newKeyParams(key));
      this.audit(event);
    }).immediate();
  }

  /** false: no active key of that name (unknown or already revoked). */
  revoke(name: string, time: number, event: AuditEvent): boolean {
    return this.db.transaction(() => {
      const changed = this.db.prepare('UPDATE virtual_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(time, name).changes === 1;
      if (changed) this.audit(event);
      return changed;
    }).immediate();
  }

  private audit(e: AuditEvent): void {
    this.db.prepare(INSERT_AUDIT).run(...auditParams(e));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
