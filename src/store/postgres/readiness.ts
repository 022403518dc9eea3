// Reads behind `airlock report readiness` on Postgres: requests and spend per logical model × vendor, and the data
// classes each app sent to each logical model (a request with none found counts as public).
import type { AppClasses, ReadinessReader, VendorShare } from '../sqlite/readiness.ts';
import type { Queryable } from './connect.ts';
import { floatSum } from './spend.ts';

// The SQLite statements have no ORDER BY and come out in GROUP BY order (SQLite groups by sorting: bytewise,
// NULLs first); Postgres may hash its groups, so that order is spelled out to give the same list.
const SHARES = `
  SELECT logical_model, vendor, count(*) AS requests, coalesce(${floatSum('cost_usd')}, 0) AS cost_usd
  FROM request_log WHERE time >= $1 GROUP BY logical_model, vendor
  ORDER BY logical_model COLLATE "C" NULLS FIRST, vendor COLLATE "C" NULLS FIRST`;

// LEFT JOIN LATERAL … ON true: a request with `{}` yields one NULL class row, counted as public, as SQLite's
// LEFT JOIN json_each does.
const CLASSES = `
  SELECT f.app, f.logical_model, coalesce(c.key, 'public') AS data_class, count(DISTINCT f.request_id) AS requests
  FROM data_flow f LEFT JOIN LATERAL jsonb_each_text(f.classes::jsonb) c ON true
  WHERE f.time >= $1 GROUP BY 1, 2, 3
  ORDER BY f.app COLLATE "C" NULLS FIRST, f.logical_model COLLATE "C" NULLS FIRST, coalesce(c.key, 'public') COLLATE "C"`;

interface ShareDbRow {
  logical_model: string | null;
  vendor: string | null;
  requests: number;
  cost_usd: number;
}

interface ClassDbRow {
  app: string | null;
  logical_model: string | null;
  data_class: string;
  requests: number;
}

export class PgReadiness implements ReadinessReader {
  constructor(private readonly db: Queryable) {}

  async vendorShares(since: number): Promise<VendorShare[]> {
    return (await this.db.query<ShareDbRow>(SHARES, [since])).rows
      .map((r) => ({ logicalModel: r.logical_model, vendor: r.vendor, requests: r.requests, costUsd: r.cost_usd }));
  }

  async appClasses(since: number): Promise<AppClasses[]> {
    return (await this.db.query<ClassDbRow>(CLASSES, [since])).rows
      .map((r) => ({ app: r.app, logicalModel: r.logical_model, dataClass: r.data_class, requests: r.requests }));
  }
}
