// A second writer connection beside the gateway's store (vendor register, drill records, virtual keys): WAL so it
// never blocks the flusher, synchronous=FULL because what it writes was acknowledged to a person (a review, a
// revoke), busy_timeout so it waits for the flusher instead of failing, and migrated so it can open a fresh file.
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/index.ts';
import { migrate } from './migrate.ts';

export function openDurableSqlite(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, SQLITE_MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
