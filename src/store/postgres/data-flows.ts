// data_flow on Postgres: the insert the store's commit batches, and the reads behind
// `airlock report data-flows`. One row per vendor that was sent the request, mapped as in the SQLite store.
import type { DataFlowRow } from '../../pipeline/ports.ts';
import {
  DATA_FLOW_COLUMNS, NO_CLASS, dataFlowFromDb, dataFlowParams, flowAggregateFromDb, type DataFlowDbRow, type DataFlowReader,
  type FlowAggregate, type FlowAggregateDbRow,
} from '../sqlite/data-flows.ts';
import type { Queryable } from './connect.ts';
import { insertRows } from './insert-rows.ts';

const SELECT = `SELECT ${DATA_FLOW_COLUMNS.join(', ')} FROM data_flow`;

// LEFT JOIN LATERAL … ON true: a request with `{}` yields one NULL class row, reported as `none`, as SQLite's
// LEFT JOIN json_each does. The values are JSON numbers; numeric sums them exactly. COLLATE "C" orders text in
// byte order as SQLite does, so both stores list the same aggregate in the same order.
const AGGREGATE = `
  SELECT f.vendor, f.region, f.terms_version, f.app, f.team, coalesce(c.key, '${NO_CLASS}') AS data_class, f.action,
         count(*) AS requests, coalesce(sum(c.value::numeric), 0) AS n_values, min(f.time) AS first_seen,
         max(f.time) AS last_seen
  FROM data_flow f LEFT JOIN LATERAL jsonb_each_text(f.classes::jsonb) c ON true
  WHERE f.time >= $1
  GROUP BY f.vendor, f.region, f.terms_version, f.app, f.team, data_class, f.action
  ORDER BY f.vendor COLLATE "C" NULLS LAST, f.region COLLATE "C" NULLS LAST, f.terms_version COLLATE "C" NULLS LAST,
           f.app COLLATE "C" NULLS LAST, f.team COLLATE "C" NULLS LAST, coalesce(c.key, '${NO_CLASS}') COLLATE "C", f.action COLLATE "C"`;

/**
 * Stores the rows in order, so seq keeps the order a request's vendors were sent it. ON CONFLICT DO NOTHING on
 * the (request, vendor) key makes a journal replay after a crash harmless.
 */
export async function insertDataFlowRows(db: Queryable, rows: readonly DataFlowRow[]): Promise<void> {
  await insertRows(db, 'data_flow', DATA_FLOW_COLUMNS, rows.map(dataFlowParams), "ON CONFLICT (request_id, coalesce(vendor, '')) DO NOTHING");
}

export class PgDataFlows implements DataFlowReader {
  constructor(private readonly db: Queryable) {}

  async byRequest(id: string): Promise<DataFlowRow | undefined> {
    const res = await this.db.query<DataFlowDbRow>(`${SELECT} WHERE request_id = $1 ORDER BY seq DESC LIMIT 1`, [id]);
    const row = res.rows[0];
    return row === undefined ? undefined : dataFlowFromDb(row);
  }

  async allByRequest(id: string): Promise<DataFlowRow[]> {
    return (await this.db.query<DataFlowDbRow>(`${SELECT} WHERE request_id = $1 ORDER BY seq`, [id])).rows.map(dataFlowFromDb);
  }

  async since(time: number): Promise<DataFlowRow[]> {
    const res = await this.db.query<DataFlowDbRow>(`${SELECT} WHERE time >= $1 ORDER BY time, request_id COLLATE "C", seq`, [time]);
    return res.rows.map(dataFlowFromDb);
  }

  async count(since: number): Promise<number> {
    const res = await this.db.query<{ n: number }>('SELECT count(DISTINCT request_id) AS n FROM data_flow WHERE time >= $1', [since]);
    return res.rows[0]?.n ?? 0;
  }

  async aggregate(since: number): Promise<FlowAggregate[]> {
    return (await this.db.query<FlowAggregateDbRow>(AGGREGATE, [since])).rows.map(flowAggregateFromDb);
  }
}
