// The request log's newest rows: metadata only (who, which model and vendor, status, tokens, cost), never content.
import { Badge, Empty, Loaded, Page, Table } from '../components.tsx';
import { count, iso, text, usd } from '../format.ts';
import type { RequestRow } from '../types.ts';
import { useResource } from '../use-resource.ts';

function target(r: RequestRow): string {
  if (r.vendor === null) return '–';
  return r.vendorModel === null ? r.vendor : `${r.vendor}/${r.vendorModel}`;
}

export function Requests() {
  const r = useResource((s) => s.call<{ requests: RequestRow[] }>('/admin/requests?limit=100'), []);
  return (
    <Page title="Requests" resource={r}>
      <Loaded resource={r}>
        {({ requests }) => requests.length === 0
          ? <Empty>No requests recorded yet. Point an SDK at this gateway's <code>/v1</code> with a virtual key and send one.</Empty>
          : (
            <>
              <p class="summary">The newest {requests.length} requests, newest first.</p>
              <Table label="requests" rows={requests} rowKey={(q) => q.requestId} columns={[
                { title: 'time', cell: (q) => iso(q.time) },
                { title: 'request id', cell: (q) => <code>{q.requestId}</code> },
                { title: 'route', cell: (q) => q.route },
                { title: 'app', cell: (q) => text(q.app) },
                { title: 'key', cell: (q) => text(q.keyName) },
                { title: 'model', cell: (q) => text(q.logicalModel) },
                { title: 'vendor', cell: target },
                { title: 'status', num: true, cell: (q) => (q.errorCode === null ? String(q.status) : <span title={q.errorCode}>{q.status} <Badge value={q.errorCode} /></span>) },
                { title: 'attempts', num: true, cell: (q) => count(q.attempts) },
                { title: 'latency ms', num: true, cell: (q) => count(q.latencyMs) },
                { title: 'tokens in', num: true, cell: (q) => count(q.inputTokens) },
                { title: 'tokens out', num: true, cell: (q) => count(q.outputTokens) },
                { title: 'cost USD', num: true, cell: (q) => usd(q.costUsd) },
              ]} />
            </>
          )}
      </Loaded>
    </Page>
  );
}
