// Who called which logical model through which vendor model, over request_log — behind
// `airlock report deprecations`, which names the apps a retiring target affects. The time index bounds the scan.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';

/** Requests of one app to one logical model that one vendor model answered (vendor null: none did). */
export interface ModelTraffic {
  app: string | null;
  logicalModel: string | null;
  vendor: string | null;
  vendorModel: string | null;
  requests: number;
}

export interface ModelTrafficReader {
  /** requests with time ≥ since, one line per app × logical model × vendor × vendor model */
  since(since: number): Awaitable<ModelTraffic[]>;
}

const SINCE = `
  SELECT app, logical_model, vendor, vendor_model, count(*) AS requests
  FROM request_log WHERE time >= ?
  GROUP BY app, logical_model, vendor, vendor_model
  ORDER BY logical_model NULLS LAST, app NULLS LAST, vendor NULLS LAST, vendor_model NULLS LAST`;

export interface ModelTrafficDbRow {
  app: string | null;
  logical_model: string | null;
  vendor: string | null;
  vendor_model: string | null;
  requests: number;
}

export function modelTrafficFromDb(d: ModelTrafficDbRow): ModelTraffic {
  return { app: d.app, logicalModel: d.logical_model, vendor: d.vendor, vendorModel: d.vendor_model, requests: d.requests };
}

export class SqliteModelTraffic implements ModelTrafficReader {
  private readonly sinceStmt: Database.Statement<[number], ModelTrafficDbRow>;

  constructor(db: Database.Database) {
    this.sinceStmt = db.prepare<[number], ModelTrafficDbRow>(SINCE);
  }

  since(since: number): ModelTraffic[] {
    return this.sinceStmt.all(since).map(modelTrafficFromDb);
  }
}
