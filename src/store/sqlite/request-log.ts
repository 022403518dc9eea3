// RequestLogRow ⇄ request_log rows: the insert the flusher batches, and the reads the admin API needs.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';
import type { RequestLogRow } from '../../pipeline/ports.ts';
import type { PositionalParams } from './params.ts';

interface DbRow {
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
  stream: number;
  latency_ms: number;
  ttfb_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  usage_reported: number | null;
  cost_usd: number | null;
  price_source: string | null;
  failed_cost_usd: number | null;
}

const COLUMNS = [
  'request_id', 'time', 'key_name', 'app', 'team', 'route', 'logical_model', 'vendor', 'vendor_model', 'status',
  'error_code', 'attempts', 'stream', 'latency_ms', 'ttfb_ms', 'input_tokens', 'output_tokens',
  'cache_read_tokens', 'usage_reported', 'cost_usd', 'price_source', 'failed_cost_usd',
] as const satisfies readonly (keyof DbRow)[];

// INSERT OR IGNORE on the request_id key makes a journal replay after a crash harmless. Positional parameters:
// better-sqlite3 binds them ~3 µs per row faster than named ones it must look up on an object, and every request
// writes a row.
const INSERT = `INSERT OR IGNORE INTO request_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

type Params = PositionalParams<DbRow, typeof COLUMNS>;

/** The row's values in COLUMNS order. */
function toParams(r: RequestLogRow): Params {
  return [
    r.requestId, r.time, r.keyName, r.app, r.team, r.route, r.logicalModel, r.vendor, r.vendorModel, r.status,
    r.errorCode, r.attempts, r.stream ? 1 : 0, r.latencyMs, r.ttfbMs, r.inputTokens, r.outputTokens,
    r.cacheReadTokens, r.usageReported === null ? null : r.usageReported ? 1 : 0, r.costUsd, r.priceSource ?? null,
    r.failedCostUsd ?? null,
  ];
}

function fromDb(d: DbRow): RequestLogRow {
  return {
    requestId: d.request_id, time: d.time, keyName: d.key_name, app: d.app, team: d.team, route: d.route,
    logicalModel: d.logical_model, vendor: d.vendor, vendorModel: d.vendor_model, status: d.status,
    errorCode: d.error_code, attempts: d.attempts, stream: d.stream === 1, latencyMs: d.latency_ms,
    ttfbMs: d.ttfb_ms, inputTokens: d.input_tokens, outputTokens: d.output_tokens,
    cacheReadTokens: d.cache_read_tokens,
    usageReported: d.usage_reported === null ? null : d.usage_reported === 1,
    costUsd: d.cost_usd,
    ...(d.price_source === null ? {} : { priceSource: d.price_source }),
    ...(d.failed_cost_usd == null ? {} : { failedCostUsd: d.failed_cost_usd }),
  };
}

export interface RequestLogReader {
  /** newest first */
  recent(limit: number): Awaitable<RequestLogRow[]>;
  byId(id: string): Awaitable<RequestLogRow | undefined>;
  count(): Awaitable<number>;
}

export class SqliteRequestLog implements RequestLogReader {
  private readonly insertStmt: Database.Statement<Params>;
  private readonly recentStmt: Database.Statement<[number], DbRow>;
  private readonly byIdStmt: Database.Statement<[string], DbRow>;
  private readonly countStmt: Database.Statement<[], { n: number }>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<Params>(INSERT);
    this.recentStmt = db.prepare<[number], DbRow>('SELECT * FROM request_log ORDER BY time DESC, request_id DESC LIMIT ?');
    this.byIdStmt = db.prepare<[string], DbRow>('SELECT * FROM request_log WHERE request_id = ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM request_log');
  }

  insert(row: RequestLogRow): void {
    this.insertStmt.run(...toParams(row));
  }

  recent(limit: number): RequestLogRow[] {
    // SQLite reads a negative LIMIT as "no limit": clamp so a bad query parameter cannot dump the table.
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    return this.recentStmt.all(n).map(fromDb);
  }

  byId(id: string): RequestLogRow | undefined {
    const row = this.byIdStmt.get(id);
    return row ? fromDb(row) : undefined;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
