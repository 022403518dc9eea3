// The vendor register: each vendor's terms, the review on record and the review in force (an expired review or
// changed terms count as pending).
import { Badge, Link, Loaded, Page, Table } from '../components.tsx';
import { list, text } from '../format.ts';
import type { Vendor } from '../types.ts';
import { useResource } from '../use-resource.ts';

export function Vendors() {
  const r = useResource((s) => s.call<{ vendors: Vendor[] }>('/admin/vendors'), []);
  return (
    <Page title="Vendors" resource={r}>
      <Loaded resource={r}>
        {({ vendors }) => (
          <Table label="vendors" rows={vendors} rowKey={(v) => v.name} columns={[
            { title: 'vendor', cell: (v) => <Link to={`vendors/${encodeURIComponent(v.name)}`}>{v.name}</Link> },
            { title: 'protocol', cell: (v) => v.protocol },
            { title: 'region', cell: (v) => text(v.region) },
            { title: 'terms', cell: (v) => text(v.terms.version) },
            { title: 'review on record', cell: (v) => <Badge value={v.review.status} /> },
            { title: 'in force', cell: (v) => <Badge value={v.effective.status} /> },
            { title: 'approved data in force', wrap: true, cell: (v) => list(v.effective.approved_data) },
            { title: 'expires', cell: (v) => text(v.review.expires) },
            { title: 'note', wrap: true, cell: (v) => text(v.effective.reason) },
          ]} />
        )}
      </Loaded>
    </Page>
  );
}
