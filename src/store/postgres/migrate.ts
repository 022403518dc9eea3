// Postgres migrations, safe when several instances start at once: the first takes a transaction-scoped advisory
// lock and migrates; the others wait on the lock, then find nothing left to do.
import type pg from 'pg';
import type { Migration } from '../migrations/sqlite/index.ts';
import { inTransaction } from './connect.ts';

/** an arbitrary constant: the advisory lock every Airlock instance takes around migrations */
const MIGRATION_LOCK = 0x41726c6b; // "Arlk"

export async function migratePg(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  await inTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const applied = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) throw new Error(`database schema version ${newest} is newer than this Airlock (${known})`);
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await db.query(m.sql);
      await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
    }
  });
}
