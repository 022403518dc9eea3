// Drill records on Postgres: the gateway writes one when a drill ends, reports read them. Unlike SQLite there
// is no store from before the drill table (the Postgres schema starts with it), so no presence check.
import type { DrillRecord, DrillResult, FaultKind, ModelDrillResult } from '../../core/drill.ts';
import type { DrillRecordReader, DrillRecordStore } from '../sqlite/drill-records.ts';
import type { Queryable } from './connect.ts';

interface Row {
  id: string;
  vendor: string;
  fault: string;
  share: number;
  canary: boolean;
  duration_ms: number;
  latency_ms: number;
  started_at: number;
  ended_at: number;
  ended_by: string;
  result: string;
  models: string;
}

const COLUMNS = 'id, vendor, fault, share, canary, duration_ms, latency_ms, started_at, ended_at, ended_by, result, models';

/**
 * INSERT OR REPLACE as on SQLite, down to the order: a replaced row there gets a new rowid, so here a new seq,
 * and a replaced drill sorts after one that started at the same time.
 */
const UPSERT = `INSERT INTO drill_record (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, fault = excluded.fault, share = excluded.share,
    canary = excluded.canary, duration_ms = excluded.duration_ms, latency_ms = excluded.latency_ms,
    started_at = excluded.started_at, ended_at = excluded.ended_at, ended_by = excluded.ended_by,
    result = excluded.result, models = excluded.models, seq = DEFAULT`;

function fromRow(r: Row): DrillRecord {
  return {
    id: r.id, vendor: r.vendor, fault: r.fault as FaultKind, share: r.share, canary: r.canary, durationMs: r.duration_ms,
    latencyMs: r.latency_ms, startedAt: r.started_at, endedAt: r.ended_at, endedBy: r.ended_by as DrillRecord['endedBy'],
    result: r.result as DrillResult, models: JSON.parse(r.models) as ModelDrillResult[],
  };
}

export class PgDrillRecords implements DrillRecordReader {
  constructor(protected readonly db: Queryable) {}

  async byId(id: string): Promise<DrillRecord | undefined> {
    const row = (await this.db.query<Row>(`SELECT ${COLUMNS} FROM drill_record WHERE id = $1`, [id])).rows[0];
    return row === undefined ? undefined : fromRow(row);
  }

  /** newest first */
  async recent(limit: number): Promise<DrillRecord[]> {
    // NaN and negatives read nothing (Postgres rejects a negative LIMIT; SQLite would read them as "no limit")
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    const res = await this.db.query<Row>(`SELECT ${COLUMNS} FROM drill_record ORDER BY started_at DESC, seq DESC LIMIT $1`, [n]);
    return res.rows.map(fromRow);
  }

  /** the newest drill of each vendor; the map in SQLite's order too, newest first */
  async latestByVendor(): Promise<Map<string, DrillRecord>> {
    const res = await this.db.query<Row>(`SELECT ${COLUMNS} FROM (
        SELECT DISTINCT ON (vendor) * FROM drill_record ORDER BY vendor, started_at DESC, seq DESC
      ) newest ORDER BY started_at DESC, seq DESC`);
    return new Map(res.rows.map((r) => [r.vendor, fromRow(r)]));
  }
}

/** The gateway's writer, on the pool the store shares; close() leaves the pool for its owner to end. */
export class PgDrillRecordStore extends PgDrillRecords implements DrillRecordStore {
  async insert(d: DrillRecord): Promise<void> {
    await this.db.query(UPSERT, [
      d.id, d.vendor, d.fault, d.share, d.canary, d.durationMs, d.latencyMs, d.startedAt, d.endedAt ?? Date.now(),
      d.endedBy ?? 'stopped', d.result ?? 'no-traffic', JSON.stringify(d.models),
    ]);
  }

  close(): void {}
}
