// Every report reader over one pool: a report's own, or the gateway's store pool (admin API).
import type pg from 'pg';
import type { StoreReaders } from '../reader.ts';
import { PgDataFlows } from './data-flows.ts';
import { PgDrillRecords } from './drill-records.ts';
import { PgModelTraffic } from './model-traffic.ts';
import { PgReadiness } from './readiness.ts';
import { PgRequestLog } from './request-log.ts';
import { PgSpend } from './spend.ts';
import { PgUsageReplay } from './usage-replay.ts';

export function pgReaders(pool: pg.Pool): StoreReaders {
  return {
    requestLog: new PgRequestLog(pool),
    dataFlows: new PgDataFlows(pool),
    spend: new PgSpend(pool),
    modelTraffic: new PgModelTraffic(pool),
    usageReplay: new PgUsageReplay(pool),
    drills: new PgDrillRecords(pool),
    readiness: new PgReadiness(pool),
  };
}
