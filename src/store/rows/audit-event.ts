// audit_event rows, as both stores write and read them: the register's reviews and `airlock keys` add them.
import type { AuditEvent } from '../../pipeline/ports.ts';
import { positional } from '../sqlite/params.ts';

export interface AuditRow {
  id: string;
  time: number;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}

export const AUDIT_COLUMNS = [
  'id', 'time', 'actor', 'action', 'subject', 'before', 'after',
] as const satisfies readonly (keyof AuditRow)[];

export function auditToRow(e: AuditEvent): AuditRow {
  const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
  return { id: e.id, time: e.time, actor: e.actor, action: e.action, subject: e.subject, before: json(e.before), after: json(e.after) };
}

/** The event's values in AUDIT_COLUMNS order. */
export function auditParams(e: AuditEvent): unknown[] {
  return positional(auditToRow(e), AUDIT_COLUMNS);
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function auditFromRow(r: AuditRow): AuditEvent {
  return { id: r.id, time: r.time, actor: r.actor, action: r.action, subject: r.subject, before: parseJson(r.before), after: parseJson(r.after) };
}
