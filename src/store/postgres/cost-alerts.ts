// cost_alert rows on Postgres: one per alert episode. The primary key is the episode, so ON CONFLICT DO NOTHING
// tells a new episode from one already alerted, across restarts and across the instances sharing the database.
import type { AlertStore, CostAlert, StoredAlert, WebhookState } from '../../cost/alerts.ts';
import { costAlertFromRow, type CostAlertRow } from '../sqlite/cost-alerts.ts';
import type { Queryable } from './connect.ts';

const SELECT = 'SELECT id, time, kind, subject, message, detail, webhook, attempts, last_error, delivered_at FROM cost_alert';

export class PgCostAlerts implements AlertStore {
  constructor(private readonly db: Queryable) {}

  async add(a: CostAlert, webhook: WebhookState): Promise<boolean> {
    const res = await this.db.query(
      `INSERT INTO cost_alert (id, time, kind, subject, message, detail, webhook) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO NOTHING`,
      [a.id, a.time, a.kind, a.subject, a.message, JSON.stringify(a.detail), webhook],
    );
    return res.rowCount === 1;
  }

  async delivery(id: string, state: WebhookState, attempts: number, error: string | null, at: number | null): Promise<void> {
    await this.db.query('UPDATE cost_alert SET webhook = $1, attempts = $2, last_error = $3, delivered_at = $4 WHERE id = $5', [state, attempts, error, at, id]);
  }

  async recent(limit: number): Promise<StoredAlert[]> {
    // SQLite reads a negative LIMIT as "no limit", Postgres rejects it: keep SQLite's meaning (NULL is no limit)
    const n = Number.isFinite(limit) && limit >= 0 ? Math.floor(limit) : null;
    return (await this.db.query<CostAlertRow>(`${SELECT} ORDER BY time DESC, id COLLATE "C" LIMIT $1`, [n])).rows.map(costAlertFromRow);
  }

  async undelivered(since: number): Promise<StoredAlert[]> {
    const res = await this.db.query<CostAlertRow>(`${SELECT} WHERE time >= $1 AND webhook IN ('pending', 'failed') ORDER BY time`, [since]);
    return res.rows.map(costAlertFromRow);
  }
}
