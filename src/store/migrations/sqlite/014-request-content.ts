// `log_content: true`: each request's prompt and answer, redacted (every detected value replaced by its typed
// placeholder) before they were ever written. Apart from the request log so that turning content logging on or off
// changes nothing in it, and so that content can be purged on its own schedule.
export const requestContent014 = {
  version: 14,
  name: 'request_content',
  sql: `
    CREATE TABLE request_content (
      request_id TEXT PRIMARY KEY,
      time       INTEGER NOT NULL,
      prompt     TEXT NOT NULL,
      answer     TEXT NOT NULL
    );
    CREATE INDEX request_content_time ON request_content (time);
  `,
};
