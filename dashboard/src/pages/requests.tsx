// The request log's newest rows, filtered and paged: metadata only (who, which model and vendor, status, tokens,
// cost), never content. Filters and the page live in the query string; each id opens the request's own page.
import { Badge, Empty, Link, Loaded, Page, Table, VendorModel } from '../components.tsx';
import { count, iso, text, usd } from '../format.ts';
import { navigate, useQuery } from '../router.ts';
import type { RequestRow } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { DEFAULT_LIMIT, FILTERS, RequestFilters } from './request-filters.tsx';

const API_PARAMS = ['limit', 'outcome', 'before', ...FILTERS.map(([p]) => p)];

/** Only the parameters the API takes: anything else in a hand-edited URL would be refused with a 400. */
function apiPath(query: URLSearchParams): string {
  const params = new URLSearchParams({ limit: String(DEFAULT_LIMIT) });
  for (const p of API_PARAMS) {
    const value = query.get(p);
    if (value !== null && value !== '') params.set(p, value);
  }
  return `/admin/requests?${params.toString()}`;
}

function show(query: URLSearchParams): void {
  const q = query.toString();
  navigate(q === '' ? 'requests' : `requests?${q}`);
}

const failed = (q: RequestRow): boolean => q.status < 200 || q.status > 299;


/** The HTTP status and, when there is one, the error code, which may go under it when the table is short of room. */
export function Status(props: { row: RequestRow }) {
  const { status, errorCode } = props.row;
  if (errorCode === null) return <>{status}</>;
  return <span class="breakable">{status} <Badge value={errorCode} tone={failed(props.row) ? 'bad' : 'warn'} /></span>;
}

function RequestsTable(props: { requests: RequestRow[] }) {
  // route, key and attempts are on each request's page: without them, and with the vendor and the status free to
  // take two lines, the table fits a 1280 px window
  return (
    <Table label="requests" rows={props.requests} rowKey={(q) => q.requestId} rowClass={(q) => (failed(q) ? 'failed' : undefined)} columns={[
      { title: 'time', cell: (q) => iso(q.time) },
      { title: 'request id', cell: (q) => <Link to={`requests/${encodeURIComponent(q.requestId)}`}><code>{q.requestId}</code></Link> },
      { title: 'app', cell: (q) => text(q.app) },
      { title: 'model', cell: (q) => text(q.logicalModel) },
      { title: 'vendor', cell: (q) => <VendorModel vendor={q.vendor} model={q.vendorModel} /> },
      { title: 'status', num: true, cell: (q) => <Status row={q} /> },
      { title: 'latency ms', num: true, cell: (q) => count(q.latencyMs) },
      { title: 'tokens in / out', num: true, cell: (q) => `${count(q.inputTokens)} / ${count(q.outputTokens)}` },
      { title: 'cost USD', num: true, cell: (q) => usd(q.costUsd) },
    ]} />
  );
}

export function Requests() {
  const search = useQuery();
  const query = new URLSearchParams(search);
  const r = useResource((s) => s.call<{ requests: RequestRow[] }>(apiPath(new URLSearchParams(search))), [search]);
  const limit = Number(query.get('limit') ?? '') || DEFAULT_LIMIT;
  const before = query.get('before');
  const filtered = FILTERS.some(([p]) => (query.get(p) ?? '') !== '') || (query.get('outcome') ?? '') !== '';
  const page = (older: string | null): void => {
    const next = new URLSearchParams(query);
    if (older === null) next.delete('before');
    else next.set('before', older);
    show(next);
  };
  return (
    <Page title="Requests" resource={r}>
      {/* keyed by the query: back and forward bring the form's fields along */}
      <RequestFilters key={search} query={query} onApply={show} />
      <Loaded resource={r}>
        {({ requests }) => (
          <>
            {requests.length === 0 ? <Empty>{before !== null ? 'No older requests.' : filtered ? 'No request matches these filters.' : <>No requests recorded yet. Point an SDK at this gateway's <code>/v1</code> with a virtual key and send one.</>}</Empty> : (
              <>
                <p class="summary">{requests.length} {filtered ? 'matching ' : ''}requests{before === null ? ', the newest first' : <>, older than <code>{before}</code></>}.</p>
                <RequestsTable requests={requests} />
              </>
            )}
            <p class="pager">
              {before !== null && <button type="button" onClick={() => page(null)}>Newest</button>}
              {requests.length >= limit && <button type="button" onClick={() => page(requests.at(-1)?.requestId ?? null)}>Older</button>}
            </p>
          </>
        )}
      </Loaded>
    </Page>
  );
}
