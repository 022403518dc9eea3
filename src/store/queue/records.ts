// What travels through the durable queue. One journal line per record, tagged with its kind, so the request
// log and the data-flow record (and audit events later) share the journal and its crash guarantees.
import { isObject } from '../../core/json.ts';
import type { DataFlowRow, RequestLogRow } from '../../pipeline/ports.ts';

export type JournalRecord = { kind: 'request_log'; row: RequestLogRow } | { kind: 'data_flow'; row: DataFlowRow };

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
  if (!isObject(value)) return null;
  const row = value.row;
  // The journal is our own file, written by encodeRecord: checking the key fields catches torn or foreign
  // lines without paying for a full schema validation on every replayed row.
  if (!isObject(row) || typeof row.requestId !== 'string' || typeof row.time !== 'number') return null;
  switch (value.kind) {
    case 'request_log':
      return { kind: 'request_log', row: row as unknown as RequestLogRow };
    case 'data_flow':
      if (!isObject(row.classes) || typeof row.action !== 'string') return null;
      return { kind: 'data_flow', row: row as unknown as DataFlowRow };
    default:
      return null;
  }
}
