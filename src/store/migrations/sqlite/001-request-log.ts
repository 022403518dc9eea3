// One row per data-plane request (RequestLogRow, snake_case). Never holds prompt text, answers or keys.
// Booleans are 0/1 integers and every nullable field stays NULL: unknown is not zero.
export const requestLog001 = {
  version: 1,
  name: 'request_log',
  sql: `
    CREATE TABLE request_log (
      request_id        TEXT PRIMARY KEY,
      time              INTEGER NOT NULL,
      key_name          TEXT,
      app               TEXT,
      team              TEXT,
      route             TEXT NOT NULL,
      logical_model     TEXT,
      vendor            TEXT,
      vendor_model      TEXT,
      status            INTEGER NOT NULL,
      error_code        TEXT,
      attempts          INTEGER NOT NULL,
      stream            INTEGER NOT NULL,
      latency_ms        REAL NOT NULL,
      ttfb_ms           REAL,
      input_tokens      INTEGER,
      output_tokens     INTEGER,
      cache_read_tokens INTEGER,
      usage_reported    INTEGER,
      cost_usd          REAL
    );
    CREATE INDEX request_log_time ON request_log (time);
    CREATE INDEX request_log_app_time ON request_log (app, time);
  `,
};
