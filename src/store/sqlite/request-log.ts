// RequestLogRow ⇄ request_log rows: the insert the flusher batches, and the reads the admin API needs.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';
import type { RequestLogRow } from '../../pipeline/ports.ts';
import { bit, isSet, type PositionalParams } from './params.ts';

/** A request_log row as both stores read it; booleans are 0/1 on SQLite, true/false on Postgres. */
export interface RequestLogDbRow {
  request_id: string;
  time: number;
  key_name: string | null;
  app: string | null;
  team: string | null;
  route: string;
  logical_model: string | null;
  vendor: string | null;
  vendor_model: string | null;
  status: number;
  error_code: string | null;
  attempts: number;
  stream: number | boolean;
  latency_ms: number;
  ttfb_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  usage_reported: number | boolean | null;
  cost_usd: number | null;
  price_source: string | null;
  failed_cost_usd: number | null;
}

export const REQUEST_LOG_COLUMNS = [
  'request_id', 'time', 'key_name', 'app', 'team', 'route', 'logical_model', 'vendor', 'vendor_model', 'status',
  'error_code', 'attempts', 'stream', 'latency_ms', 'ttfb_ms', 'input_tokens', 'output_tokens',
  'cache_read_tokens', 'usage_reported', 'cost_usd', 'price_source', 'failed_cost_usd',
] as const satisfies readonly (keyof RequestLogDbRow)[];

// INSERT OR IGNORE on the request_id key makes a journal replay after a crash harmless. Positional parameters:
// better-sqlite3 binds them ~3 µs per row faster than named ones it must look up on an object, and every request
// writes a row.
const INSERT = `INSERT OR IGNORE INTO request_log (${REQUEST_LOG_COLUMNS.join(', ')})
  VALUES (${REQUEST_LOG_COLUMNS.map(() => '?').join(', ')})`;

export type RequestLogParams = PositionalParams<RequestLogDbRow, typeof REQUEST_LOG_COLUMNS>;

/** The row's values in REQUEST_LOG_COLUMNS order, booleans as 0/1 (which both stores bind). */
export function requestLogParams(r: RequestLogRow): RequestLogParams {
  return [
    r.requestId, r.time, r.keyName, r.app, r.team, r.route, r.logicalModel, r.vendor, r.vendorModel, r.status,
    r.errorCode, r.attempts, bit(r.stream), r.latencyMs, r.ttfbMs, r.inputTokens, r.outputTokens,
    r.cacheReadTokens, r.usageReported === null ? null : bit(r.usageReported), r.costUsd, r.priceSource ?? null,
    r.failedCostUsd ?? null,
  ];
}

export function requestLogFromDb(d: RequestLogDbRow): RequestLogRow {
  return {
    requestId: d.request_id, time: d.time, keyName: d.key_name, app: d.app, team: d.team, route: d.route,
    logicalModel: d.logical_model, vendor: d.vendor, vendorModel: d.vendor_model, status: d.status,
    errorCode: d.error_code, attempts: d.attempts, stream: isSet(d.stream), latencyMs: d.latency_ms,
    ttfbMs: d.ttfb_ms, inputTokens: d.input_tokens, outputTokens: d.output_tokens,
    cacheReadTokens: d.cache_read_tokens,
    usageReported: d.usage_reported === null ? null : isSet(d.usage_reported),
    costUsd: d.cost_usd,
    ...(d.price_source === null ? {} : { priceSource: d.price_source }),
    ...(d.failed_cost_usd == null ? {} : { failedCostUsd: d.failed_cost_usd }),
  };
}

/** Which rows the admin API's request list shows; every field set must match. */
export interface RequestFilter {
  app?: string;
  team?: string;
  keyName?: string;
  logicalModel?: string;
  vendor?: string;
  /** 'ok': answered with a 2xx; 'error': anything else */
  outcome?: 'ok' | 'error';
  /** only rows after this one in the list's order (newest first): the next page */
  before?: { time: number; requestId: string };
}

const FILTER_COLUMNS = { app: 'app', team: 'team', keyName: 'key_name', logicalModel: 'logical_model', vendor: 'vendor' } as const;

/**
 * The WHERE clause for a filter, both stores' dialects: `param(i)` writes the i-th placeholder (0-based) and `text`
 * wraps a text column for comparison in byte order (Postgres' COLLATE "C", SQLite's own order).
 */
export function requestFilterSql(filter: RequestFilter, param: (i: number) => string, text: (column: string) => string = (c) => c): { where: string; params: (string | number)[] } {
  const terms: string[] = [];
  const params: (string | number)[] = [];
  const next = (value: string | number): string => {
    params.push(value);
    return param(params.length - 1);
  };
  for (const [field, column] of Object.entries(FILTER_COLUMNS)) {
    const value = filter[field as keyof typeof FILTER_COLUMNS];
    if (value !== undefined) terms.push(`${column} = ${next(value)}`);
  }
  if (filter.outcome === 'ok') terms.push('status BETWEEN 200 AND 299');
  if (filter.outcome === 'error') terms.push('status NOT BETWEEN 200 AND 299');
  if (filter.before !== undefined) {
    const { time, requestId } = filter.before;
    terms.push(`(time < ${next(time)} OR (time = ${next(time)} AND ${text('request_id')} < ${next(requestId)}))`);
  }
  return { where: terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`, params };
}

/** SQLite reads a negative LIMIT as "no limit", Postgres refuses one: either way a bad parameter gives []. */
export function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}

export interface RequestLogReader {
  /** newest first */
  recent(limit: number, filter?: RequestFilter): Awaitable<RequestLogRow[]>;
  byId(id: string): Awaitable<RequestLogRow | undefined>;
  count(): Awaitable<number>;
}

export class SqliteRequestLog implements RequestLogReader {
  private readonly insertStmt: Database.Statement<RequestLogParams>;
  /** one statement per filter shape (which fields are set): at most 2^7 */
  private readonly recentStmts = new Map<string, Database.Statement<unknown[], RequestLogDbRow>>();
  private readonly db: Database.Database;
  private readonly byIdStmt: Database.Statement<[string], RequestLogDbRow>;
  private readonly countStmt: Database.Statement<[], { n: number }>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<RequestLogParams>(INSERT);
    this.db = db;
    this.byIdStmt = db.prepare<[string], RequestLogDbRow>('SELECT * FROM request_log WHERE request_id = ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM request_log');
  }

  insert(row: RequestLogRow): void {
    this.insertStmt.run(...requestLogParams(row));
  }

  recent(limit: number, filter: RequestFilter = {}): RequestLogRow[] {
    const { where, params } = requestFilterSql(filter, () => '?');
    let stmt = this.recentStmts.get(where);
    if (stmt === undefined) {
      stmt = this.db.prepare<unknown[], RequestLogDbRow>(`SELECT * FROM request_log ${where} ORDER BY time DESC, request_id DESC LIMIT ?`);
      this.recentStmts.set(where, stmt);
    }
    return stmt.all(...params, rowLimit(limit)).map(requestLogFromDb);
  }

  byId(id: string): RequestLogRow | undefined {
    const row = this.byIdStmt.get(id);
    return row ? requestLogFromDb(row) : undefined;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
