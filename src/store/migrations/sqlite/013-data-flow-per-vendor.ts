// The data-flow record holds one row per vendor that was sent the request, not one per request: a fallback can
// send (differently redacted) data to several vendors, and the record of processing must name every one of them.
// SQLite cannot drop a primary key in place, so the table is rebuilt; the key becomes (request, vendor), with a
// request blocked before any vendor (vendor NULL) still one row, and journal replays still ignored.
export const dataFlowPerVendor013 = {
  version: 13,
  name: 'data_flow_per_vendor',
  sql: `
    CREATE TABLE data_flow_v13 (
      request_id    TEXT NOT NULL,
      time          INTEGER NOT NULL,
      app           TEXT,
      team          TEXT,
      logical_model TEXT,
      vendor        TEXT,
      region        TEXT,
      terms_version TEXT,
      classes       TEXT NOT NULL,
      action        TEXT NOT NULL
    );
    INSERT INTO data_flow_v13 (request_id, time, app, team, logical_model, vendor, region, terms_version, classes, action)
      SELECT request_id, time, app, team, logical_model, vendor, region, terms_version, classes, action FROM data_flow;
    DROP TABLE data_flow;
    ALTER TABLE data_flow_v13 RENAME TO data_flow;
    CREATE UNIQUE INDEX data_flow_request_vendor ON data_flow (request_id, coalesce(vendor, ''));
    CREATE INDEX data_flow_time ON data_flow (time);
    CREATE INDEX data_flow_vendor_time ON data_flow (vendor, time);
  `,
};
