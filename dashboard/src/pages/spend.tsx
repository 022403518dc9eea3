// Spend over a period, grouped by team, app, key, vendor or model: `airlock report spend` in the browser.
import { useState } from 'preact/hooks';
import { Choice, Empty, Loaded, Page, PERIODS, Table } from '../components.tsx';
import { count, iso, percent, usd } from '../format.ts';
import type { Spend as SpendReport } from '../types.ts';
import { useResource } from '../use-resource.ts';

const GROUPINGS = ['team', 'app', 'key', 'vendor', 'model'] as const;

type Row = SpendReport['groups'][number];

export function Spend() {
  const [since, setSince] = useState<(typeof PERIODS)[number]>('30d');
  const [by, setBy] = useState<(typeof GROUPINGS)[number]>('team');
  const r = useResource((s) => s.call<SpendReport>(`/admin/reports/spend?since=${since}&by=${by}`), [since, by]);
  const tools = (
    <>
      <Choice label="Period" value={since} options={PERIODS} onChange={setSince} />
      <Choice label="By" value={by} options={GROUPINGS} onChange={setBy} />
    </>
  );
  return (
    <Page title="Spend" resource={r} tools={tools}>
      <Loaded resource={r}>
        {(report) => (
          <>
            <p class="summary">
              <strong data-testid="spend-requests">{count(report.total.requests)}</strong> requests,{' '}
              <strong data-testid="spend-cost">{usd(report.total.costUsd)}</strong> USD from {iso(report.since)} to {iso(report.until)}
            </p>
            {report.groups.length === 0 ? <Empty>No requests were recorded in this period. Send traffic through the gateway with a virtual key, or choose a longer period.</Empty> : (
              <Table<Row> label={`spend by ${report.by}`} rows={report.groups} rowKey={(g) => g.name ?? '(none)'} foot={{ ...report.total, name: 'total', share: 1 }} columns={[
                { title: report.by, cell: (g) => g.name ?? '(none)' },
                { title: 'requests', num: true, cell: (g) => count(g.requests) },
                { title: 'input tokens', num: true, cell: (g) => count(g.inputTokens) },
                { title: 'output tokens', num: true, cell: (g) => count(g.outputTokens) },
                { title: 'cost USD', num: true, cell: (g) => usd(g.costUsd) },
                { title: 'share', num: true, cell: (g) => percent(g.share) },
                { title: 'estimated USD', num: true, cell: (g) => usd(g.estimatedUsd) },
              ]} />
            )}
            <p class="note">Estimated USD is the part of the cost Airlock priced from its own token count because the vendor reported no usage.</p>
          </>
        )}
      </Loaded>
    </Page>
  );
}
