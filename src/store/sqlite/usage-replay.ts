// The recorded token volumes of a period, for `airlock report what-if`: request_log rows that carry tokens,
// grouped in SQLite by logical model, vendor and vendor model. The tokens of rows whose cost was never priced
// are summed apart as well, so a replay can price exactly those at today's prices: cost_usd NULL, or metered at
// zero for want of a price (price_source 'unpriced', in stores that have that column).
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';

export interface UsageTokens {
  requests: number;
  /** includes the cache-read tokens, as Usage.input does */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
}

export interface UsageGroup extends UsageTokens {
  logicalModel: string | null;
  vendor: string | null;
  vendorModel: string | null;
  /** the logged cost; rows never priced add nothing */
  costUsd: number;
  /** the part of the group that was never priced */
  unpriced: UsageTokens;
}

export interface UsageReplayReader {
  /** rows with time ≥ since and any tokens, one group per logical model × vendor × vendor model */
  usage(since: number): Awaitable<UsageGroup[]>;
}

// The never-priced condition is one of two fixed strings, chosen by the store's columns: never user input.
const NULL_COST = 'cost_usd IS NULL';
const UNPRICED = "(cost_usd IS NULL OR price_source = 'unpriced')";

function usageSql(unpriced: string): string {
  const sum = (column: string): string => `coalesce(sum(${column}), 0)`;
  const sumUnpriced = (column: string): string => `coalesce(sum(CASE WHEN ${unpriced} THEN ${column} END), 0)`;
  return `
  SELECT logical_model, vendor, vendor_model,
         count(*) AS requests, ${sum('input_tokens')} AS input_tokens, ${sum('output_tokens')} AS output_tokens,
         ${sum('cache_read_tokens')} AS cache_read_tokens, ${sum('cost_usd')} AS cost_usd,
         ${sum(unpriced)} AS unpriced_requests, ${sumUnpriced('input_tokens')} AS unpriced_input,
         ${sumUnpriced('output_tokens')} AS unpriced_output, ${sumUnpriced('cache_read_tokens')} AS unpriced_cache_read
  FROM request_log
  WHERE time >= ? AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)
  GROUP BY logical_model, vendor, vendor_model
  ORDER BY logical_model NULLS LAST, vendor NULLS LAST, vendor_model NULLS LAST`;
}

export interface UsageDbRow {
  logical_model: string | null;
  vendor: string | null;
  vendor_model: string | null;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  unpriced_requests: number;
  unpriced_input: number;
  unpriced_output: number;
  unpriced_cache_read: number;
}

export function usageFromDb(d: UsageDbRow): UsageGroup {
  return {
    logicalModel: d.logical_model, vendor: d.vendor, vendorModel: d.vendor_model, requests: d.requests,
    inputTokens: d.input_tokens, outputTokens: d.output_tokens, cacheReadTokens: d.cache_read_tokens, costUsd: d.cost_usd,
    unpriced: {
      requests: d.unpriced_requests, inputTokens: d.unpriced_input, outputTokens: d.unpriced_output, cacheReadTokens: d.unpriced_cache_read,
    },
  };
}

export class SqliteUsageReplay implements UsageReplayReader {
  private readonly stmt: Database.Statement<[number], UsageDbRow>;

  constructor(db: Database.Database) {
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('request_log')").all();
    const hasSource = columns.some((c) => c.name === 'price_source');
    this.stmt = db.prepare<[number], UsageDbRow>(usageSql(hasSource ? UNPRICED : NULL_COST));
  }

  usage(since: number): UsageGroup[] {
    return this.stmt.all(since).map(usageFromDb);
  }
}
