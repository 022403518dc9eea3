// A drill record as the terminal shows it: one line about the drill, then per logical model whether answers kept
// coming, through which vendor, what callers saw and how much slower it was.
import type { DrillRecord, ModelDrillResult } from '../core/drill.ts';
import { renderTable } from './report-format.ts';

export function seconds(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 100) / 10}s`;
}

function counts(map: Record<string, number>): string {
  const parts = Object.entries(map).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  return parts.length === 0 ? '-' : parts.join(', ');
}

function ms(v: number | null): string {
  return v === null ? '-' : `${v >= 0 ? '+' : ''}${v.toFixed(1)} ms`;
}

function kept(m: ModelDrillResult): string {
  return m.keptAnswering === null ? 'not tried' : m.keptAnswering ? 'yes' : 'NO';
}

export function describeDrill(d: DrillRecord): string {
  const what = d.fault === 'latency' ? `latency +${d.latencyMs} ms` : d.fault;
  const scope = [d.canary ? 'canaries' : null, d.share > 0 ? `${Math.round(d.share * 1000) / 10}% of live traffic` : null].filter((x) => x !== null).join(' + ');
  const state = d.endedAt === null ? `running since ${new Date(d.startedAt || Date.now()).toISOString()}`
    : `${seconds(d.endedAt - d.startedAt)} of ${seconds(d.durationMs)}, ended by ${d.endedBy ?? '?'}: ${(d.result ?? '').toUpperCase()}`;
  return `drill ${d.id}: ${d.vendor} ${what}, ${scope}; ${state}`;
}

export function renderDrill(d: DrillRecord): string {
  const table = renderTable(
    [{ title: 'model' }, { title: 'requests', align: 'right' }, { title: 'affected', align: 'right' }, { title: 'answered', align: 'right' },
      { title: 'kept answering' }, { title: 'answered by' }, { title: 'errors callers saw' }, { title: 'added latency', align: 'right' }],
    d.models.map((m) => [m.model, String(m.requests), String(m.affected), String(m.answered), kept(m), counts(m.answeredBy), counts(m.callerErrors), ms(m.addedLatencyMs)]),
  );
  return `${describeDrill(d)}\n\n${table}`;
}

export function renderDrillList(running: DrillRecord[], recent: DrillRecord[]): string {
  const row = (d: DrillRecord): string[] => [d.id, d.vendor, d.fault, new Date(d.startedAt).toISOString(), d.endedAt === null ? 'running' : (d.result ?? ''),
    d.models.filter((m) => m.keptAnswering === false).map((m) => m.model).join(',') || '-'];
  const columns = [{ title: 'drill' }, { title: 'vendor' }, { title: 'fault' }, { title: 'started' }, { title: 'result' }, { title: 'stopped answering' }];
  if (running.length === 0 && recent.length === 0) return 'no drills yet\n';
  return renderTable(columns, [...running, ...recent].map(row));
}
