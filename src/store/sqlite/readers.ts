// Every report reader over one SQLite connection: a report's own read-only one, or the gateway's (admin API).
import type Database from 'better-sqlite3';
import type { StoreReaders } from '../reader.ts';
import { SqliteDataFlows } from './data-flows.ts';
import { SqliteDrillRecords } from './drill-records.ts';
import { SqliteModelTraffic } from './model-traffic.ts';
import { SqliteReadiness } from './readiness.ts';
import { SqliteRequestLog } from './request-log.ts';
import { SqliteSpend } from './spend.ts';
import { SqliteUsageReplay } from './usage-replay.ts';

export function sqliteReaders(db: Database.Database): StoreReaders {
  return {
    requestLog: new SqliteRequestLog(db),
    dataFlows: new SqliteDataFlows(db),
    spend: new SqliteSpend(db),
    modelTraffic: new SqliteModelTraffic(db),
    usageReplay: new SqliteUsageReplay(db),
    drills: new SqliteDrillRecords(db),
    readiness: new SqliteReadiness(db),
  };
}
