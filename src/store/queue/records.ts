// What travels through the durable queue. One journal line per record, tagged with its kind, so data-flow
// records and audit events can share the journal (and its crash guarantees) with the request log later.
import { isObject } from '../../core/json.ts';
import type { RequestLogRow } from '../../pipeline/ports.ts';

export type JournalRecord = { kind: 'request_log'; row: RequestLogRow };

export type RecordKind = JournalRecord['kind'];

export function encodeRecord(record: JournalRecord): string {
  return JSON.stringify(record);
}

/**
 * Returns null for a line this build cannot use: a torn write left by a power loss, or a kind written by a
 * newer Airlock. The flusher counts and skips those instead of stalling the whole queue behind one line.
 */
export function decodeRecord(line: string): JournalRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(value) || value.kind !== 'request_log') return null;
  const row = value.row;
  // The journal is our own file, written by encodeRecord: checking the key field catches torn or foreign
  // lines without paying for a full schema validation on every replayed row.
  if (!isObject(row) || typeof row.requestId !== 'string' || typeof row.time !== 'number') return null;
  return { kind: 'request_log', row: row as unknown as RequestLogRow };
}
