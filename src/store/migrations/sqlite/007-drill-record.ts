// One row per `airlock drill`: what was injected, for how long, and per logical model whether answers kept
// coming (`models`: JSON text of ModelDrillResult[]). Written once, synchronously, when the drill ends.
export const drillRecord007 = {
  version: 7,
  name: 'drill_record',
  sql: `
    CREATE TABLE drill_record (
      id          TEXT PRIMARY KEY,
      vendor      TEXT NOT NULL,
      fault       TEXT NOT NULL,
      share       REAL NOT NULL,
      canary      INTEGER NOT NULL,
      duration_ms INTEGER NOT NULL,
      latency_ms  INTEGER NOT NULL,
      started_at  INTEGER NOT NULL,
      ended_at    INTEGER NOT NULL,
      ended_by    TEXT NOT NULL,
      result      TEXT NOT NULL,
      models      TEXT NOT NULL
    );
    CREATE INDEX drill_record_vendor_started ON drill_record (vendor, started_at);
  `,
};
