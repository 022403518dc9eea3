// The SQLite backend: one connection, tuned for one writer (the flusher) and occasional readers (admin API).
import Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { ReadinessProbe } from '../../pipeline/ports.ts';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/index.ts';
import type { RecordBackend } from '../queue/backend.ts';
import type { JournalRecord } from '../queue/records.ts';
import { SqliteCostAlerts } from './cost-alerts.ts';
import { SqliteDataFlows } from './data-flows.ts';
import { migrate } from './migrate.ts';
import { SqliteRequestContent } from './request-content.ts';
import { SqliteRequestLog } from './request-log.ts';
import { SqliteSpendTotals } from './spend-totals.ts';
import { sqliteReaders } from './readers.ts';
import type { StoreReaders } from '../reader.ts';

export interface SqliteStoreOptions {
  /** FULL makes each commit survive a power loss (an fsync per batch); NORMAL only a process crash */
  synchronous?: 'NORMAL' | 'FULL';
  clock?: Clock;
}

/** /readyz may be hit many times a second under load; one real query per second answers all of them. */
const READY_CACHE_MS = 1000;

export class SqliteStore implements RecordBackend, ReadinessProbe {
  readonly requestLog: SqliteRequestLog;
  readonly dataFlows: SqliteDataFlows;
  /** `log_content: true`: redacted prompts and answers */
  readonly requestContent: SqliteRequestContent;
  /** on the flusher's connection: a :memory: database exists only there, and better-sqlite3 calls never interleave */
  readonly costAlerts: SqliteCostAlerts;
  readonly spendTotals: SqliteSpendTotals;
  /** the reports' readers, for the admin API: on this connection, as a :memory: database has no other */
  readonly reports: StoreReaders;
  private readonly db: Database.Database;
  private readonly commitTx: (records: readonly JournalRecord[]) => void;
  private readonly ping: Database.Statement<[], unknown>;
  private readonly clock: Clock;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private lastReady = false;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(file);
    try {
      // WAL: readers never block the flusher's writes. NORMAL in WAL mode is safe against process crashes,
      // which is the journal's guarantee too (https://www.sqlite.org/pragma.html#pragma_synchronous).
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db, SQLITE_MIGRATIONS);
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.requestLog = new SqliteRequestLog(this.db);
    this.dataFlows = new SqliteDataFlows(this.db);
    this.requestContent = new SqliteRequestContent(this.db);
    this.costAlerts = new SqliteCostAlerts(this.db);
    this.spendTotals = new SqliteSpendTotals(this.db);
    this.reports = sqliteReaders(this.db);
    this.ping = this.db.prepare<[], unknown>('SELECT 1');
    this.clock = options.clock ?? systemClock;
    this.commitTx = this.db.transaction((records: readonly JournalRecord[]) => {
      for (const record of records) this.insert(record);
    });
  }

  commit(records: readonly JournalRecord[]): void {
    this.commitTx(records);
  }

  ready(): boolean {
    const now = this.clock.now();
    if (now - this.checkedAt < READY_CACHE_MS) return this.lastReady;
    this.checkedAt = now;
    try {
      this.ping.get();
      this.lastReady = true;
    } catch {
      this.lastReady = false;
    }
    return this.lastReady;
  }

  close(): void {
    if (!this.db.open) return;
    this.db.close();
    // A closed store must stop answering ready at once, not after the cache expires.
    this.lastReady = false;
    this.checkedAt = Number.POSITIVE_INFINITY;
  }

  private insert(record: JournalRecord): void {
    switch (record.kind) {
      case 'request_log':
        this.requestLog.insert(record.row);
        this.requestContent.insert(record.row);
        return;
      case 'data_flow':
        this.dataFlows.insert(record.row);
        return;
      default: {
        // A new record kind without a table fails the build here.
        const unknown: never = record;
        throw new Error(`no table for record kind ${String((unknown as { kind: unknown }).kind)}`);
      }
    }
  }
}
