// request_log on Postgres: the insert the store's commit batches, and the admin API's reads. The row mapping is
// the SQLite store's, so both stores read and write a row the same way.
import type { RequestLogRow } from '../../pipeline/ports.ts';
import {
  REQUEST_LOG_COLUMNS, requestFilterSql, requestLogFromDb, requestLogParams, rowLimit, type RequestFilter, type RequestLogDbRow, type RequestLogReader,
} from '../sqlite/request-log.ts';
import type { Queryable } from './connect.ts';
import { insertRows } from './insert-rows.ts';

// seq and xid are left out: SELECT * would hand them to requestLogFromDb's callers for nothing
const SELECT = `SELECT ${REQUEST_LOG_COLUMNS.join(', ')} FROM request_log`;

/**
 * Stores the rows; ON CONFLICT DO NOTHING on the request_id key makes a journal replay after a crash harmless.
 * Pass a transaction's client to store them together with the commit's other records.
 */
export async function insertRequestLogRows(db: Queryable, rows: readonly RequestLogRow[]): Promise<void> {
  await insertRows(db, 'request_log', REQUEST_LOG_COLUMNS, rows.map(requestLogParams), 'ON CONFLICT (request_id) DO NOTHING');
}

export class PgRequestLog implements RequestLogReader {
  constructor(private readonly db: Queryable) {}

  async recent(limit: number, filter: RequestFilter = {}): Promise<RequestLogRow[]> {
    // COLLATE "C": the tie-break in byte order, as SQLite sorts, whatever the database's collation
    const { where, params } = requestFilterSql(filter, (i) => `$${i + 1}`, (column) => `${column} COLLATE "C"`);
    const sql = `${SELECT} ${where} ORDER BY time DESC, request_id COLLATE "C" DESC LIMIT $${params.length + 1}`;
    const res = await this.db.query<RequestLogDbRow>(sql, [...params, rowLimit(limit)]);
    return res.rows.map(requestLogFromDb);
  }

  async byId(id: string): Promise<RequestLogRow | undefined> {
    const res = await this.db.query<RequestLogDbRow>(`${SELECT} WHERE request_id = $1`, [id]);
    const row = res.rows[0];
    return row === undefined ? undefined : requestLogFromDb(row);
  }

  async count(): Promise<number> {
    const res = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM request_log');
    return res.rows[0]?.n ?? 0;
  }
}
