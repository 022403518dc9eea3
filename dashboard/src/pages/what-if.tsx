// What the recorded usage would have cost under other prices, routes or traffic: `airlock report what-if` in the
// browser. The scenario lives in the query string; amounts are to 4 decimals and differences signed, as the
// CLI's table prints them.
import { Empty, Page, Table, VendorModel } from '../components.tsx';
import { count, iso, usd } from '../format.ts';
import { navigate, useQuery } from '../router.ts';
import type { ReplayedModel, WhatIf as Report } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { DEFAULT_SINCE, WhatIfForm } from './what-if-form.tsx';

/** Only the parameters the API takes, in the query's order: anything else in a hand-edited URL would be a 400. */
function apiPath(query: URLSearchParams): string {
  const params = new URLSearchParams({ since: query.get('since') ?? DEFAULT_SINCE });
  for (const p of ['price', 'route']) for (const value of query.getAll(p)) params.append(p, value);
  const traffic = query.get('traffic');
  if (traffic !== null) params.set('traffic', traffic);
  return `/admin/reports/what-if?${params.toString()}`;
}

const signed = (n: number): string => (n > 0 ? '+' : '') + usd(n);
const signedPercent = (p: number | null): string => (p === null ? '–' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`);

function Headline(props: { report: Report }) {
  const { total, since, until } = props.report;
  return (
    <p class="summary">
      From {iso(since)} to {iso(until)}: recorded <strong data-testid="what-if-recorded">{usd(total.recordedUsd)}</strong> USD →
      replayed <strong data-testid="what-if-replayed">{usd(total.replayedUsd)}</strong> USD (
      <span data-testid="what-if-diff">{signed(total.diffUsd)} USD, {signedPercent(total.diffPercent)}</span>)
    </p>
  );
}

/** Each `vendor/model` may break after its slash, never inside a model's name. */
function ReplayedOn(props: { keys: string[] }) {
  if (props.keys.length === 0) return <>–</>;
  return (
    <span class="breakable">
      {props.keys.map((k, i) => {
        const slash = k.indexOf('/');
        return <>{i > 0 && ', '}<VendorModel vendor={k.slice(0, slash)} model={k.slice(slash + 1)} /></>;
      })}
    </span>
  );
}

function ModelsTable(props: { report: Report }) {
  const { total, models } = props.report;
  // the total row has no vendor models of its own: its "replayed on" is left blank, as in the CLI
  const foot: ReplayedModel = { ...total, logicalModel: 'total', replayedOn: [] };
  return (
    <Table<ReplayedModel> label="what-if by logical model" rows={models} rowKey={(m) => m.logicalModel ?? '(none)'} foot={foot} columns={[
      { title: 'logical model', cell: (m) => m.logicalModel ?? '(none)' },
      { title: 'requests', num: true, cell: (m) => count(m.requests) },
      { title: 'input tokens', num: true, cell: (m) => count(m.inputTokens) },
      { title: 'output tokens', num: true, cell: (m) => count(m.outputTokens) },
      { title: 'recorded USD', num: true, cell: (m) => usd(m.recordedUsd) },
      { title: 'replayed USD', num: true, cell: (m) => usd(m.replayedUsd) },
      { title: 'difference USD', num: true, cell: (m) => signed(m.diffUsd) },
      { title: 'difference', num: true, cell: (m) => signedPercent(m.diffPercent) },
      { title: 'replayed on', cell: (m) => (m === foot ? '' : <ReplayedOn keys={m.replayedOn} />) },
    ]} />
  );
}

function Result(props: { report: Report }) {
  const { report } = props;
  return (
    <>
      <Headline report={report} />
      {report.models.length === 0
        ? <Empty>No usage was recorded in this period: there is nothing to replay. Choose a longer period, or send traffic through the gateway first.</Empty>
        : <ModelsTable report={report} />}
      <ul class="notes" aria-label="notes">
        {report.notes.map((n) => <li key={n}>{n}</li>)}
      </ul>
    </>
  );
}

export function WhatIf() {
  const search = useQuery();
  const query = new URLSearchParams(search);
  const r = useResource((s) => s.call<Report>(apiPath(new URLSearchParams(search))), [search]);
  const apply = (next: URLSearchParams): void => {
    const q = next.toString();
    // the same scenario again changes no URL, so nothing would ask the API: ask it here
    if (q === search) r.reload();
    else navigate(`what-if?${q}`);
  };
  return (
    <Page title="What-if" resource={r}>
      {/* keyed by the query: back and forward bring the form's fields along; a refused scenario keeps what was typed */}
      <WhatIfForm key={search} query={query} error={r.error} onApply={apply} />
      {/* an answer for another scenario would read as this one's: nothing but the error until the API agrees */}
      {r.error === null && (r.data === null ? <p class="loading" role="status">Loading…</p> : <div class="result" aria-busy={r.loading}><Result report={r.data} /></div>)}
    </Page>
  );
}
