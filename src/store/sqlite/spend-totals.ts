// Spend totals rebuilt from request_log, the store's record of every metered request: what a budget spent in its
// period so far (for counters that lost their totals: a restart with in-process counters, a Redis restart or
// FLUSHALL), and spend per hour for the anomaly check. The time index bounds each scan to the period.
import type Database from 'better-sqlite3';
import { HOUR_MS } from '../../cost/anomaly.ts';

/** budget key prefix → request_log column; fixed strings only, never built from input */
const OWNER_COLUMN: Record<string, string> = { key: 'key_name', app: 'app', team: 'team', vendor: 'vendor' };

export interface HourlyRow {
  /** null for requests without an app */
  app: string | null;
  hour: number;
  costUsd: number;
}

export class SqliteSpendTotals {
  private readonly byOwner = new Map<string, Database.Statement<[string, number], { usd: number }>>();
  private readonly all: Database.Statement<[number], { usd: number }>;
  private readonly hours: Database.Statement<[number, number, number], { app: string | null; hour: number; usd: number }>;
  private readonly lastRow: Database.Statement<[], { last: number | null }>;
  private readonly first: Database.Statement<[], { t: number | null }>;

  constructor(db: Database.Database) {
    for (const [kind, column] of Object.entries(OWNER_COLUMN)) {
      this.byOwner.set(kind, db.prepare(`SELECT coalesce(sum(cost_usd), 0) AS usd FROM request_log WHERE ${column} = ? AND time >= ?`));
    }
    this.all = db.prepare('SELECT coalesce(sum(cost_usd), 0) AS usd FROM request_log WHERE time >= ?');
    this.hours = db.prepare(`SELECT app, time / ${HOUR_MS} AS hour, sum(cost_usd) AS usd FROM request_log
      WHERE rowid > ? AND rowid <= ? AND time >= ? AND cost_usd IS NOT NULL GROUP BY app, hour`);
    this.lastRow = db.prepare('SELECT max(rowid) AS last FROM request_log');
    this.first = db.prepare('SELECT min(time) AS t FROM request_log');
  }

  /** USD spent since `since` by a budget's owner: 'key:NAME', 'app:NAME', 'team:NAME', 'vendor:NAME' or 'global' */
  spentSince(budgetKey: string, since: number): number {
    if (budgetKey === 'global') return this.all.get(since)?.usd ?? 0;
    const colon = budgetKey.indexOf(':');
    const stmt = colon > 0 ? this.byOwner.get(budgetKey.slice(0, colon)) : undefined;
    if (stmt === undefined) return 0;
    return stmt.get(budgetKey.slice(colon + 1), since)?.usd ?? 0;
  }

  /**
   * Spend per app and hour number (epoch ms / HOUR_MS) of the requests with time ≥ `since` that were stored after
   * `cursor` (null: all of them), and the cursor to pass next time. Rows are stored in arrival order of their
   * records, not of their request times, so the cursor (the rowid) misses none, and a caller that keeps the sums
   * reads each row once instead of rescanning hours of log every check.
   */
  hourlyAfter(cursor: number | null, since: number): { rows: HourlyRow[]; cursor: number } {
    const last = this.lastRow.get()?.last ?? 0;
    const rows = this.hours.all(cursor ?? 0, last, since).map((r) => ({ app: r.app, hour: r.hour, costUsd: r.usd }));
    return { rows, cursor: last };
  }

  /** epoch ms of the oldest recorded request, null for an empty log */
  firstRequestAt(): number | null {
    return this.first.get()?.t ?? null;
  }
}
