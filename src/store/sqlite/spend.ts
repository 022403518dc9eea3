// Spend aggregates over request_log, grouped in SQLite (the time index bounds every scan), behind
// `airlock report spend` and `airlock report forecast`. Unknown stays distinct from zero where it matters: a
// row with usage_reported = 0 is a cost Airlock estimated from its own token count, and is summed apart.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';

export const SPEND_DIMENSIONS = ['team', 'app', 'key', 'vendor', 'model'] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

// The group key per dimension, in SQL both stores run. `model` is the vendor's model, qualified by its vendor (two
// vendors may serve models of the same name at different prices). Fixed strings only: never built from user input.
export const SPEND_GROUP_EXPR: Record<SpendDimension, string> = {
  team: 'team',
  app: 'app',
  key: 'key_name',
  vendor: 'vendor',
  model: "CASE WHEN vendor_model IS NULL THEN NULL ELSE coalesce(vendor, '') || '/' || vendor_model END",
};

export interface SpendGroup {
  /** the dimension's value; null for requests without one (an unknown key, a request refused before any vendor) */
  name: string | null;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** the part of costUsd priced from Airlock's own token count (usage_reported = 0) */
  estimatedUsd: number;
  estimatedRequests: number;
}

/** One chargeback line: a UTC day × vendor × vendor model × team × app × key × logical model. */
export interface SpendLine {
  /** epoch ms of the UTC day's start */
  day: number;
  vendor: string | null;
  vendorModel: string | null;
  team: string | null;
  app: string | null;
  keyName: string | null;
  logicalModel: string | null;
  requests: number;
  tokens: number;
  costUsd: number;
}

export type SpendScope = 'team' | 'app' | 'global';

/** Spend of one team, app or everything on one UTC day. */
export interface DailySpend {
  scope: SpendScope;
  /** team or app name; null for the global scope and for requests without a team or app */
  name: string | null;
  day: number;
  costUsd: number;
}

export interface SpendReader {
  /** requests with time ≥ since, grouped by the dimension, dearest first */
  byDimension(dimension: SpendDimension, since: number): Awaitable<SpendGroup[]>;
  /** requests with time ≥ since, one line per day and charge identity, oldest day first */
  lines(since: number): Awaitable<SpendLine[]>;
  /** spend per UTC day for every team, every app and globally, over time ≥ since */
  daily(since: number): Awaitable<DailySpend[]>;
}

export const DAY_MS = 86_400_000;

const SUMS = `count(*) AS requests, coalesce(sum(input_tokens), 0) AS input_tokens,
  coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(sum(cost_usd), 0) AS cost_usd,
  coalesce(sum(CASE WHEN usage_reported = 0 THEN cost_usd END), 0) AS estimated_usd,
  coalesce(sum(usage_reported = 0), 0) AS estimated_requests`;

const byDimensionSql = (d: SpendDimension): string => `
  SELECT ${SPEND_GROUP_EXPR[d]} AS name, ${SUMS}
  FROM request_log WHERE time >= ?
  GROUP BY 1 ORDER BY cost_usd DESC, name NULLS LAST`;

// Integer division: time is INTEGER epoch ms, so time / 86400000 is the UTC day number.
const LINES = `
  SELECT (time / ${DAY_MS}) * ${DAY_MS} AS day, vendor, vendor_model, team, app, key_name, logical_model,
         count(*) AS requests, coalesce(sum(input_tokens), 0) + coalesce(sum(output_tokens), 0) AS tokens,
         coalesce(sum(cost_usd), 0) AS cost_usd
  FROM request_log WHERE time >= ?
  GROUP BY 1, vendor, vendor_model, team, app, key_name, logical_model
  ORDER BY 1, vendor NULLS LAST, vendor_model NULLS LAST, team NULLS LAST, app NULLS LAST, key_name NULLS LAST,
           logical_model NULLS LAST`;

const DAY = `(time / ${DAY_MS}) * ${DAY_MS}`;
const DAILY = `
  SELECT 'team' AS scope, team AS name, ${DAY} AS day, coalesce(sum(cost_usd), 0) AS cost_usd
    FROM request_log WHERE time >= ? GROUP BY team, day
  UNION ALL
  SELECT 'app', app, ${DAY}, coalesce(sum(cost_usd), 0) FROM request_log WHERE time >= ? GROUP BY app, ${DAY}
  UNION ALL
  SELECT 'global', NULL, ${DAY}, coalesce(sum(cost_usd), 0) FROM request_log WHERE time >= ? GROUP BY ${DAY}
  ORDER BY 1, 2 NULLS LAST, 3`;

export interface SpendGroupDbRow {
  name: string | null;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  estimated_usd: number;
  estimated_requests: number;
}

export interface SpendLineDbRow {
  day: number;
  vendor: string | null;
  vendor_model: string | null;
  team: string | null;
  app: string | null;
  key_name: string | null;
  logical_model: string | null;
  requests: number;
  tokens: number;
  cost_usd: number;
}

export interface DailySpendDbRow {
  scope: SpendScope;
  name: string | null;
  day: number;
  cost_usd: number;
}

export function spendGroupFromDb(d: SpendGroupDbRow): SpendGroup {
  return {
    name: d.name, requests: d.requests, inputTokens: d.input_tokens, outputTokens: d.output_tokens,
    costUsd: d.cost_usd, estimatedUsd: d.estimated_usd, estimatedRequests: d.estimated_requests,
  };
}

export function spendLineFromDb(d: SpendLineDbRow): SpendLine {
  return {
    day: d.day, vendor: d.vendor, vendorModel: d.vendor_model, team: d.team, app: d.app, keyName: d.key_name,
    logicalModel: d.logical_model, requests: d.requests, tokens: d.tokens, costUsd: d.cost_usd,
  };
}

export function dailySpendFromDb(d: DailySpendDbRow): DailySpend {
  return { scope: d.scope, name: d.name, day: d.day, costUsd: d.cost_usd };
}

export class SqliteSpend implements SpendReader {
  private readonly byDimensionStmts: Record<SpendDimension, Database.Statement<[number], SpendGroupDbRow>>;
  private readonly linesStmt: Database.Statement<[number], SpendLineDbRow>;
  private readonly dailyStmt: Database.Statement<[number, number, number], DailySpendDbRow>;

  constructor(db: Database.Database) {
    const prepare = (d: SpendDimension): Database.Statement<[number], SpendGroupDbRow> => db.prepare<[number], SpendGroupDbRow>(byDimensionSql(d));
    this.byDimensionStmts = {
      team: prepare('team'), app: prepare('app'), key: prepare('key'), vendor: prepare('vendor'), model: prepare('model'),
    };
    this.linesStmt = db.prepare<[number], SpendLineDbRow>(LINES);
    this.dailyStmt = db.prepare<[number, number, number], DailySpendDbRow>(DAILY);
  }

  byDimension(dimension: SpendDimension, since: number): SpendGroup[] {
    return this.byDimensionStmts[dimension].all(since).map(spendGroupFromDb);
  }

  lines(since: number): SpendLine[] {
    return this.linesStmt.all(since).map(spendLineFromDb);
  }

  daily(since: number): DailySpend[] {
    return this.dailyStmt.all(since, since, since).map(dailySpendFromDb);
  }
}
