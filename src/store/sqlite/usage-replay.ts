// The recorded token volumes of a period, for `airlock report what-if`: request_log rows that carry tokens,
// grouped in SQLite by logical model, vendor and vendor model. The tokens of rows whose cost was never priced
// (cost_usd NULL) are summed apart as well, so a replay can price exactly those at today's prices.
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
  /** the part of the group whose cost_usd is NULL */
  unpriced: UsageTokens;
}

export interface UsageReplayReader {
  /** rows with time ≥ since and any tokens, one group per logical model × vendor × vendor model */
  usage(since: number): UsageGroup[];
}

const sumWhere = (column: string, unpriced: boolean): string =>
  unpriced ? `coalesce(sum(CASE WHEN cost_usd IS NULL THEN ${column} END), 0)` : `coalesce(sum(${column}), 0)`;

const USAGE = `
  SELECT logical_model, vendor, vendor_model,
         count(*) AS requests, ${sumWhere('input_tokens', false)} AS input_tokens,
         ${sumWhere('output_tokens', false)} AS output_tokens, ${sumWhere('cache_read_tokens', false)} AS cache_read_tokens,
         coalesce(sum(cost_usd), 0) AS cost_usd,
         coalesce(sum(cost_usd IS NULL), 0) AS unpriced_requests, ${sumWhere('input_tokens', true)} AS unpriced_input,
         ${sumWhere('output_tokens', true)} AS unpriced_output, ${sumWhere('cache_read_tokens', true)} AS unpriced_cache_read
  FROM request_log
  WHERE time >= ? AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)
  GROUP BY logical_model, vendor, vendor_model
  ORDER BY logical_model NULLS LAST, vendor NULLS LAST, vendor_model NULLS LAST`;

interface UsageDbRow {
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

export class SqliteUsageReplay implements UsageReplayReader {
  private readonly stmt: Database.Statement<[number], UsageDbRow>;

  constructor(db: Database.Database) {
    this.stmt = db.prepare<[number], UsageDbRow>(USAGE);
  }

  usage(since: number): UsageGroup[] {
    return this.stmt.all(since).map((d) => ({
      logicalModel: d.logical_model, vendor: d.vendor, vendorModel: d.vendor_model, requests: d.requests,
      inputTokens: d.input_tokens, outputTokens: d.output_tokens, cacheReadTokens: d.cache_read_tokens, costUsd: d.cost_usd,
      unpriced: {
        requests: d.unpriced_requests, inputTokens: d.unpriced_input, outputTokens: d.unpriced_output, cacheReadTokens: d.unpriced_cache_read,
      },
    }));
  }
}
