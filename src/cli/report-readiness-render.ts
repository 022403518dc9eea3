// `airlock report readiness` as a table (one line per logical model and app, then the vendor concentration and
// the verdict) or as JSON (everything the model computed).
import type { ModelReadiness, TargetCheck } from '../reports/readiness.ts';
import { renderTable } from './report-format.ts';

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function chain(targets: TargetCheck[]): string {
  return targets.map((t) => {
    if (t.position === 1) return t.vendor;
    const notes = [t.independent ? null : 'same vendor', t.retired ? 'retired' : null, t.action === 'reroute' || t.action === 'block' ? `${t.action}s ${t.refusedClass ?? ''}` : t.action === 'allow' ? null : t.action]
      .filter((n) => n !== null);
    return notes.length === 0 ? `${t.vendor} ok` : `${t.vendor} (${notes.join(', ')})`;
  }).join(' → ');
}

function lastDrill(m: ModelReadiness): string {
  if (m.drills.length === 0) return 'never';
  const d = [...m.drills].sort((a, b) => b.startedAt - a.startedAt)[0];
  if (d === undefined) return 'never';
  const verdict = d.keptAnswering === null ? 'not affected' : d.keptAnswering ? 'kept answering' : 'STOPPED';
  return `${new Date(d.startedAt).toISOString().slice(0, 10)} ${d.vendor} ${d.fault}: ${verdict}`;
}

export function renderReadinessTable(models: ModelReadiness[], trafficNote: string, storeError?: string): string {
  const rows = models.flatMap((m) => m.apps.map((a) => [
    m.model, a.app ?? '(any)', String(m.independentVendors), a.classes.join(',') || '-', chain(a.targets),
    a.workingFallbacks.length === 0 ? 'NONE' : a.workingFallbacks.join(', '), lastDrill(m),
    m.retiring.map((r) => `${r.vendor}/${r.model} ${r.shutdown}`).join(', ') || '-',
  ]));
  const main = renderTable(
    [{ title: 'model' }, { title: 'app' }, { title: 'vendors', align: 'right' }, { title: 'usual data' }, { title: 'chain (fallbacks checked)' },
      { title: 'working fallback' }, { title: 'last drill' }, { title: 'retiring ≤90d' }],
    rows,
  );
  const conc = models.flatMap((m) => (m.concentration ?? []).map((c) => [m.model, c.vendor ?? '(none answered)', String(c.requests), pct(c.requestShare), c.costUsd.toFixed(4), pct(c.costShare)]));
  const concentration = storeError !== undefined ? `concentration: unknown, the store was not read (${storeError})\n`
    : conc.length === 0 ? `concentration ${trafficNote}: no traffic\n`
    : `concentration ${trafficNote}\n${renderTable([{ title: 'model' }, { title: 'vendor' }, { title: 'requests', align: 'right' }, { title: 'share', align: 'right' }, { title: 'spend usd', align: 'right' }, { title: 'share', align: 'right' }], conc)}`;
  const notReady = models.filter((m) => !m.ready);
  const verdict = notReady.length === 0 ? 'ready: every logical model has a working fallback\n'
    : `NOT READY:\n${notReady.map((m) => `  ${m.model}: ${m.problems.join('; ')}\n`).join('')}`;
  return `${main}\n${concentration}\n${verdict}`;
}
