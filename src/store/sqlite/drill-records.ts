// Drill records on SQLite. A drill ends rarely and its record must not be lost, so like the vendor register it
// bypasses the record journal: one synchronous insert on its own connection. Reports read the same table
// through a read-only connection; a store from before migration 7 simply has no drills.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';
import { openDurableSqlite } from './open-durable.ts';
import type { DrillRecord } from '../../core/drill.ts';
import { drillFromRow, drillToRow, type DrillRow } from '../rows/drill-records.ts';

export interface DrillRecordReader {
  byId(id: string): Awaitable<DrillRecord | undefined>;
  /** newest first */
  recent(limit: number): Awaitable<DrillRecord[]>;
  /** the newest drill of each vendor */
  latestByVendor(): Awaitable<Map<string, DrillRecord>>;
}

export interface DrillRecordStore extends DrillRecordReader {
  insert(record: DrillRecord): Awaitable<void>;
  close(): Awaitable<void>;
}

export class SqliteDrillRecords implements DrillRecordReader {
  private readonly present: boolean;

  constructor(protected readonly db: Database.Database) {
    this.present = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drill_record'").get() !== undefined;
  }

  byId(id: string): DrillRecord | undefined {
    if (!this.present) return undefined;
    const row = this.db.prepare<[string], DrillRow>('SELECT * FROM drill_record WHERE id = ?').get(id);
    return row === undefined ? undefined : drillFromRow(row);
  }

  recent(limit: number): DrillRecord[] {
    if (!this.present) return [];
    const n = Math.max(0, Math.floor(limit));
    return this.db.prepare<[number], DrillRow>('SELECT * FROM drill_record ORDER BY started_at DESC, rowid DESC LIMIT ?').all(n).map(drillFromRow);
  }

  latestByVendor(): Map<string, DrillRecord> {
    const out = new Map<string, DrillRecord>();
    if (!this.present) return out;
    const rows = this.db.prepare<[], DrillRow>('SELECT * FROM drill_record ORDER BY started_at DESC, rowid DESC').all();
    for (const r of rows) if (!out.has(r.vendor)) out.set(r.vendor, drillFromRow(r));
    return out;
  }
}

/** The gateway's writer: its own connection, migrated, synchronous=FULL. */
export class SqliteDrillRecordStore extends SqliteDrillRecords implements DrillRecordStore {
  static open(file: string): SqliteDrillRecordStore {
    return new SqliteDrillRecordStore(openDurableSqlite(file));
  }

  insert(d: DrillRecord): void {
    this.db.prepare<[DrillRow]>(`INSERT OR REPLACE INTO drill_record (id, vendor, fault, share, canary, duration_ms, latency_ms,
        started_at, ended_at, ended_by, result, models)
      VALUES (@id, @vendor, @fault, @share, @canary, @duration_ms, @latency_ms, @started_at, @ended_at, @ended_by, @result, @models)`).run(drillToRow(d));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
