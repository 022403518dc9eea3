// The recorded token volumes of a period on Postgres, for `airlock report what-if`: the SQLite store's statement,
// translated so both stores give the same groups in the same order with the same sums.
import { usageFromDb, type UsageDbRow, type UsageGroup, type UsageReplayReader } from '../sqlite/usage-replay.ts';
import type { Queryable } from './connect.ts';
import { floatSum } from './spend.ts';

// The Postgres schema always has price_source, so never priced is always this (SQLite also checks older stores).
const UNPRICED = "(cost_usd IS NULL OR price_source = 'unpriced')";

const sum = (column: string): string => `coalesce(sum(${column}), 0)`;
const sumUnpriced = (column: string): string => `coalesce(sum(CASE WHEN ${UNPRICED} THEN ${column} END), 0)`;

// SQLite's sum(condition) counts the rows where it is true (false and NULL add nothing): a FILTERed count here.
// COLLATE "C": SQLite orders text by bytes, whatever collation the database was created with.
const USAGE = `
  SELECT logical_model, vendor, vendor_model,
         count(*) AS requests, ${sum('input_tokens')} AS input_tokens, ${sum('output_tokens')} AS output_tokens,
         ${sum('cache_read_tokens')} AS cache_read_tokens, coalesce(${floatSum('cost_usd')}, 0) AS cost_usd,
         count(*) FILTER (WHERE ${UNPRICED}) AS unpriced_requests, ${sumUnpriced('input_tokens')} AS unpriced_input,
         ${sumUnpriced('output_tokens')} AS unpriced_output, ${sumUnpriced('cache_read_tokens')} AS unpriced_cache_read
  FROM request_log
  WHERE time >= $1 AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)
  GROUP BY logical_model, vendor, vendor_model
  ORDER BY logical_model COLLATE "C" NULLS LAST, vendor COLLATE "C" NULLS LAST, vendor_model COLLATE "C" NULLS LAST`;

export class PgUsageReplay implements UsageReplayReader {
  constructor(private readonly db: Queryable) {}

  async usage(since: number): Promise<UsageGroup[]> {
    return (await this.db.query<UsageDbRow>(USAGE, [since])).rows.map(usageFromDb);
  }
}
