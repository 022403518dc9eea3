// Contingency readiness (per logical model: independent vendors, working fallbacks, last drill, problems) and
// the deprecation calendar (targets whose model retires within 90 days, or has).
import { Badge, Empty, Loaded, Page, Table, VendorModel } from '../components.tsx';
import { count, instant, iso, list, text } from '../format.ts';
import type { Deprecations, Readiness as ReadinessReport } from '../types.ts';
import { useResource } from '../use-resource.ts';

type Model = ReadinessReport['models'][number];

function lastDrill(m: Model): string {
  const d = [...m.drills].sort((a, b) => b.startedAt - a.startedAt)[0];
  if (d === undefined) return 'never';
  const verdict = d.keptAnswering === null ? 'not affected' : d.keptAnswering ? 'kept answering' : 'STOPPED';
  return `${instant(d.startedAt)} ${d.vendor} ${d.fault}: ${verdict}`;
}

type App = Model['apps'][number];

/** `vendor/model`, and the configured target it serves in place of when that one has retired. */
function served(t: { vendor: string; model: string; replaces: string | null }): string {
  const name = `${t.vendor}/${t.model}`;
  return t.replaces === null ? name : `${name} (replaces ${t.replaces})`;
}

function fallbacksOf(a: App): string {
  if (a.workingFallbacks.length === 0) return 'none';
  return a.workingFallbacks.map((f) => {
    const t = a.targets.find((x) => x.position > 1 && `${x.vendor}/${x.model}` === f);
    return t === undefined ? f : served(t);
  }).join(', ');
}

function fallbacks(m: Model): string {
  return m.apps.map((a) => `${a.app ?? '(any app)'}: ${fallbacksOf(a)}`).join('; ');
}

/** The chain as it is served today; which target serves where does not depend on the app, so the first app's says. */
function chain(m: Model): string {
  const targets = m.apps[0]?.targets;
  if (targets === undefined) return m.chain.join(' → ');
  return targets.map((t) => (t.retired ? `${t.vendor}/${t.model} (retired, skipped)` : served(t))).join(' → ');
}

function ReadinessTable(props: { report: ReadinessReport }) {
  return (
    <Table label="readiness" rows={props.report.models} rowKey={(m) => m.model} columns={[
      { title: 'model', cell: (m) => m.model },
      { title: 'ready', cell: (m) => <Badge value={m.ready ? 'ready' : 'not ready'} /> },
      { title: 'vendors', num: true, cell: (m) => count(m.independentVendors) },
      { title: 'chain', wrap: true, cell: chain },
      { title: 'working fallback per app', wrap: true, cell: fallbacks },
      { title: 'last drill', cell: lastDrill },
      { title: 'problems', wrap: true, cell: (m) => list(m.problems) },
    ]} />
  );
}

/** The feed's replacement is a model of the same vendor; the config's successor may be `vendor/model`. */
function successor(name: string | null) {
  if (name === null) return text(null);
  const slash = name.indexOf('/');
  return slash === -1 ? name : <VendorModel vendor={name.slice(0, slash)} model={name.slice(slash + 1)} />;
}

function DeprecationsTable(props: { report: Deprecations }) {
  const { report } = props;
  if (report.targets.length === 0) return <Empty>No target retires within {report.withinDays} days.</Empty>;
  return (
    <>
      <Table label="deprecations" rows={report.targets} rowKey={(t) => `${t.logicalModel}#${t.position}`} columns={[
        { title: 'logical model', cell: (t) => t.logicalModel },
        { title: '#', num: true, cell: (t) => `${t.position}/${t.chainLength}` },
        { title: 'target', cell: (t) => <VendorModel vendor={t.vendor} model={t.vendorModel} /> },
        { title: 'shutdown', cell: (t) => t.shutdown },
        { title: 'days left', num: true, cell: (t) => count(t.daysLeft) },
        { title: 'status', cell: (t) => <Badge value={t.status} /> },
        { title: 'successor', cell: (t) => successor(t.successor ?? t.replacement) },
        { title: 'note', wrap: true, cell: (t) => text(t.note) },
      ]} />
      {report.note !== undefined && <p class="note">{report.note}</p>}
    </>
  );
}

export function Readiness() {
  const ready = useResource((s) => s.call<ReadinessReport>('/admin/reports/readiness'), []);
  const deprecations = useResource((s) => s.call<Deprecations>('/admin/reports/deprecations?within=90d'), []);
  const both = { ...ready, loading: ready.loading || deprecations.loading, reload: () => { ready.reload(); deprecations.reload(); } };
  return (
    <Page title="Readiness and deprecations" resource={both}>
      <Loaded resource={ready}>
        {(report) => (
          <>
            <p class="summary">
              {report.ready ? 'Every logical model has a working fallback.' : 'Some logical models would stop answering if a vendor failed.'} Traffic since {iso(report.since)}.
            </p>
            <ReadinessTable report={report} />
          </>
        )}
      </Loaded>
      <h2>Deprecations within 90 days</h2>
      <Loaded resource={deprecations}>{(report) => <DeprecationsTable report={report} />}</Loaded>
    </Page>
  );
}
