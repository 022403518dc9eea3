// cost_alert rows (migration 008): one per alert episode. The primary key is the episode, so INSERT OR IGNORE tells
// a new episode from one already alerted, across restarts and across instances sharing the database.
import type Database from 'better-sqlite3';
import type { AlertStore, CostAlert, StoredAlert, WebhookState } from '../../cost/alerts.ts';

export interface CostAlertRow {
  id: string;
  time: number;
  kind: string;
  subject: string;
  message: string;
  detail: string;
  webhook: string;
  attempts: number;
  last_error: string | null;
  delivered_at: number | null;
}

export function costAlertFromRow(r: CostAlertRow): StoredAlert {
  return {
    id: r.id,
    time: r.time,
    kind: r.kind === 'anomaly' ? 'anomaly' : 'budget',
    subject: r.subject,
    message: r.message,
    detail: JSON.parse(r.detail) as StoredAlert['detail'],
    webhook: r.webhook as WebhookState,
    attempts: r.attempts,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  };
}

export class SqliteCostAlerts implements AlertStore {
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly newest: Database.Statement<[number], CostAlertRow>;
  private readonly open: Database.Statement<[number], CostAlertRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO cost_alert (id, time, kind, subject, message, detail, webhook)
      VALUES (@id, @time, @kind, @subject, @message, @detail, @webhook)`);
    this.update = db.prepare('UPDATE cost_alert SET webhook = ?, attempts = ?, last_error = ?, delivered_at = ? WHERE id = ?');
    this.newest = db.prepare<[number], CostAlertRow>('SELECT * FROM cost_alert ORDER BY time DESC, id LIMIT ?');
    this.open = db.prepare<[number], CostAlertRow>("SELECT * FROM cost_alert WHERE time >= ? AND webhook IN ('pending', 'failed') ORDER BY time");
  }

  add(a: CostAlert, webhook: WebhookState): boolean {
    const info = this.insert.run({ id: a.id, time: a.time, kind: a.kind, subject: a.subject, message: a.message, detail: JSON.stringify(a.detail), webhook });
    return info.changes === 1;
  }

  delivery(id: string, state: WebhookState, attempts: number, error: string | null, at: number | null): void {
    this.update.run(state, attempts, error, at, id);
  }

  recent(limit: number): StoredAlert[] {
    return this.newest.all(limit).map(costAlertFromRow);
  }

  undelivered(since: number): StoredAlert[] {
    return this.open.all(since).map(costAlertFromRow);
  }
}
