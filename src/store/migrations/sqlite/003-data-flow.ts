// One row per request in the data-flow record (DataFlowRow, snake_case): which data classes went to which
// vendor, region and terms version, and what policy did about them. `classes` is a JSON object text
// ({"personal": 2}); '{}' for a request that carried no sensitive class. Never holds the values themselves.
export const dataFlow003 = {
  version: 3,
  name: 'data_flow',
  sql: `
    CREATE TABLE data_flow (
      request_id    TEXT PRIMARY KEY,
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
    CREATE INDEX data_flow_time ON data_flow (time);
    CREATE INDEX data_flow_vendor_time ON data_flow (vendor, time);
  `,
};
