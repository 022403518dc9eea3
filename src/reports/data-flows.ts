// `airlock report data-flows` as data: the flows with their first and last time in ISO 8601, nulls kept.
import type { FlowAggregate } from '../store/sqlite/data-flows.ts';
import { isoSecond } from './period.ts';

export function flowsJson(flows: readonly FlowAggregate[]): object[] {
  return flows.map((f) => ({ ...f, firstSeen: isoSecond(f.firstSeen), lastSeen: isoSecond(f.lastSeen) }));
}
