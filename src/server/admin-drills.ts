// The admin API's drill routes (`airlock drill` talks to these):
//   POST /admin/drills                 {vendor, fault, share?, canary?, duration_ms?, latency_ms?} → 201 {drill}
//   GET  /admin/drills                 {running: [...], recent: [...]} (recent: the last 20 records, newest first)
//   GET  /admin/drills/:id             {drill}: the record so far while it runs, else the stored record
//   POST /admin/drills/:id/stop        {drill}: ends it now and answers with the written record
//   POST /admin/drills/stop            {vendor?} → {drills: [...]}: ends every running drill (of that vendor)
import { FAULT_KINDS, type DrillSpec, type FaultKind } from '../core/drill.ts';
import { AirlockError } from '../core/errors.ts';
import type { DrillRegistry } from './drill/registry.ts';

export const DEFAULT_DRILL_MS = 5 * 60_000;
export const MAX_DRILL_MS = 24 * 3_600_000;
export const DEFAULT_SHARE = 0.1;
export const DEFAULT_LATENCY_MS = 2000;
const RECENT = 20;
const KEYS = new Set(['vendor', 'fault', 'share', 'canary', 'duration_ms', 'latency_ms']);

export interface AdminAnswer {
  status: number;
  body: Record<string, unknown>;
}

function bad(message: string, param: string): AirlockError {
  return new AirlockError('invalid_request', message, { param });
}

function num(b: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
  const v = b[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw bad(`${key} must be a number from ${min} to ${max}`, key);
  return v;
}

export function parseDrillSpec(body: unknown): DrillSpec {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AirlockError('invalid_request', 'request body must be a JSON object');
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!KEYS.has(key)) throw bad(`unknown field '${key.slice(0, 40)}'`, key.slice(0, 40));
  if (typeof b.vendor !== 'string' || b.vendor === '') throw bad('vendor is required', 'vendor');
  if (typeof b.fault !== 'string' || !(FAULT_KINDS as readonly string[]).includes(b.fault)) throw bad(`fault must be one of ${FAULT_KINDS.join(', ')}`, 'fault');
  if (b.canary !== undefined && typeof b.canary !== 'boolean') throw bad('canary must be true or false', 'canary');
  const canary = b.canary === true;
  // canaries alone unless a share of live traffic is asked for too
  const share = num(b, 'share', canary ? 0 : DEFAULT_SHARE, 0, 1);
  if (share === 0 && !canary) throw bad('a drill needs a share of live traffic above 0, or canaries', 'share');
  return {
    vendor: b.vendor,
    fault: b.fault as FaultKind,
    share,
    canary,
    durationMs: Math.round(num(b, 'duration_ms', DEFAULT_DRILL_MS, 100, MAX_DRILL_MS)),
    latencyMs: Math.round(num(b, 'latency_ms', DEFAULT_LATENCY_MS, 1, 600_000)),
  };
}

/** parts: the path segments after /admin/drills. */
export async function drillRoute(drills: DrillRegistry, method: string, parts: string[], body: () => Promise<unknown>): Promise<AdminAnswer> {
  const want = (m: string): void => {
    if (method !== m) throw new AirlockError('method_not_allowed', `use ${m} on this path`);
  };
  if (parts.length === 0) {
    if (method === 'POST') return { status: 201, body: { drill: await drills.start(parseDrillSpec(await body())) } };
    want('GET');
    return { status: 200, body: { running: drills.running(), recent: await drills.recent(RECENT) } };
  }
  if (parts.length === 1 && parts[0] === 'stop') {
    want('POST');
    const b = await body();
    const vendor = typeof b === 'object' && b !== null && typeof (b as { vendor?: unknown }).vendor === 'string' ? (b as { vendor: string }).vendor : undefined;
    return { status: 200, body: { drills: await drills.stopAll(vendor) } };
  }
  const id = parts[0] ?? '';
  if (parts.length === 1) {
    want('GET');
    const drill = await drills.get(id);
    if (drill === undefined) throw new AirlockError('not_found', `no drill '${id.slice(0, 80)}'`);
    return { status: 200, body: { drill } };
  }
  if (parts.length === 2 && parts[1] === 'stop') {
    want('POST');
    const ending = drills.stop(id);
    if (ending !== undefined) return { status: 200, body: { drill: await ending } };
    const done = await drills.get(id);
    if (done === undefined) throw new AirlockError('not_found', `no drill '${id.slice(0, 80)}'`);
    return { status: 200, body: { drill: done } };
  }
  throw new AirlockError('not_found', `no admin route for ${method} /admin/drills/${parts.join('/')}`);
}
