// Spend aggregates over request_log on Postgres, behind `airlock report spend` and `airlock report forecast`: the
// SQLite store's statements, translated so both stores give the same answer for the same rows, to the last digit.
import {
  DAY_MS, SPEND_GROUP_EXPR, dailySpendFromDb, spendGroupFromDb, spendLineFromDb, type DailySpend, type DailySpendDbRow,
  type SpendDimension, type SpendGroup, type SpendGroupDbRow, type SpendLine, type SpendLineDbRow, type SpendReader,
} from '../sqlite/spend.ts';
import type { Queryable } from './connect.ts';

// SQLite sums REALs with Kahan-Babuska-Neumaier summation, which is the exact sum rounded once (bar ties within
// ~n·2^-106 of it); a plain float8 sum rounds at every row and drifts in the last digits. So each double is split
// into two integers, x·2^40 = hi + lo·2^-60, summed exactly as bigints, and the total rounded once to float8.
// Exact for every |x| < 2^23 that is a multiple of 2^-100 (every double ≥ 2^-48 USD is).
const TWO_40 = '1099511627776::float8';
const TWO_60 = '1152921504606846976';
const TWO_M100 = 'power(2::float8, -100)';

/** sum(x) of a float8 expression as SQLite computes it; NULL when no row has a value, as sum() is */
export function floatSum(x: string): string {
  const scaled = `((${x}) * ${TWO_40})`;
  const hi = `sum(floor(${scaled})::bigint)`;
  const lo = `sum(((${scaled} - floor(${scaled})) * ${TWO_60}::float8)::bigint)`;
  return `((${hi} * ${TWO_60} + ${lo})::float8 * ${TWO_M100})`;
}

// COLLATE "C" throughout: SQLite orders text by bytes, whatever collation the database was created with.
// SQLite puts NULLs first in ascending order, Postgres last: every NULLS is spelled out.
const SUMS = `count(*) AS requests, coalesce(sum(input_tokens), 0) AS input_tokens,
  coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(${floatSum('cost_usd')}, 0) AS cost_usd,
  coalesce(${floatSum('CASE WHEN NOT usage_reported THEN cost_usd END')}, 0) AS estimated_usd,
  count(*) FILTER (WHERE NOT usage_reported) AS estimated_requests`;

// The subquery lets the ORDER BY collate the output column `name`.
const byDimensionSql = (d: SpendDimension): string => `
  SELECT * FROM (
    SELECT ${SPEND_GROUP_EXPR[d]} AS name, ${SUMS}
    FROM request_log WHERE time >= $1
    GROUP BY 1) g
  ORDER BY cost_usd DESC, name COLLATE "C" NULLS LAST`;

// bigint / bigint truncates as SQLite's integer division does, so this is the UTC day's start.
const DAY = `(time / ${DAY_MS}) * ${DAY_MS}`;

const LINES = `
  SELECT ${DAY} AS day, vendor, vendor_model, team, app, key_name, logical_model,
         count(*) AS requests, coalesce(sum(input_tokens), 0) + coalesce(sum(output_tokens), 0) AS tokens,
         coalesce(${floatSum('cost_usd')}, 0) AS cost_usd
  FROM request_log WHERE time >= $1
  GROUP BY 1, vendor, vendor_model, team, app, key_name, logical_model
  ORDER BY 1, vendor COLLATE "C" NULLS LAST, vendor_model COLLATE "C" NULLS LAST, team COLLATE "C" NULLS LAST,
           app COLLATE "C" NULLS LAST, key_name COLLATE "C" NULLS LAST, logical_model COLLATE "C" NULLS LAST`;

// Postgres orders a UNION only by its output columns, uncollated: the outer query does it.
const DAILY = `
  SELECT * FROM (
    SELECT 'team' AS scope, team AS name, ${DAY} AS day, coalesce(${floatSum('cost_usd')}, 0) AS cost_usd
      FROM request_log WHERE time >= $1 GROUP BY team, ${DAY}
    UNION ALL
    SELECT 'app', app, ${DAY}, coalesce(${floatSum('cost_usd')}, 0) FROM request_log WHERE time >= $1 GROUP BY app, ${DAY}
    UNION ALL
    SELECT 'global', NULL, ${DAY}, coalesce(${floatSum('cost_usd')}, 0) FROM request_log WHERE time >= $1 GROUP BY ${DAY}) u
  ORDER BY scope COLLATE "C", name COLLATE "C" NULLS LAST, day`;

export class PgSpend implements SpendReader {
  constructor(private readonly db: Queryable) {}

  async byDimension(dimension: SpendDimension, since: number): Promise<SpendGroup[]> {
    return (await this.db.query<SpendGroupDbRow>(byDimensionSql(dimension), [since])).rows.map(spendGroupFromDb);
  }

  async lines(since: number): Promise<SpendLine[]> {
    return (await this.db.query<SpendLineDbRow>(LINES, [since])).rows.map(spendLineFromDb);
  }

  async daily(since: number): Promise<DailySpend[]> {
    return (await this.db.query<DailySpendDbRow>(DAILY, [since])).rows.map(dailySpendFromDb);
  }
}
