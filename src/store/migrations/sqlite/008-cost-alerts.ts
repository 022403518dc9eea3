// Cost alerts: one row per episode (a budget threshold in one period, or one run of anomalous hours), keyed by the
// episode so every instance and every restart agrees an alert went out once. The webhook's delivery state lives on
// the row, so an alert whose webhook failed is never lost silently: it stays 'failed' with its error, and is
// delivered again at the next start. detail is JSON text (numbers about the spend, never prompt text).
export const costAlerts008 = {
  version: 8,
  name: 'cost_alert',
  sql: `
    CREATE TABLE cost_alert (
      id           TEXT PRIMARY KEY,
      time         INTEGER NOT NULL,
      kind         TEXT NOT NULL,
      subject      TEXT NOT NULL,
      message      TEXT NOT NULL,
      detail       TEXT NOT NULL,
      webhook      TEXT NOT NULL,
      attempts     INTEGER NOT NULL DEFAULT 0,
      last_error   TEXT,
      delivered_at INTEGER
    );
    CREATE INDEX cost_alert_time ON cost_alert (time);
  `,
};
