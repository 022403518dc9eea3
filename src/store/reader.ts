// Read-only access to a store for reports, safe while the gateway runs.
//
// The gateway owns the store's journal (one lock, one flusher), so `openStore` in a second process is refused.
// Reports do not need the journal: they open the SQLite file itself read-only, with no journal, no lock and no
// migrations (WAL mode lets this reader and the gateway's flusher work side by side), or Postgres' tables.
//
// What a reader cannot see: records still in the journal, not yet committed by the flusher — at most one flush
// interval (50 ms by default) while the gateway runs, or whatever a crashed gateway left behind until it is
// started again and replays its journal.
import Database from 'better-sqlite3';
import type { Awaitable } from '../core/awaitable.ts';
import { parseStoreUrl } from './open.ts';
import { openPgStoreReader } from './postgres/open-pg.ts';
import type { DataFlowReader } from './sqlite/data-flows.ts';
import type { RequestLogReader } from './sqlite/request-log.ts';
import type { ModelTrafficReader } from './sqlite/model-traffic.ts';
import type { SpendReader } from './sqlite/spend.ts';
import type { UsageReplayReader } from './sqlite/usage-replay.ts';
import type { DrillRecordReader } from './sqlite/drill-records.ts';
import type { ReadinessReader } from './sqlite/readiness.ts';
import { sqliteReaders } from './sqlite/readers.ts';

export interface StoreReader extends StoreReaders {
  close(): Awaitable<void>;
}

/** What a report reads; a running gateway's store has these too, on its own connection (the admin API). */
export interface StoreReaders {
  requestLog: RequestLogReader;
  dataFlows: DataFlowReader;
  spend: SpendReader;
  /** requests per app × logical model × vendor model, for `airlock report deprecations` */
  modelTraffic: ModelTrafficReader;
  /** recorded token volumes, for `airlock report what-if` */
  usageReplay: UsageReplayReader;
  /** `airlock drill` records (none in a store from before migration 7) */
  drills: DrillRecordReader;
  /** traffic and spend per vendor, usual data classes per app, for `airlock report readiness` */
  readiness: ReadinessReader;
}

export async function openStoreReader(url: string): Promise<StoreReader> {
  const target = parseStoreUrl(url);
  if (target.kind === 'postgres') return openPgStoreReader(target.url);
  if (target.memory) throw new Error('a sqlite::memory: store lives inside the gateway process and cannot be read from outside');
  let db: Database.Database;
  try {
    db = new Database(target.file, { readonly: true, fileMustExist: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_CANTOPEN') throw new Error(`store ${target.file} does not exist or cannot be opened (has the gateway run with this config?)`);
    throw err;
  }
  try {
    // Readers wait out a checkpoint's brief exclusive moment instead of failing with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    requireTables(db, target.file);
    return { ...sqliteReaders(db), close: () => void db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

function requireTables(db: Database.Database, file: string): void {
  const names = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name),
  );
  if (!names.has('schema_migrations') || !names.has('request_log')) throw new Error(`${file} is not an Airlock store`);
  // A store last written by an older Airlock: the gateway of this version migrates it on its next start.
  if (!names.has('data_flow')) throw new Error(`store ${file} has no data-flow table yet: start the gateway of this version once to migrate it`);
}
