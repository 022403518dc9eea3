// DataFlowRow ⇄ data_flow rows: the insert the flusher batches, and the reads behind `airlock report data-flows`.
// One row per vendor that was sent the request (a fallback can send it to several), so a row is a flow to one vendor.
import type { Awaitable } from '../../core/awaitable.ts';
import type Database from 'better-sqlite3';
import type { DataFlowRow } from '../../pipeline/ports.ts';
import type { PositionalParams } from './params.ts';

export interface DataFlowDbRow {
  request_id: string;
  time: number;
  app: string | null;
  team: string | null;
  logical_model: string | null;
  vendor: string | null;
  region: string | null;
  terms_version: string | null;
  classes: string;
  action: string;
}

/** The class an aggregate row carries for requests that held no sensitive class, so every flow is reported. */
export const NO_CLASS = 'none';

/** One flow: every request in the period with this vendor, region, terms, app, team, data class and action. */
export interface FlowAggregate {
  vendor: string | null;
  region: string | null;
  termsVersion: string | null;
  app: string | null;
  team: string | null;
  /** a data class, or `none` */
  dataClass: string;
  action: string;
  /** requests that sent this class to this vendor (a request with two classes counts once in each of their rows) */
  requests: number;
  /** detected values of this class across those requests (declared classes without a value add 0) */
  values: number;
  /** epoch ms of the first and last such request */
  firstSeen: number;
  lastSeen: number;
}

export interface DataFlowReader {
  /** the request's last flow: to the vendor that answered, or the last one tried */
  byRequest(id: string): Awaitable<DataFlowRow | undefined>;
  /** every flow of the request, in the order its vendors were sent it */
  allByRequest(id: string): Awaitable<DataFlowRow[]>;
  /** rows with time ≥ `time`, oldest first */
  since(time: number): Awaitable<DataFlowRow[]>;
  /** distinct requests with time ≥ `since` */
  count(since: number): Awaitable<number>;
  aggregate(since: number): Awaitable<FlowAggregate[]>;
}

export const DATA_FLOW_COLUMNS = [
  'request_id', 'time', 'app', 'team', 'logical_model', 'vendor', 'region', 'terms_version', 'classes', 'action',
] as const satisfies readonly (keyof DataFlowDbRow)[];

// INSERT OR IGNORE on the (request, vendor) key makes a journal replay after a crash harmless. Positional
// parameters, as in request-log.ts: every request writes a row.
const INSERT = `INSERT OR IGNORE INTO data_flow (${DATA_FLOW_COLUMNS.join(', ')})
  VALUES (${DATA_FLOW_COLUMNS.map(() => '?').join(', ')})`;

export type DataFlowParams = PositionalParams<DataFlowDbRow, typeof DATA_FLOW_COLUMNS>;

// LEFT JOIN json_each: a request with `{}` yields one NULL class row, reported as `none`.
const AGGREGATE = `
  SELECT f.vendor, f.region, f.terms_version, f.app, f.team, coalesce(c.key, '${NO_CLASS}') AS data_class, f.action,
         count(*) AS requests, coalesce(sum(c.value), 0) AS n_values, min(f.time) AS first_seen, max(f.time) AS last_seen
  FROM data_flow f LEFT JOIN json_each(f.classes) c
  WHERE f.time >= ?
  GROUP BY f.vendor, f.region, f.terms_version, f.app, f.team, data_class, f.action
  ORDER BY f.vendor NULLS LAST, f.region NULLS LAST, f.terms_version NULLS LAST, f.app NULLS LAST,
           f.team NULLS LAST, data_class, f.action`;

export interface FlowAggregateDbRow {
  vendor: string | null;
  region: string | null;
  terms_version: string | null;
  app: string | null;
  team: string | null;
  data_class: string;
  action: string;
  requests: number;
  n_values: number;
  first_seen: number;
  last_seen: number;
}

/** The row's values in DATA_FLOW_COLUMNS order. */
export function dataFlowParams(r: DataFlowRow): DataFlowParams {
  return [r.requestId, r.time, r.app, r.team, r.logicalModel, r.vendor, r.region, r.termsVersion, JSON.stringify(r.classes), r.action];
}

export function dataFlowFromDb(d: DataFlowDbRow): DataFlowRow {
  return {
    requestId: d.request_id, time: d.time, app: d.app, team: d.team, logicalModel: d.logical_model, vendor: d.vendor,
    region: d.region, termsVersion: d.terms_version, classes: JSON.parse(d.classes) as Record<string, number>,
    action: d.action,
  };
}

export function flowAggregateFromDb(d: FlowAggregateDbRow): FlowAggregate {
  return {
    vendor: d.vendor, region: d.region, termsVersion: d.terms_version, app: d.app, team: d.team,
    dataClass: d.data_class, action: d.action, requests: d.requests, values: d.n_values,
    firstSeen: d.first_seen, lastSeen: d.last_seen,
  };
}

export class SqliteDataFlows implements DataFlowReader {
  private readonly insertStmt: Database.Statement<DataFlowParams>;
  private readonly byIdStmt: Database.Statement<[string], DataFlowDbRow>;
  private readonly allByIdStmt: Database.Statement<[string], DataFlowDbRow>;
  private readonly sinceStmt: Database.Statement<[number], DataFlowDbRow>;
  private readonly countStmt: Database.Statement<[number], { n: number }>;
  private readonly aggregateStmt: Database.Statement<[number], FlowAggregateDbRow>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<DataFlowParams>(INSERT);
    this.byIdStmt = db.prepare<[string], DataFlowDbRow>('SELECT * FROM data_flow WHERE request_id = ? ORDER BY rowid DESC LIMIT 1');
    this.allByIdStmt = db.prepare<[string], DataFlowDbRow>('SELECT * FROM data_flow WHERE request_id = ? ORDER BY rowid');
    this.sinceStmt = db.prepare<[number], DataFlowDbRow>('SELECT * FROM data_flow WHERE time >= ? ORDER BY time, request_id, rowid');
    this.countStmt = db.prepare<[number], { n: number }>('SELECT count(DISTINCT request_id) AS n FROM data_flow WHERE time >= ?');
    this.aggregateStmt = db.prepare<[number], FlowAggregateDbRow>(AGGREGATE);
  }

  insert(row: DataFlowRow): void {
    this.insertStmt.run(...dataFlowParams(row));
  }

  byRequest(id: string): DataFlowRow | undefined {
    const row = this.byIdStmt.get(id);
    return row ? dataFlowFromDb(row) : undefined;
  }

  allByRequest(id: string): DataFlowRow[] {
    return this.allByIdStmt.all(id).map(dataFlowFromDb);
  }

  since(time: number): DataFlowRow[] {
    return this.sinceStmt.all(time).map(dataFlowFromDb);
  }

  count(since: number): number {
    return this.countStmt.get(since)?.n ?? 0;
  }

  aggregate(since: number): FlowAggregate[] {
    return this.aggregateStmt.all(since).map(flowAggregateFromDb);
  }
}
