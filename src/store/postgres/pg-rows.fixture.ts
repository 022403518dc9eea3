// Plain INSERTs of request-log and data-flow rows into a Postgres schema, for reader tests: the value mapping of
// the SQLite store's inserts (request-log.ts, data-flows.ts), with booleans as booleans.
import type { DataFlowRow, RequestLogRow } from '../../pipeline/ports.ts';
import type { Queryable } from './connect.ts';

const LOG_COLUMNS = [
  'request_id', 'time', 'key_name', 'app', 'team', 'route', 'logical_model', 'vendor', 'vendor_model', 'status',
  'error_code', 'attempts', 'stream', 'latency_ms', 'ttfb_ms', 'input_tokens', 'output_tokens',
  'cache_read_tokens', 'usage_reported', 'cost_usd', 'price_source', 'failed_cost_usd',
] as const;

const FLOW_COLUMNS = [
  'request_id', 'time', 'app', 'team', 'logical_model', 'vendor', 'region', 'terms_version', 'classes', 'action',
] as const;

const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;

const INSERT_LOG = insertSql('request_log', LOG_COLUMNS);
const INSERT_FLOW = insertSql('data_flow', FLOW_COLUMNS);

function logValues(r: RequestLogRow): unknown[] {
  return [
    r.requestId, r.time, r.keyName, r.app, r.team, r.route, r.logicalModel, r.vendor, r.vendorModel, r.status,
    r.errorCode, r.attempts, r.stream, r.latencyMs, r.ttfbMs, r.inputTokens, r.outputTokens,
    r.cacheReadTokens, r.usageReported, r.costUsd, r.priceSource ?? null, r.failedCostUsd ?? null,
  ];
}

function flowValues(r: DataFlowRow): unknown[] {
  return [r.requestId, r.time, r.app, r.team, r.logicalModel, r.vendor, r.region, r.termsVersion, JSON.stringify(r.classes), r.action];
}

/** One INSERT per row, in order, so seq follows the array. */
export async function insertRequestRows(pool: Queryable, rows: readonly RequestLogRow[]): Promise<void> {
  for (const r of rows) await pool.query(INSERT_LOG, logValues(r));
}

export async function insertFlowRows(pool: Queryable, rows: readonly DataFlowRow[]): Promise<void> {
  for (const r of rows) await pool.query(INSERT_FLOW, flowValues(r));
}
