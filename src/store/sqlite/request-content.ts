// RequestLogRow.content ⇄ request_content rows (`log_content: true`). The content is redacted by the pipeline before
// it reaches the journal; this table only ever sees placeholders where values were.
import type Database from 'better-sqlite3';
import type { RequestContent, RequestLogRow } from '../../pipeline/ports.ts';

interface DbRow {
  request_id: string;
  time: number;
  prompt: string;
  answer: string;
}

export class SqliteRequestContent {
  private readonly insertStmt: Database.Statement<[DbRow]>;
  private readonly byIdStmt: Database.Statement<[string], DbRow>;

  constructor(db: Database.Database) {
    // INSERT OR IGNORE: a journal replay after a crash is harmless
    this.insertStmt = db.prepare<[DbRow]>('INSERT OR IGNORE INTO request_content (request_id, time, prompt, answer) VALUES (@request_id, @time, @prompt, @answer)');
    this.byIdStmt = db.prepare<[string], DbRow>('SELECT * FROM request_content WHERE request_id = ?');
  }

  /** Stores the row's content, when it has any. */
  insert(row: RequestLogRow): void {
    if (row.content === undefined) return;
    this.insertStmt.run({ request_id: row.requestId, time: row.time, prompt: row.content.prompt, answer: row.content.answer });
  }

  byRequest(id: string): RequestContent | undefined {
    const row = this.byIdStmt.get(id);
    return row === undefined ? undefined : { prompt: row.prompt, answer: row.answer };
  }
}
