// The Postgres backend: a small pool shared by the flusher's commits and the readers, for several gateway
// instances writing to one database (each in front of its own local journal).
import type pg from 'pg';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { DataFlowRow, ReadinessProbe, RequestLogRow } from '../../pipeline/ports.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import type { RecordBackend } from '../queue/backend.ts';
import type { JournalRecord } from '../queue/records.ts';
import { inTransaction, openPgPool, type PgOptions } from './connect.ts';
import { PgCostAlerts } from './cost-alerts.ts';
import { insertDataFlowRows, PgDataFlows } from './data-flows.ts';
import { migratePg } from './migrate.ts';
import { insertRequestContent, PgRequestContent } from './request-content.ts';
import { insertRequestLogRows, PgRequestLog } from './request-log.ts';
import { PgSpendTotals } from './spend-totals.ts';
import { pgReaders } from './readers.ts';
import type { StoreReaders } from '../reader.ts';

export interface PgStoreOptions extends PgOptions {
  clock?: Clock;
}

/** /readyz may be hit many times a second under load; one real query per second answers all of them. */
const READY_CACHE_MS = 1000;
/** a ping unanswered this long means not ready, though it may still answer (a server gone silent never fails it) */
const PING_TIMEOUT_MS = 2000;

export class PgStore implements RecordBackend, ReadinessProbe {
  readonly requestLog: PgRequestLog;
  readonly dataFlows: PgDataFlows;
  /** `log_content: true`: redacted prompts and answers */
  readonly requestContent: PgRequestContent;
  readonly costAlerts: PgCostAlerts;
  readonly spendTotals: PgSpendTotals;
  /** the reports' readers, for the admin API: on this pool, so they see what every instance committed */
  readonly reports: StoreReaders;
  private readonly clock: Clock;
  private closed = false;
  private lastReady = false;
  /** when the last ping started; ready() starts the next one once this is a second old */
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pinging: Promise<void> | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    clock: Clock,
    /** false: the pool is shared with the register and the rest of the process, which end it */
    private readonly ownsPool: boolean,
  ) {
    this.requestLog = new PgRequestLog(pool);
    this.dataFlows = new PgDataFlows(pool);
    this.requestContent = new PgRequestContent(pool);
    this.costAlerts = new PgCostAlerts(pool);
    this.spendTotals = new PgSpendTotals(pool);
    this.reports = pgReaders(pool);
    this.clock = clock;
  }

  /** Connects, migrates (safe with several instances starting at once) and answers ready() from the first ping. */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = openPgPool(url, options);
    try {
      return await PgStore.onPool(pool, options.clock, true);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
  }

  /** The same on a pool the caller keeps (and ends, unless `ownsPool`). */
  static async onPool(pool: pg.Pool, clock: Clock = systemClock, ownsPool = false): Promise<PgStore> {
    await migratePg(pool, POSTGRES_MIGRATIONS);
    const store = new PgStore(pool, clock, ownsPool);
    await store.ping();
    return store;
  }

  /** One transaction for the whole batch: all of it is stored, or it throws and none of it is. */
  async commit(records: readonly JournalRecord[]): Promise<void> {
    const logs: RequestLogRow[] = [];
    const flows: DataFlowRow[] = [];
    for (const record of records) {
      switch (record.kind) {
        case 'request_log':
          logs.push(record.row);
          break;
        case 'data_flow':
          flows.push(record.row);
          break;
        default: {
          // A new record kind without a table fails the build here.
          const unknown: never = record;
          throw new Error(`no table for record kind ${String((unknown as { kind: unknown }).kind)}`);
        }
      }
    }
    if (logs.length === 0 && flows.length === 0) return;
    await inTransaction(this.pool, async (db) => {
      await insertRequestLogRows(db, logs);
      await insertRequestContent(db, logs);
      await insertDataFlowRows(db, flows);
    });
  }

  /** Synchronous for /readyz: the last ping's answer, with a new ping started in the background when it is stale. */
  ready(): boolean {
    if (this.closed) return false;
    const now = this.clock.now();
    if (this.pinging !== null) return this.lastReady && now - this.checkedAt < PING_TIMEOUT_MS;
    if (now - this.checkedAt >= READY_CACHE_MS) void this.ping();
    return this.lastReady;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // A closed store must stop answering ready at once, not after the cache expires.
    this.closed = true;
    this.lastReady = false;
    if (this.ownsPool) await this.pool.end();
  }

  /** never two at once: a slow server would otherwise collect one waiting ping per /readyz hit */
  private ping(): Promise<void> {
    if (this.pinging !== null) return this.pinging;
    this.checkedAt = this.clock.now();
    this.pinging = this.pool.query('SELECT 1').then(
      () => { if (!this.closed) this.lastReady = true; },
      () => { this.lastReady = false; },
    ).finally(() => { this.pinging = null; });
    return this.pinging;
  }
}
