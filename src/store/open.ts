// The store a config's `store:` URL names: the request log's reader, the durable record sink in front of it,
// and the readiness probe behind /readyz. `sqlite:FILE` for one process; `postgres://…` for several instances
// sharing one database (each keeps its own journal on local disk, in front of the shared tables).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Awaitable } from '../core/awaitable.ts';
import type { ReadinessProbe, RecordSink, RequestContent } from '../pipeline/ports.ts';
import { DurableQueue } from './queue/durable-queue.ts';
import type { AlertStore, HourlySource } from '../cost/alerts.ts';
import type { RegisterState } from '../governance/vendor-register.ts';
import type { DataFlowReader } from './sqlite/data-flows.ts';
import type { RequestLogReader } from './sqlite/request-log.ts';
import type { StoreReaders } from './reader.ts';
import { SqliteRegisterState } from './sqlite/register-state.ts';
import { SqliteDrillRecordStore, type DrillRecordStore } from './sqlite/drill-records.ts';
import { SqliteVirtualKeys, type VirtualKeyStore } from './sqlite/virtual-keys.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import { threadedReaders } from './sqlite/threaded-readers.ts';
import { openPgRegisterState, openPgStore, openPgVirtualKeys } from './postgres/open-pg.ts';

export interface Store extends ReadinessProbe {
  sink: RecordSink;
  requestLog: RequestLogReader;
  dataFlows: DataFlowReader;
  /** `log_content: true`: each request's prompt and answer, redacted */
  requestContent: { byRequest(id: string): Awaitable<RequestContent | undefined> };
  /** vendor reviews and the audit trail: each write its own transaction, at once, never through the journal */
  registerState: RegisterState;
  /** `airlock drill` records: written at once, like the register */
  drills: DrillRecordStore;
  /** cost alerts, one row per episode, with their webhook delivery */
  costAlerts: AlertStore;
  /** spend rebuilt from the request log: budget totals after a restart, spend per hour for anomalies */
  spendTotals: SpendTotals;
  /** what `airlock report` reads, on the store's own connection (the admin API's reports) */
  reports: StoreReaders;
  close(): Promise<void>;
}

export interface SpendTotals extends HourlySource {
  /** USD spent since `since` by a budget's owner: 'key:NAME', 'app:NAME', 'team:NAME', 'vendor:NAME' or 'global' */
  spentSince(budgetKey: string, since: number): Awaitable<number>;
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
  /**
   * Postgres: names this instance's journal (several instances on one machine each need their own), e.g. the
   * listen address; null: a private journal removed on close (an ephemeral port, a test).
   */
  instance?: string | null;
}

export type Target = { kind: 'sqlite'; file: string; memory: boolean } | { kind: 'postgres'; url: string };

export function parseStoreUrl(url: string): Target {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  const match = /^sqlite:(.+)$/i.exec(url);
  // Only the scheme is echoed: a URL may carry a password.
  if (!match?.[1]) throw new Error(`unsupported store url scheme ${JSON.stringify(url.split(':')[0] ?? '')}`);
  const file = match[1].replace(/^\/\/(?=\/)/, '');
  return { kind: 'sqlite', file, memory: file === ':memory:' };
}

type SqliteTarget = Extract<Target, { kind: 'sqlite' }>;

function sqliteTarget(url: string): SqliteTarget {
  const target = parseStoreUrl(url);
  if (target.kind !== 'sqlite') throw new Error(`not a sqlite store url`);
  return target;
}

function journalPath(target: SqliteTarget, journalDir: string | undefined): string {
  if (target.memory) {
    // Nothing survives a :memory: database, so its journal is a private temp file, removed on close.
    const name = `airlock-${process.pid}-${randomBytes(6).toString('hex')}.journal`;
    return path.join(journalDir ?? os.tmpdir(), name);
  }
  const base = `${path.basename(target.file)}.journal`;
  return path.resolve(journalDir ?? path.dirname(target.file), base);
}

/** Opens the store a URL names, migrating it to this version's schema. */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const target = parseStoreUrl(url);
  return target.kind === 'postgres' ? openPgStore(target.url, options) : openSqliteStore(url, options);
}

export function openSqliteStore(url: string, options: StoreOptions = {}): Store {
  const target = sqliteTarget(url);
  const fsyncIntervalMs = options.fsyncIntervalMs ?? 0;
  const db = new SqliteStore(target.file, { synchronous: fsyncIntervalMs > 0 ? 'FULL' : 'NORMAL' });
  let registerState: SqliteRegisterState;
  try {
    registerState = new SqliteRegisterState(target.file);
  } catch (err) {
    db.close();
    throw err;
  }
  let drills: SqliteDrillRecordStore;
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
  // a file's reports are read on a thread of their own; a :memory: database exists only on this connection
  const threaded = target.memory ? null : threadedReaders(url);
  return assembleStore({
    db, queue, registerState, drills,
    ...(threaded === null ? {} : { reports: threaded.readers }),
    release: async () => {
      await threaded?.close();
      drills.close();
      registerState.close();
      db.close();
    },
  });
}

/** A store's parts: its backend's readers, the journal in front of them, and the tables written apart from it. */
export interface StoreParts {
  db: Pick<Store, 'requestLog' | 'dataFlows' | 'requestContent' | 'costAlerts' | 'spendTotals' | 'reports' | 'ready'>;
  queue: DurableQueue;
  registerState: RegisterState;
  drills: DrillRecordStore;
  /** the readers the admin API's reports use, when not the backend's own (db.reports) */
  reports?: StoreReaders;
  /** ends what the store holds: once, after the journal's last drain, which still writes through it */
  release: () => Awaitable<void>;
}

/** The Store over its parts, the same for every backend. */
export function assembleStore({ db, queue, registerState, drills, reports, release }: StoreParts): Store {
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
    reports: reports ?? db.reports,
    ready: () => db.ready(),
    close: () => {
      closing ??= queue.close().finally(release);
      return closing;
    },
  };
}

/** The register's tables alone, for the CLI beside a running gateway (no journal, no lock). */
export interface OpenedRegisterState {
  state: RegisterState;
  close(): Promise<void>;
}

/**
 * `shared`: refuse a store no other process can see (sqlite::memory:). `mustExist`: refuse to create one (a report
 * reads, it does not set up a store).
 */
export async function openRegisterState(url: string, o: { shared?: boolean; mustExist?: boolean } = {}): Promise<OpenedRegisterState> {
  const target = parseStoreUrl(url);
  if (target.kind === 'postgres') return openPgRegisterState(target.url, o.mustExist === true);
  if (o.shared === true && target.memory) throw new Error(`store ${url} keeps nothing between processes: point store: at a file`);
  if (o.mustExist === true && (target.memory || !existsSync(target.file))) throw new Error(`store ${target.file} does not exist`);
  const state = new SqliteRegisterState(target.file);
  return { state, close: () => Promise.resolve(state.close()) };
}

/** Stored virtual keys (`airlock keys`), or null for a store private to one process (no CLI can have added any). */
export async function openVirtualKeys(url: string, o: { shared?: boolean } = {}): Promise<VirtualKeyStore | null> {
  const target = parseStoreUrl(url);
  if (target.kind === 'postgres') return openPgVirtualKeys(target.url);
  if (target.memory) {
    if (o.shared === true) throw new Error(`store ${url} keeps nothing between processes: point store: at a file`);
    return null;
  }
  return new SqliteVirtualKeys(target.file);
}
