// The recent breaker transitions `airlock status` prints under the breakers: when each circuit changed, and
// whether this instance's own traffic decided it or the state the instances share through Redis.
import { renderTable } from './report-format.ts';

export interface TransitionLine {
  vendor: string;
  model?: string;
  from: string;
  to: string;
  /** ISO time */
  at: string;
  shared?: boolean;
}

export function renderTransitions(list: readonly TransitionLine[] | undefined): string {
  if (list === undefined || list.length === 0) return 'breaker transitions: none since start\n';
  return `recent breaker transitions, newest first\n${renderTable(
    [{ title: 'at' }, { title: 'vendor' }, { title: 'model' }, { title: 'from' }, { title: 'to' }, { title: 'decided by' }],
    list.map((t) => [t.at, t.vendor, t.model ?? '(vendor)', t.from, t.to, t.shared === true ? 'shared (Redis)' : 'this instance']),
  )}`;
}
