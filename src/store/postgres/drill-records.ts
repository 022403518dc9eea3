// Drill records on Postgres: the gateway writes one when a drill ends, reports read them. Unlike SQLite there
// is no store from before the drill table (the Postgres schema starts with it), so no presence check.
import type { DrillRecord } from '../../core/drill.ts';
import { DRILL_COLUMNS, drillFromRow, drillToRow, type DrillRow } from '../rows/drill-records.ts';
import type { DrillRecordReader, DrillRecordStore } from '../sqlite/drill-records.ts';
import { positional } from '../sqlite/params.ts';
import type { Queryable } from './connect.ts';

const COLUMNS = DRILL_COLUMNS.join(', ');

/**
 * INSERT OR REPLACE as on SQLite, down to the order: a replaced row there gets a new rowid, so here a new seq,
 * and a replaced drill sorts after one that started at the same time.
 */
const UPSERT = `INSERT INTO drill_record (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, fault = excluded.fault, share = excluded.share,
    canary = excluded.canary, duration_ms = excluded.duration_ms, latency_ms = excluded.latency_ms,
    started_at = excluded.started_at, ended_at = excluded.ended_at, ended_by = excluded.ended_by,
    result = excluded.result, models = excluded.models, seq = DEFAULT`;

export class PgDrillRecords implements DrillRecordReader {
  constructor(protected readonly db: Queryable) {}

  async byId(id: string): Promise<DrillRecord | undefined> {
    const row = (await this.db.query<DrillRow>(`SELECT ${COLUMNS} FROM drill_record WHERE id = $1`, [id])).rows[0];
    return row === undefined ? undefined : drillFromRow(row);
  }

  /** newest first */
  async recent(limit: number): Promise<DrillRecord[]> {
    // NaN and negatives read nothing (Postgres rejects a negative LIMIT; SQLite would read them as "no limit")
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    const res = await this.db.query<DrillRow>(`SELECT ${COLUMNS} FROM drill_record ORDER BY started_at DESC, seq DESC LIMIT $1`, [n]);
    return res.rows.map(drillFromRow);
  }

  /** the newest drill of each vendor; the map in SQLite's order too, newest first */
  async latestByVendor(): Promise<Map<string, DrillRecord>> {
    const res = await this.db.query<DrillRow>(`SELECT ${COLUMNS} FROM (
        SELECT DISTINCT ON (vendor) * FROM drill_record ORDER BY vendor, started_at DESC, seq DESC
      ) newest ORDER BY started_at DESC, seq DESC`);
    return new Map(res.rows.map((r) => [r.vendor, drillFromRow(r)]));
  }
}

/** The gateway's writer, on the pool the store shares; close() leaves the pool for its owner to end. */
export class PgDrillRecordStore extends PgDrillRecords implements DrillRecordStore {
  async insert(d: DrillRecord): Promise<void> {
    await this.db.query(UPSERT, positional(drillToRow(d), DRILL_COLUMNS));
  }

  close(): void {}
}
