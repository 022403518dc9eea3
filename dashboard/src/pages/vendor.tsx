// One vendor: its terms, its review on record and in force, the review form, and its latest audit events.
import { Badge, Empty, Facts, Link, Loaded, Page, Table } from '../components.tsx';
import { count, iso, list, text } from '../format.ts';
import type { AuditEvent, Vendor as VendorEntry } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { ReviewForm } from './review-form.tsx';

function yesNo(b: boolean | null): string {
  return b === null ? 'unknown' : b ? 'yes' : 'no';
}

function Details(props: { v: VendorEntry }) {
  const { v } = props;
  return (
    <div class="columns">
      <div>
        <h2>Terms</h2>
        <Facts rows={[
          ['protocol', v.protocol], ['base URL', <code>{v.base_url}</code>], ['region', text(v.region)],
          ['terms version', text(v.terms.version)], ['retention days', count(v.terms.retention_days)],
          ['trains on data', yesNo(v.terms.trains_on_data)], ['zero data retention', yesNo(v.terms.zero_data_retention)],
          ['DPA signed', yesNo(v.terms.dpa_signed)], ['subprocessors', text(v.terms.subprocessors)],
          ['source', v.terms.url === null ? '–' : <a href={v.terms.url} rel="noreferrer noopener" target="_blank">{v.terms.url}</a>],
        ]} />
      </div>
      <div>
        <h2>Review</h2>
        <Facts rows={[
          ['in force', <Badge value={v.effective.status} />], ['approved data in force', list(v.effective.approved_data)],
          ['note', text(v.effective.reason)], ['on record', <Badge value={v.review.status} />],
          ['reviewer', text(v.review.reviewer)], ['date', text(v.review.date)], ['expires', text(v.review.expires)],
          ['approved data on record', list(v.review.approved_data)], ['approved terms', text(v.review.approved_terms_version)],
          ['origin', v.review.origin],
        ]} />
      </div>
    </div>
  );
}

export function Vendor(props: { name: string }) {
  const r = useResource((s) => s.call<{ vendor: VendorEntry; audit: AuditEvent[] }>(`/admin/vendors/${encodeURIComponent(props.name)}`), [props.name]);
  return (
    <Page title={`Vendor ${props.name}`} resource={r} tools={<Link to="vendors">All vendors</Link>}>
      <Loaded resource={r}>
        {({ vendor, audit }) => (
          <>
            <Details v={vendor} />
            <h2>Record a review</h2>
            <ReviewForm vendor={vendor} onSaved={r.reload} />
            <h2>Audit trail</h2>
            {audit.length === 0 ? <Empty>No changes recorded for this vendor yet; reviews and terms changes appear here.</Empty> : (
              <Table label="audit" rows={audit} rowKey={(e) => String(e.id)} columns={[
                { title: 'time', cell: (e) => iso(e.time) },
                { title: 'actor', cell: (e) => e.actor },
                { title: 'action', cell: (e) => e.action },
                { title: 'subject', cell: (e) => e.subject },
              ]} />
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
