// Normalizing the contingency settings: breaker options (top level, per-vendor override) and a target's
// retirement and successor. Kept apart from normalize.ts so that file stays a list of sections.
import type { RawConfig } from './schema.ts';
import type { BreakerSettings, Config } from './types.ts';

type RawBreaker = NonNullable<RawConfig['vendors'][string]['breaker']>;
type RawTarget = RawConfig['models'][string]['targets'][number];

// Same numbers as routing/breaker.ts DEFAULT_BREAKER_OPTIONS: 10 requests in 30 s at ≥ 50 % failed opens the
// circuit for 15 s, then one probe decides.
export const DEFAULT_BREAKER: BreakerSettings = { windowMs: 30_000, minRequests: 10, failureRate: 0.5, openMs: 15_000, halfOpenProbes: 1 };
/** outcomes are sent to Redis in one batch this often: the delay before another instance sees them */
export const DEFAULT_BREAKER_SYNC_MS = 100;
export const DEFAULT_WARN_DAYS = 90;

export function breakerSettings(raw: RawBreaker | undefined, base: BreakerSettings): BreakerSettings {
  return {
    windowMs: raw?.window_ms ?? base.windowMs,
    minRequests: raw?.min_requests ?? base.minRequests,
    failureRate: raw?.failure_rate ?? base.failureRate,
    openMs: raw?.open_ms ?? base.openMs,
    halfOpenProbes: raw?.half_open_probes ?? base.halfOpenProbes,
  };
}

export function topBreaker(raw: RawConfig['breaker']): Config['breaker'] {
  return { ...breakerSettings(raw, DEFAULT_BREAKER), syncMs: raw?.sync_ms ?? DEFAULT_BREAKER_SYNC_MS };
}

/**
 * `successor: vendor/model` when the part before the first slash names a configured vendor; otherwise the whole
 * string is a model of the target's own vendor (vLLM model ids hold slashes: `meta-llama/Llama-3.1-8B`).
 * A string that looks like `vendor/model` with an unknown vendor is read as a model and warned about.
 */
export function successorOf(t: RawTarget, vendors: ReadonlySet<string>, where: string, warnings: string[]): { vendor: string; model: string } | undefined {
  const s = t.successor;
  if (s === undefined) return undefined;
  const slash = s.indexOf('/');
  if (slash > 0 && vendors.has(s.slice(0, slash))) return { vendor: s.slice(0, slash), model: s.slice(slash + 1) };
  if (slash > 0) warnings.push(`${where}.successor: '${s}' is read as a model of vendor ${t.vendor} (no vendor named ${s.slice(0, slash)})`);
  return { vendor: t.vendor, model: s };
}
