// The store a config's `store:` URL names: the request log's reader, the durable record sink in front of it,
// and the readiness probe behind /readyz.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { RegisterState } from '../governance/vendor-register.ts';
import type { ReadinessProbe, RecordSink, RequestContent, RequestLogRow } from '../pipeline/ports.ts';
import { DurableQueue } from './queue/durable-queue.ts';
import type { AlertStore } from '../cost/alerts.ts';
import type { DataFlowReader } from './sqlite/data-flows.ts';
import type { SqliteSpendTotals } from './sqlite/spend-totals.ts';
import { SqliteRegisterState } from './sqlite/register-state.ts';
import { SqliteDrillRecordStore, type DrillRecordStore } from './sqlite/drill-records.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

export interface Store extends ReadinessProbe {
  sink: RecordSink;
  requestLog: { recent(limit: number): RequestLogRow[]; byId(id: string): RequestLogRow | undefined; count(): number };
  dataFlows: DataFlowReader;
  /** `log_content: true`: each request's prompt and answer, redacted */
  requestContent: { byRequest(id: string): RequestContent | undefined };
  /** vendor reviews and the audit trail: written synchronously on their own connection, never through the journal */
  registerState: RegisterState;
  /** `airlock drill` records: written synchronously on their own connection, like the register */
  drills: DrillRecordStore;
  /** cost alerts, one row per episode, with their webhook delivery */
  costAlerts: AlertStore;
  /** spend rebuilt from the request log: budget totals after a restart, spend per hour for anomalies */
  spendTotals: SqliteSpendTotals;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** folder for the journal; default: next to the database file (os.tmpdir() for :memory:) */
  journalDir?: string;
  /** how often the background flusher commits, in ms (default 50) */
  flushIntervalMs?: number;
  /**
   * 0 (default): acknowledged records survive a crash of the process, not of the machine. N > 0: the journal
   * is fdatasync'd every N ms and SQLite commits with synchronous=FULL, so a power loss loses at most ~N ms.
   */
  fsyncIntervalMs?: number;
}

type Target = { kind: 'sqlite'; file: string; memory: boolean };

export function parseStoreUrl(url: string): Target {
  if (/^postgres(ql)?:\/\//i.test(url)) throw new Error('postgres store is not implemented yet');
  const match = /^sqlite:(.+)$/i.exec(url);
  // Only the scheme is echoed: a URL may carry a password.
  if (!match?.[1]) throw new Error(`unsupported store url scheme ${JSON.stringify(url.split(':')[0] ?? '')}`);
  const file = match[1].replace(/^\/\/(?=\/)/, '');
  return { kind: 'sqlite', file, memory: file === ':memory:' };
}

function journalPath(target: Target, journalDir: string | undefined): string {
  if (target.memory) {
    // Nothing survives a :memory: database, so its journal is a private temp file, removed on close.
    const name = `airlock-${process.pid}-${randomBytes(6).toString('hex')}.journal`;
    return path.join(journalDir ?? os.tmpdir(), name);
  }
  const base = `${path.basename(target.file)}.journal`;
  return path.resolve(journalDir ?? path.dirname(target.file), base);
}

export function openStore(url: string, options: StoreOptions = {}): Store {
  const target = parseStoreUrl(url);
  const fsyncIntervalMs = options.fsyncIntervalMs ?? 0;
  const db = new SqliteStore(target.file, { synchronous: fsyncIntervalMs > 0 ? 'FULL' : 'NORMAL' });
  let registerState: SqliteRegisterState;
  try {
    registerState = new SqliteRegisterState(target.file);
  } catch (err) {
    db.close();
    throw err;
  }
  let drills: DrillRecordStore;
  try {
    drills = SqliteDrillRecordStore.open(target.file);
  } catch (err) {
    registerState.close();
    db.close();
    throw err;
  }
  let queue: DurableQueue;
  try {
    queue = new DurableQueue({
      journalPath: journalPath(target, options.journalDir),
      backend: db,
      flushIntervalMs: options.flushIntervalMs,
      fsyncIntervalMs,
      ephemeral: target.memory,
    });
  } catch (err) {
    drills.close();
    registerState.close();
    db.close();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    sink: queue,
    requestLog: db.requestLog,
    dataFlows: db.dataFlows,
    requestContent: db.requestContent,
    registerState,
    drills,
    costAlerts: db.costAlerts,
    spendTotals: db.spendTotals,
    ready: () => db.ready(),
    close: () => {
      closing ??= queue.close().finally(() => {
        drills.close();
        registerState.close();
        db.close();
      });
      return closing;
    },
  };
}
