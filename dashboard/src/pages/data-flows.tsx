// The data-flow record: which data classes went to which vendor, under which region and terms version, how
// often (`airlock report data-flows`, the Art. 30 GDPR-style record).
import { useState } from 'preact/hooks';
import { Badge, Choice, Empty, Loaded, Page, PERIODS, Table } from '../components.tsx';
import { count, iso, text } from '../format.ts';
import type { DataFlows as Report } from '../types.ts';
import { useResource } from '../use-resource.ts';

export function DataFlows() {
  const [since, setSince] = useState<(typeof PERIODS)[number]>('30d');
  const r = useResource((s) => s.call<Report>(`/admin/reports/data-flows?since=${since}`), [since]);
  return (
    <Page title="Data flows" resource={r} tools={<Choice label="Period" value={since} options={PERIODS} onChange={setSince} />}>
      <Loaded resource={r}>
        {(report) => (
          <>
            <p class="summary">
              <strong>{count(report.requests)}</strong> requests in <strong>{count(report.flows.length)}</strong> flows from {iso(report.since)} to {iso(report.until)}
            </p>
            {report.flows.length === 0
              ? <Empty>No request reached a vendor in this period. Every request that does is recorded here with the data classes the detectors found in it (or the caller declared with <code>x-airlock-data-class</code>).</Empty>
              : (
                <Table label="data flows" rows={report.flows} rowKey={(f) => `${f.vendor}|${f.region ?? ''}|${f.termsVersion ?? ''}|${f.app ?? ''}|${f.team ?? ''}|${f.dataClass}|${f.action}`} columns={[
                  { title: 'vendor', cell: (f) => text(f.vendor) },
                  { title: 'region', cell: (f) => text(f.region) },
                  { title: 'terms', cell: (f) => text(f.termsVersion) },
                  { title: 'app', cell: (f) => text(f.app) },
                  { title: 'team', cell: (f) => text(f.team) },
                  { title: 'data class', cell: (f) => f.dataClass },
                  { title: 'action', cell: (f) => <Badge value={f.action} /> },
                  { title: 'requests', num: true, cell: (f) => count(f.requests) },
                  { title: 'values', num: true, cell: (f) => count(f.values) },
                  { title: 'first', cell: (f) => iso(f.firstSeen) },
                  { title: 'last', cell: (f) => iso(f.lastSeen) },
                ]} />
              )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
