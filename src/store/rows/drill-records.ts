// drill_record rows, as both stores write and read them (see register-state.ts for why here).
import type { DrillRecord, DrillResult, FaultKind, ModelDrillResult } from '../../core/drill.ts';
import { bit, isSet } from '../sqlite/params.ts';

/** canary: 0/1 on SQLite, a BOOLEAN on Postgres */
export interface DrillRow {
  id: string;
  vendor: string;
  fault: string;
  share: number;
  canary: number | boolean;
  duration_ms: number;
  latency_ms: number;
  started_at: number;
  ended_at: number;
  ended_by: string;
  result: string;
  models: string;
}

export const DRILL_COLUMNS = [
  'id', 'vendor', 'fault', 'share', 'canary', 'duration_ms', 'latency_ms', 'started_at', 'ended_at', 'ended_by',
  'result', 'models',
] as const satisfies readonly (keyof DrillRow)[];

export function drillFromRow(r: DrillRow): DrillRecord {
  return {
    id: r.id, vendor: r.vendor, fault: r.fault as FaultKind, share: r.share, canary: isSet(r.canary), durationMs: r.duration_ms,
    latencyMs: r.latency_ms, startedAt: r.started_at, endedAt: r.ended_at, endedBy: r.ended_by as DrillRecord['endedBy'],
    result: r.result as DrillResult, models: JSON.parse(r.models) as ModelDrillResult[],
  };
}

/** The row of a drill that has ended; what the record leaves unset is taken as stopped now, with no traffic. */
export function drillToRow(d: DrillRecord): DrillRow {
  return {
    id: d.id, vendor: d.vendor, fault: d.fault, share: d.share, canary: bit(d.canary), duration_ms: d.durationMs,
    latency_ms: d.latencyMs, started_at: d.startedAt, ended_at: d.endedAt ?? Date.now(), ended_by: d.endedBy ?? 'stopped',
    result: d.result ?? 'no-traffic', models: JSON.stringify(d.models),
  };
}
