// Reads behind `airlock report readiness`: requests and spend per logical model × vendor (concentration), and the
// data classes each app sent to each logical model (its usual classes; a request with none found counts as
// public). The time indexes bound both scans.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';

export interface VendorShare {
  logicalModel: string | null;
  /** null: no vendor answered */
  vendor: string | null;
  requests: number;
  costUsd: number;
}

export interface AppClasses {
  app: string | null;
  logicalModel: string | null;
  dataClass: string;
  requests: number;
}

export interface ReadinessReader {
  vendorShares(since: number): Awaitable<VendorShare[]>;
  appClasses(since: number): Awaitable<AppClasses[]>;
}

const SHARES = `
  SELECT logical_model, vendor, count(*) AS requests, coalesce(sum(cost_usd), 0) AS cost_usd
  FROM request_log WHERE time >= ? GROUP BY logical_model, vendor`;

const CLASSES = `
  SELECT f.app, f.logical_model, coalesce(c.key, 'public') AS data_class, count(DISTINCT f.request_id) AS requests
  FROM data_flow f LEFT JOIN json_each(f.classes) c WHERE f.time >= ? GROUP BY 1, 2, 3`;

export class SqliteReadiness implements ReadinessReader {
  constructor(private readonly db: Database.Database) {}

  vendorShares(since: number): VendorShare[] {
    return this.db.prepare<[number], { logical_model: string | null; vendor: string | null; requests: number; cost_usd: number }>(SHARES)
      .all(since)
      .map((r) => ({ logicalModel: r.logical_model, vendor: r.vendor, requests: r.requests, costUsd: r.cost_usd }));
  }

  appClasses(since: number): AppClasses[] {
    return this.db.prepare<[number], { app: string | null; logical_model: string | null; data_class: string; requests: number }>(CLASSES)
      .all(since)
      .map((r) => ({ app: r.app, logicalModel: r.logical_model, dataClass: r.data_class, requests: r.requests }));
  }
}
