// Applies the numbered migrations a database has not seen yet, each in its own transaction together with
// its row in schema_migrations, so a crash mid-migration leaves the schema at the previous version.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrations/sqlite/index.ts';

export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  // Running an older Airlock on a newer schema could write rows the newer one misreads.
  if (newest > known) throw new Error(`database schema version ${newest} is newer than this Airlock (${known})`);
  const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    }).immediate();
  }
}
