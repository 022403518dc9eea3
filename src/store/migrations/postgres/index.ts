// The Postgres schema. It starts where SQLite's migrations 1–16 ended, so both stores hold the same tables and
// columns. Where SQLite has an implicit rowid that a reader relies on for arrival order, Postgres has `seq`; where
// SQLite stores 0/1, Postgres has BOOLEAN; JSON columns stay TEXT so both stores write the same strings.
//
// `xid`: the writing transaction's id on request_log. Several instances commit concurrently, so a sequence number
// does not tell a reader which rows are new (a smaller seq can commit after a larger one was read); transaction ids
// below the snapshot's xmin are all finished, which does (see spend-totals.ts).
import type { Migration } from '../sqlite/index.ts';

const schema001: Migration = {
  version: 1,
  name: 'schema',
  sql: `
    CREATE TABLE request_log (
      seq               BIGSERIAL NOT NULL,
      xid               XID8 NOT NULL DEFAULT pg_current_xact_id(),
      request_id        TEXT PRIMARY KEY,
      time              BIGINT NOT NULL,
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
      stream            BOOLEAN NOT NULL,
      latency_ms        DOUBLE PRECISION NOT NULL,
      ttfb_ms           DOUBLE PRECISION,
      input_tokens      BIGINT,
      output_tokens     BIGINT,
      cache_read_tokens BIGINT,
      usage_reported    BOOLEAN,
      cost_usd          DOUBLE PRECISION,
      price_source      TEXT,
      failed_cost_usd   DOUBLE PRECISION
    );
    CREATE INDEX request_log_time ON request_log (time);
    CREATE INDEX request_log_app_time ON request_log (app, time);
    CREATE INDEX request_log_xid ON request_log (xid);

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
      updated_at             BIGINT NOT NULL
    );
    CREATE TABLE audit_event (
      seq     BIGSERIAL NOT NULL,
      id      TEXT PRIMARY KEY,
      time    BIGINT NOT NULL,
      actor   TEXT NOT NULL,
      action  TEXT NOT NULL,
      subject TEXT NOT NULL,
      before  TEXT,
      after   TEXT
    );
    CREATE INDEX audit_event_time ON audit_event (time);
    CREATE INDEX audit_event_subject_time ON audit_event (subject, time);
    -- one row; every review write bumps it in its own transaction, so other instances see the change exactly once
    CREATE TABLE register_revision (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), n BIGINT NOT NULL);
    INSERT INTO register_revision (one, n) VALUES (true, 0);

    CREATE TABLE data_flow (
      seq           BIGSERIAL NOT NULL,
      request_id    TEXT NOT NULL,
      time          BIGINT NOT NULL,
      app           TEXT,
      team          TEXT,
      logical_model TEXT,
      vendor        TEXT,
      region        TEXT,
      terms_version TEXT,
      classes       TEXT NOT NULL,
      action        TEXT NOT NULL
    );
    CREATE UNIQUE INDEX data_flow_request_vendor ON data_flow (request_id, coalesce(vendor, ''));
    CREATE INDEX data_flow_time ON data_flow (time);
    CREATE INDEX data_flow_vendor_time ON data_flow (vendor, time);

    CREATE TABLE drill_record (
      seq         BIGSERIAL NOT NULL,
      id          TEXT PRIMARY KEY,
      vendor      TEXT NOT NULL,
      fault       TEXT NOT NULL,
      share       DOUBLE PRECISION NOT NULL,
      canary      BOOLEAN NOT NULL,
      duration_ms BIGINT NOT NULL,
      latency_ms  BIGINT NOT NULL,
      started_at  BIGINT NOT NULL,
      ended_at    BIGINT NOT NULL,
      ended_by    TEXT NOT NULL,
      result      TEXT NOT NULL,
      models      TEXT NOT NULL
    );
    CREATE INDEX drill_record_vendor_started ON drill_record (vendor, started_at);

    CREATE TABLE cost_alert (
      id           TEXT PRIMARY KEY,
      time         BIGINT NOT NULL,
      kind         TEXT NOT NULL,
      subject      TEXT NOT NULL,
      message      TEXT NOT NULL,
      detail       TEXT NOT NULL,
      webhook      TEXT NOT NULL,
      attempts     INTEGER NOT NULL DEFAULT 0,
      last_error   TEXT,
      delivered_at BIGINT
    );
    CREATE INDEX cost_alert_time ON cost_alert (time);

    CREATE TABLE request_content (
      request_id TEXT PRIMARY KEY,
      time       BIGINT NOT NULL,
      prompt     TEXT NOT NULL,
      answer     TEXT NOT NULL
    );
    CREATE INDEX request_content_time ON request_content (time);

    CREATE TABLE virtual_key (
      name       TEXT PRIMARY KEY,
      hash       TEXT NOT NULL UNIQUE,
      app        TEXT NOT NULL,
      models     TEXT,
      created_at BIGINT NOT NULL,
      revoked_at BIGINT
    );
  `,
};

export const POSTGRES_MIGRATIONS: readonly Migration[] = [schema001];
