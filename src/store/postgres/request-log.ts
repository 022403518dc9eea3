// RequestLogRow ⇄ request_log rows on Postgres: the insert the store's commit batches, and the admin API's reads.
import type { RequestLogRow } from '../../pipeline/ports.ts';
import type { PositionalParams } from '../sqlite/params.ts';
import type { RequestLogReader } from '../sqlite/request-log.ts';
import type { Queryable } from './connect.ts';
import { insertRows } from './insert-rows.ts';

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
  stream: boolean;
  latency_ms: number;
  ttfb_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  usage_reported: boolean | null;
  cost_usd: number | null;
  price_source: string | null;
  failed_cost_usd: number | null;
}

const COLUMNS = [
  'request_id', 'time', 'key_name', 'app', 'team', 'route', 'logical_model', 'vendor', 'vendor_model', 'status',
  'error_code', 'attempts', 'stream', 'latency_ms', 'ttfb_ms', 'input_tokens', 'output_tokens',
  'cache_read_tokens', 'usage_reported', 'cost_usd', 'price_source', 'failed_cost_usd',
] as const satisfies readonly (keyof DbRow)[];

type Params = PositionalParams<DbRow, typeof COLUMNS>;

// seq and xid are left out: SELECT * would hand them to fromDb's callers for nothing
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM request_log`;

/** The row's values in COLUMNS order. */
function toParams(r: RequestLogRow): Params {
  return [
    r.requestId, r.time, r.keyName, r.app, r.team, r.route, r.logicalModel, r.vendor, r.vendorModel, r.status,
    r.errorCode, r.attempts, r.stream, r.latencyMs, r.ttfbMs, r.inputTokens, r.outputTokens,
    r.cacheReadTokens, r.usageReported, r.costUsd, r.priceSource ?? null, r.failedCostUsd ?? null,
  ];
}

function fromDb(d: DbRow): RequestLogRow {
  return {
    requestId: d.request_id, time: d.time, keyName: d.key_name, app: d.app, team: d.team, route: d.route,
    logicalModel: d.logical_model, vendor: d.vendor, vendorModel: d.vendor_model, status: d.status,
    errorCode: d.error_code, attempts: d.attempts, stream: d.stream, latencyMs: d.latency_ms,
    ttfbMs: d.ttfb_ms, inputTokens: d.input_tokens, outputTokens: d.output_tokens,
    cacheReadTokens: d.cache_read_tokens, usageReported: d.usage_reported, costUsd: d.cost_usd,
    ...(d.price_source === null ? {} : { priceSource: d.price_source }),
    ...(d.failed_cost_usd == null ? {} : { failedCostUsd: d.failed_cost_usd }),
  };
}

/**
 * Stores the rows; ON CONFLICT DO NOTHING on the request_id key makes a journal replay after a crash harmless.
 * Pass a transaction's client to store them together with the commit's other records.
 */
export async function insertRequestLogRows(db: Queryable, rows: readonly RequestLogRow[]): Promise<void> {
  await insertRows(db, 'request_log', COLUMNS, rows.map(toParams), 'ON CONFLICT (request_id) DO NOTHING');
}

export class PgRequestLog implements RequestLogReader {
  constructor(private readonly db: Queryable) {}

  async recent(limit: number): Promise<RequestLogRow[]> {
    // Postgres rejects a negative LIMIT; clamp as the SQLite store does, so a bad query parameter gives [].
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    // COLLATE "C": the tie-break in byte order, as SQLite sorts, whatever the database's collation
    const res = await this.db.query<DbRow>(`${SELECT} ORDER BY time DESC, request_id COLLATE "C" DESC LIMIT $1`, [n]);
    return res.rows.map(fromDb);
  }

  async byId(id: string): Promise<RequestLogRow | undefined> {
    const res = await this.db.query<DbRow>(`${SELECT} WHERE request_id = $1`, [id]);
    const row = res.rows[0];
    return row === undefined ? undefined : fromDb(row);
  }

  async count(): Promise<number> {
    const res = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM request_log');
    return res.rows[0]?.n ?? 0;
  }
}
