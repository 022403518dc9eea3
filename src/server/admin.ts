// The admin API under /admin/: the vendor register and its audit trail, behind the config's admin_token.
//   GET  /admin/vendors                  every vendor with its terms, recorded review and effective review
//   GET  /admin/vendors/:name            one vendor, plus its latest audit events
//   POST /admin/vendors/:name/review     {status, approved_data?, expires?, by?} → {before, after, event}
//   GET  /admin/audit?subject=&limit=    audit events, newest first
//   GET  /admin/status                   breakers, vendors' effective reviews, budgets' burn (airlock status)
//   GET  /admin/alerts?limit=            cost alerts (budget thresholds, spend anomalies), newest first
//   …    /admin/drills…                  `airlock drill`: start, list, show, stop (admin-drills.ts)
//   GET  /admin/reports/:name, /admin/requests   the reports and the newest request-log rows (admin-reports.ts)
// Errors use the gateway's one error shape: {"error":{"message","type","param","code"}}.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AirlockError, toAirlockError } from '../core/errors.ts';
import type { ReviewChange } from '../governance/register-change.ts';
import type { VendorRegister } from '../governance/vendor-register.ts';
import type { RequestContext } from '../pipeline/context.ts';
import { defaultErrors } from '../protocols/index.ts';
import { renderEntry, renderEvent } from './admin-json.ts';
import { drillRoute } from './admin-drills.ts';
import { oneRequest, recentRequests, reportRoute, type ReportDeps } from './admin-reports.ts';
import type { DrillRegistry } from './drill/registry.ts';
import { readJsonBody } from './body.ts';
import { airlockHeaders, sendError, sendJson } from './respond.ts';

export interface AdminDeps {
  register: VendorRegister;
  /** absent: the admin API is off and every /admin path answers 404 */
  adminToken: string | undefined;
  /** GET /admin/status */
  status?: () => Promise<Record<string, unknown>>;
  /** GET /admin/alerts: the newest cost alerts */
  alerts?: (limit: number) => Promise<unknown[]>;
  /** /admin/drills… (admin-drills.ts) */
  drills?: DrillRegistry;
  /** /admin/reports/:name and /admin/requests (admin-reports.ts) */
  reports?: ReportDeps;
}

export type AdminHandler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext, path: string, query: string) => Promise<void>;

const MAX_BODY = 64 * 1024;
const DEFAULT_AUDIT_LIMIT = 100;
const MAX_AUDIT_LIMIT = 1000;
const SHOW_AUDIT = 20;
const REVIEW_KEYS = new Set(['status', 'approved_data', 'expires', 'by']);

export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Hashing first gives equal-length buffers, so the comparison's time says nothing about the token. */
function authorized(req: IncomingMessage, tokenHash: Buffer): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1] !== undefined && timingSafeEqual(sha256(m[1]), tokenHash);
}

function parseReview(body: unknown, actor: string): ReviewChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AirlockError('invalid_request', 'request body must be a JSON object');
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!REVIEW_KEYS.has(key)) throw new AirlockError('invalid_request', `unknown field '${key.slice(0, 40)}'`, { param: key.slice(0, 40) });
  }
  const { status, approved_data: data, expires, by } = b;
  if (typeof status !== 'string') throw new AirlockError('invalid_request', 'status is required: pending, approved or rejected', { param: 'status' });
  if (data !== undefined && data !== null && !(Array.isArray(data) && data.every((c) => typeof c === 'string'))) {
    throw new AirlockError('invalid_request', 'approved_data must be an array of data classes', { param: 'approved_data' });
  }
  if (expires !== undefined && expires !== null && typeof expires !== 'string') throw new AirlockError('invalid_request', 'expires must be a date, YYYY-MM-DD', { param: 'expires' });
  if (by !== undefined && by !== null && typeof by !== 'string') throw new AirlockError('invalid_request', 'by must be a string', { param: 'by' });
  return {
    status: status as ReviewChange['status'],
    ...(Array.isArray(data) ? { approvedData: data } : {}),
    ...(typeof expires === 'string' ? { expires } : {}),
    by: typeof by === 'string' ? by : actor,
  };
}

function parseLimit(value: string | null): number {
  if (value === null || value === '') return DEFAULT_AUDIT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AirlockError('invalid_request', 'limit must be a positive integer', { param: 'limit' });
  return Math.min(n, MAX_AUDIT_LIMIT);
}

function segment(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AirlockError('not_found', `malformed ${what} in the path`);
  }
}

const vendorName = (raw: string): string => segment(raw, 'vendor name');

function allow(res: ServerResponse, method: string, req: IncomingMessage): void {
  if (req.method === method) return;
  res.setHeader('allow', method);
  throw new AirlockError('method_not_allowed', `use ${method} on this path`);
}

async function dispatch(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, path: string, query: string, deps: AdminDeps): Promise<void> {
  const register = deps.register;
  const parts = path.split('/').slice(2); // '', 'admin', …
  const headers = airlockHeaders(ctx);
  if (parts.length === 1 && parts[0] === 'status' && deps.status !== undefined) {
    allow(res, 'GET', req);
    return sendJson(res, 200, await deps.status(), headers);
  }
  if (parts[0] === 'drills' && deps.drills !== undefined) {
    const answer = await drillRoute(deps.drills, req.method ?? 'GET', parts.slice(1), () => readJsonBody(req, MAX_BODY));
    if (!req.readableEnded) req.resume();
    return sendJson(res, answer.status, answer.body, headers);
  }
  if (parts[0] === 'reports' && parts.length === 2 && deps.reports !== undefined) {
    allow(res, 'GET', req);
    return sendJson(res, 200, await reportRoute(deps.reports, parts[1] as string, new URLSearchParams(query), ctx.time), headers);
  }
  if (parts.length === 1 && parts[0] === 'requests' && deps.reports !== undefined) {
    allow(res, 'GET', req);
    return sendJson(res, 200, await recentRequests(deps.reports.readers, new URLSearchParams(query)), headers);
  }
  if (parts.length === 2 && parts[0] === 'requests' && parts[1] !== '' && deps.reports !== undefined) {
    allow(res, 'GET', req);
    return sendJson(res, 200, await oneRequest(deps.reports, segment(parts[1] as string, 'request id')), headers);
  }
  if (parts.length === 1 && parts[0] === 'alerts' && deps.alerts !== undefined) {
    allow(res, 'GET', req);
    return sendJson(res, 200, { alerts: await deps.alerts(parseLimit(new URLSearchParams(query).get('limit'))) }, headers);
  }
  if (parts.length === 1 && parts[0] === 'vendors') {
    allow(res, 'GET', req);
    return sendJson(res, 200, { vendors: register.list(ctx.time).map(renderEntry) }, headers);
  }
  if (parts.length === 2 && parts[0] === 'vendors' && parts[1] !== '') {
    allow(res, 'GET', req);
    const name = vendorName(parts[1] as string);
    const entry = register.show(name, ctx.time);
    if (entry === undefined) throw new AirlockError('not_found', `no vendor named '${name.slice(0, 80)}'`);
    return sendJson(res, 200, { vendor: renderEntry(entry), audit: (await register.audit(SHOW_AUDIT, name)).map(renderEvent) }, headers);
  }
  if (parts.length === 3 && parts[0] === 'vendors' && parts[2] === 'review') {
    allow(res, 'POST', req);
    const change = parseReview(await readJsonBody(req, MAX_BODY), 'admin-api');
    const { before, after, event } = await register.review(vendorName(parts[1] as string), change, Date.now());
    return sendJson(res, 200, { before: renderEntry(before), after: renderEntry(after), event: renderEvent(event) }, headers);
  }
  if (parts.length === 1 && parts[0] === 'audit') {
    allow(res, 'GET', req);
    const params = new URLSearchParams(query);
    const subject = params.get('subject');
    const events = await register.audit(parseLimit(params.get('limit')), subject === null || subject === '' ? undefined : subject);
    return sendJson(res, 200, { events: events.map(renderEvent) }, headers);
  }
  throw new AirlockError('not_found', `no admin route for ${req.method ?? ''} ${path}`);
}

export function createAdminHandler(deps: AdminDeps): AdminHandler {
  const tokenHash = deps.adminToken === undefined ? null : sha256(deps.adminToken);
  return async (req, res, ctx, path, query) => {
    try {
      if (tokenHash === null) throw new AirlockError('not_found', 'admin API disabled: set admin_token in the config');
      if (!authorized(req, tokenHash)) {
        res.setHeader('www-authenticate', 'Bearer realm="airlock-admin"');
        throw new AirlockError('unauthorized', 'missing or wrong admin token');
      }
      await dispatch(req, res, ctx, path, query, deps);
    } catch (err) {
      // an unread body would stall a keep-alive connection
      if (!req.readableEnded) req.resume();
      sendError(res, ctx, defaultErrors, toAirlockError(err));
    }
  };
}
