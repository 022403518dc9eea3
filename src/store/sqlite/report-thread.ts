// Runs in the thread of threaded-readers.ts: a report's queries over a busy SQLite file take seconds (1 M requests:
// ~2.7 s for spend by team, ~7.7 s for the daily series) and better-sqlite3 runs them on the calling thread, so the
// admin API's reports run here, on a read-only connection of their own, and the gateway's event loop never waits.
import { openStoreReader, type StoreReader } from '../reader.ts';

export interface ReaderCall {
  url: string;
  reader: string;
  method: string;
  args: unknown[];
}

let opened: { url: string; reader: Promise<StoreReader> } | null = null;

export default async function call(task: ReaderCall): Promise<unknown> {
  if (opened?.url !== task.url) opened = { url: task.url, reader: openStoreReader(task.url) };
  const readers = (await opened.reader) as unknown as Record<string, Record<string, unknown> | undefined>;
  const part = Object.hasOwn(readers, task.reader) ? readers[task.reader] : undefined;
  const method = part?.[task.method];
  if (typeof method !== 'function') throw new Error(`no reader method ${task.reader}.${task.method}`);
  return (method as (...args: unknown[]) => unknown).apply(part, task.args);
}
