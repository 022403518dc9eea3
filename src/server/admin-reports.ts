// The admin API's read-only views of the store (the dashboard reads these):
//   GET /admin/reports/spend?since=30d&by=team        {since, until, by, total, groups: [...]}: `airlock report spend --format json`
//   GET /admin/reports/data-flows?since=30d           {since, until, requests, flows: [...]}: the CLI's json flows, with the period
//   GET /admin/reports/forecast                       `airlock report forecast --format json`, budgets from the running config
//   GET /admin/reports/deprecations?within=90d        `airlock report deprecations --format json`
//   GET /admin/reports/readiness                      `airlock report readiness --format json`, reviews from the live register
//   GET /admin/reports/what-if?since=30d&price=vendor/model=IN,OUT&route=logical=vendor/model&traffic=x2
//                                                     `airlock report what-if --format json` (price and route repeatable)
//   GET /admin/requests?limit=100                     {requests: [...]}: the newest request-log rows, never their content;
//       &app= &team= &key= &model= &vendor=           only rows of that app, team, key name, logical model, vendor
//       &outcome=ok|error                             only rows answered 2xx, or only the others
//       &before=REQUEST_ID                            the rows after that one (the next page)
//   GET /admin/requests/:id                           {request, flows: [...], content}: one request, the data it sent to
//                                                     each vendor tried, and (log_content: true) its redacted prompt and answer
// since and within take what the CLI's --since and --within take (30d, 12h, 2026-01-01, 2026-01-01T09:00:00Z; 90d, 12w).
import type { Config } from '../config/types.ts';
import type { Awaitable } from '../core/awaitable.ts';
import { AirlockError } from '../core/errors.ts';
import type { VendorRegister } from '../governance/vendor-register.ts';
import type { RequestContent } from '../pipeline/ports.ts';
import { REPORT_NAMES, reportJson } from '../reports/as-json.ts';
import { ParamError } from '../reports/param-error.ts';
import type { StoreReaders } from '../store/reader.ts';
import type { RequestFilter } from '../store/sqlite/request-log.ts';

export interface ReportDeps {
  config: Config;
  readers: StoreReaders;
  register: VendorRegister;
  /** log_content: true — what the request log kept of a request's text, redacted */
  content: { byRequest(id: string): Awaitable<RequestContent | undefined> };
}

const DEFAULT_REQUESTS = 100;
const MAX_REQUESTS = 1000;

export async function reportRoute(deps: ReportDeps, name: string, query: URLSearchParams, now: number): Promise<object> {
  const sources = { config: deps.config, readers: deps.readers, review: (vendor: string, at: number) => deps.register.effective(vendor, at), now };
  let answer: object | undefined;
  try {
    answer = await reportJson(name, query, sources);
  } catch (err) {
    // the CLI's messages name its flags: here they are query parameters
    throw err instanceof ParamError ? new AirlockError('invalid_request', err.message.replace(/--([a-z-]+)/g, '$1'), { param: err.param }) : err;
  }
  if (answer === undefined) throw new AirlockError('not_found', `no report named '${name.slice(0, 40)}': there are ${REPORT_NAMES.join(', ')}`);
  return answer;
}

function requestLimit(value: string | null): number {
  if (value === null || value === '') return DEFAULT_REQUESTS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AirlockError('invalid_request', 'limit must be a positive integer', { param: 'limit' });
  return Math.min(n, MAX_REQUESTS);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** One request's row, every data flow it made (one per vendor it was sent to) and its logged content, if any. */
export async function oneRequest(deps: ReportDeps, id: string): Promise<object> {
  const row = await deps.readers.requestLog.byId(id);
  if (row === undefined) throw new AirlockError('not_found', `no request '${id.slice(0, 80)}' in the request log (records reach it within ~50 ms)`);
  const { content: _content, ...rest } = row;
  const flows = await deps.readers.dataFlows.allByRequest(id);
  const content = (await deps.content.byRequest(id)) ?? null;
  return { request: { ...rest, time: iso(row.time) }, flows: flows.map((f) => ({ ...f, time: iso(f.time) })), content };
}

const FILTERS = { app: 'app', team: 'team', key: 'keyName', model: 'logicalModel', vendor: 'vendor' } as const;
const REQUEST_PARAMS = ['limit', 'outcome', 'before', ...Object.keys(FILTERS)];

async function requestFilter(readers: StoreReaders, query: URLSearchParams): Promise<RequestFilter> {
  for (const key of query.keys()) {
    if (!REQUEST_PARAMS.includes(key)) throw new AirlockError('invalid_request', `unknown parameter '${key.slice(0, 40)}': requests takes ${REQUEST_PARAMS.join(', ')}`, { param: key.slice(0, 40) });
  }
  const filter: RequestFilter = {};
  for (const [param, field] of Object.entries(FILTERS)) {
    const value = query.get(param);
    if (value !== null && value !== '') filter[field] = value;
  }
  const outcome = query.get('outcome');
  if (outcome !== null && outcome !== '') {
    if (outcome !== 'ok' && outcome !== 'error') throw new AirlockError('invalid_request', `outcome must be ok or error; got '${outcome.slice(0, 40)}'`, { param: 'outcome' });
    filter.outcome = outcome;
  }
  const before = query.get('before');
  if (before !== null && before !== '') {
    const row = await readers.requestLog.byId(before);
    if (row === undefined) throw new AirlockError('invalid_request', `before: no request '${before.slice(0, 80)}' in the request log`, { param: 'before' });
    filter.before = { time: row.time, requestId: row.requestId };
  }
  return filter;
}

/** The newest rows that match, times in ISO 8601; a row's logged content (log_content: true) stays out of this list. */
export async function recentRequests(readers: StoreReaders, query: URLSearchParams): Promise<object> {
  const filter = await requestFilter(readers, query);
  const rows = await readers.requestLog.recent(requestLimit(query.get('limit')), filter);
  return { requests: rows.map(({ content: _content, ...row }) => ({ ...row, time: iso(row.time) })) };
}
