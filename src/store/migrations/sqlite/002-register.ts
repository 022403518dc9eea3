// The vendor register's stored reviews (one row per vendor; the admin API, the CLI and the config's first
// sight write it) and the audit trail of every administrative change. before/after are JSON text.
export const register002 = {
  version: 2,
  name: 'vendor_register',
  sql: `
    CREATE TABLE vendor_review (
      vendor                 TEXT PRIMARY KEY,
      origin                 TEXT NOT NULL,
      status                 TEXT NOT NULL,
      reviewer               TEXT,
      date                   TEXT,
      expires                TEXT,
      approved_data          TEXT NOT NULL,
      approved_terms_version TEXT,
      seen_terms_version     TEXT,
      updated_at             INTEGER NOT NULL
    );
    CREATE TABLE audit_event (
      id      TEXT PRIMARY KEY,
      time    INTEGER NOT NULL,
      actor   TEXT NOT NULL,
      action  TEXT NOT NULL,
      subject TEXT NOT NULL,
      before  TEXT,
      after   TEXT
    );
    CREATE INDEX audit_event_time ON audit_event (time);
    CREATE INDEX audit_event_subject_time ON audit_event (subject, time);
  `,
};
