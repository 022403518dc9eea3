// Spend totals rebuilt from request_log on Postgres: what a budget spent in its period so far, and spend per hour
// for the anomaly check, read incrementally. The time index bounds each scan to the period.
import { HOUR_MS } from '../../cost/anomaly.ts';
import type { HourlyRow } from '../sqlite/spend-totals.ts';
import type { Queryable } from './connect.ts';

/** budget key prefix → request_log column; fixed strings only, never built from input */
const OWNER_COLUMN: Record<string, string> = { key: 'key_name', app: 'app', team: 'team', vendor: 'vendor' };

// Several instances commit to one database, so a sequence number cannot be the cursor: a transaction that took a
// smaller seq may commit after a larger one was read, and its rows would be skipped. Every transaction whose id is
// below the snapshot's xmin has finished, so [previous xmin, this xmin) is a range of ids that will never gain
// another row: each row is read exactly once, in the first call whose snapshot has its writer below xmin.
// One statement, so the xmin belongs to the very snapshot the rows are read in. The LEFT JOIN returns the
// xmin even when no row is new (hour is then null).
function hourlyQuery(withCursor: boolean): string {
  return `
    WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS next),
    h AS (
      SELECT app, time / ${HOUR_MS} AS hour, sum(cost_usd) AS usd FROM request_log
      WHERE ${withCursor ? 'xid >= $2::xid8 AND ' : ''}xid < (SELECT next FROM s) AND time >= $1 AND cost_usd IS NOT NULL
      GROUP BY app, hour)
    SELECT s.next, h.app, h.hour, h.usd FROM s LEFT JOIN h ON true`;
}
const HOURLY_ALL = hourlyQuery(false);
const HOURLY_AFTER = hourlyQuery(true);

interface HourlyDbRow {
  next: number;
  app: string | null;
  hour: number | null;
  usd: number | null;
}

export class PgSpendTotals {
  constructor(private readonly db: Queryable) {}

  /** USD spent since `since` by a budget's owner: 'key:NAME', 'app:NAME', 'team:NAME', 'vendor:NAME' or 'global' */
  async spentSince(budgetKey: string, since: number): Promise<number> {
    if (budgetKey === 'global') return this.sum('SELECT coalesce(sum(cost_usd), 0) AS usd FROM request_log WHERE time >= $1', [since]);
    const colon = budgetKey.indexOf(':');
    const column = colon > 0 ? OWNER_COLUMN[budgetKey.slice(0, colon)] : undefined;
    if (column === undefined) return 0;
    return this.sum(`SELECT coalesce(sum(cost_usd), 0) AS usd FROM request_log WHERE ${column} = $2 AND time >= $1`, [since, budgetKey.slice(colon + 1)]);
  }

  /**
   * Spend per app and hour number (epoch ms / HOUR_MS) of the requests with time ≥ `since` that were committed
   * after `cursor` (null: all of them), and the cursor to pass next time: a transaction id, not a row number.
   * A row whose transaction is still running, or ended after the snapshot's xmin was fixed, comes in a later call.
   */
  async hourlyAfter(cursor: number | null, since: number): Promise<{ rows: HourlyRow[]; cursor: number }> {
    const res = cursor === null
      ? await this.db.query<HourlyDbRow>(HOURLY_ALL, [since])
      : await this.db.query<HourlyDbRow>(HOURLY_AFTER, [since, cursor]);
    const rows: HourlyRow[] = [];
    for (const r of res.rows) if (r.hour !== null) rows.push({ app: r.app, hour: r.hour, costUsd: r.usd ?? 0 });
    const next = res.rows[0]?.next;
    if (next === undefined) throw new Error('hourlyAfter: the snapshot query returned no row');
    return { rows, cursor: next };
  }

  /** epoch ms of the oldest recorded request, null for an empty log */
  async firstRequestAt(): Promise<number | null> {
    return (await this.db.query<{ t: number | null }>('SELECT min(time) AS t FROM request_log')).rows[0]?.t ?? null;
  }

  private async sum(sql: string, values: unknown[]): Promise<number> {
    return (await this.db.query<{ usd: number }>(sql, values)).rows[0]?.usd ?? 0;
  }
}
