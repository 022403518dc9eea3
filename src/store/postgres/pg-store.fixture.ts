// A PgStore on a schema of its own for one test, closed after it; and a SQLite store to compare its answers with.
import type { DataFlowRow, RequestLogRow } from '../../pipeline/ports.ts';
import type { JournalRecord } from '../queue/records.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import { freshSchema } from './pg-schema.fixture.ts';
import { PgStore } from './pg-store.ts';

type After = { after(fn: () => Promise<void> | void): void };

export async function openTestPgStore(t: After): Promise<{ store: PgStore; url: string }> {
  const { url } = await freshSchema(t);
  const store = await PgStore.open(url);
  t.after(() => store.close());
  return { store, url };
}

export function openTestSqliteStore(t: After): SqliteStore {
  const store = new SqliteStore(':memory:');
  t.after(() => store.close());
  return store;
}

export const logRecords = (rows: readonly RequestLogRow[]): JournalRecord[] => rows.map((row) => ({ kind: 'request_log', row }));
export const flowRecords = (rows: readonly DataFlowRow[]): JournalRecord[] => rows.map((row) => ({ kind: 'data_flow', row }));
