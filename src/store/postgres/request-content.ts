// RequestLogRow.content ⇄ request_content rows on Postgres (`log_content: true`). The content is redacted by the
// pipeline before it reaches the journal; this table only ever sees placeholders where values were.
import type { RequestContent, RequestLogRow } from '../../pipeline/ports.ts';
import type { Queryable } from './connect.ts';
import { insertRows } from './insert-rows.ts';

interface DbRow {
  prompt: string;
  answer: string;
}

const COLUMNS = ['request_id', 'time', 'prompt', 'answer'] as const;

/** Stores the content of the rows that have any; ON CONFLICT DO NOTHING: a journal replay after a crash is harmless. */
export async function insertRequestContent(db: Queryable, rows: readonly RequestLogRow[]): Promise<void> {
  const params: [string, number, string, string][] = [];
  for (const r of rows) if (r.content !== undefined) params.push([r.requestId, r.time, r.content.prompt, r.content.answer]);
  await insertRows(db, 'request_content', COLUMNS, params, 'ON CONFLICT (request_id) DO NOTHING');
}

export class PgRequestContent {
  constructor(private readonly db: Queryable) {}

  async byRequest(id: string): Promise<RequestContent | undefined> {
    const res = await this.db.query<DbRow>('SELECT prompt, answer FROM request_content WHERE request_id = $1', [id]);
    const row = res.rows[0];
    return row === undefined ? undefined : { prompt: row.prompt, answer: row.answer };
  }
}
