// The fallback loop: targets in order, retries per target, over an Attempt port so routing never sees a wire
// body or a socket. pipeline/call.ts supplies the attempt.
import type { RetryPolicy } from '../config/types.ts';
import { AirlockError, type AttemptSummary } from '../core/errors.ts';
import type { UpstreamFailure } from '../protocols/types.ts';
import { backoffMs } from './backoff.ts';
import { outcomeOf, type BreakerPort } from './breaker.ts';
import type { Cancel } from '../core/cancel.ts';

export interface FallbackTarget {
  vendor: string;
  model: string;
  retry: RetryPolicy;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: UpstreamFailure };

export interface FallbackDeps {
  sleep: (ms: number, signal: Cancel) => Promise<void>;
  random: () => number;
  /**
   * Circuit breakers (breaker.ts). A target whose circuit is open is skipped without a call, and noted in the
   * attempts as `status: null, code: 'upstream_unreachable'` (the exhaustion message says "circuit open");
   * every call's outcome is recorded. Absent: every target is tried, as before.
   */
  breakers?: BreakerPort;
}

export interface FallbackOutcome<T, G extends FallbackTarget = FallbackTarget> {
  value: T;
  target: G;
  attempts: AttemptSummary[];
}

/**
 * Tries each target until one succeeds. A retryable failure is retried on the same target with backoff, then
 * the next target is tried. A failure that no retry can fix (the vendor rejected the request itself) ends the
 * loop at once: the next vendor would reject it too. A target whose credentials are rejected is skipped.
 * `attempt` is called with the attempts made so far so the caller can re-plan per target (e.g. policy).
 * With breakers, each call (retries too) must pass `allow`, so a half-open circuit sees only its probes.
 */
export async function runFallback<T, G extends FallbackTarget>(
  targets: G[],
  attempt: (target: G, attemptNo: number) => Promise<AttemptResult<T>>,
  deps: FallbackDeps,
  signal: Cancel,
): Promise<FallbackOutcome<T, G>> {
  const attempts: AttemptSummary[] = [];
  const skipped = new WeakSet<AttemptSummary>();
  const breakers = deps.breakers;
  let last: UpstreamFailure | null = null;
  let calls = 0;
  for (const target of targets) {
    for (let retry = 0; retry <= target.retry.maxRetries; retry++) {
      if (signal.aborted) throw exhausted(last, attempts, skipped);
      if (breakers !== undefined && !breakers.allow(target.vendor, target.model)) {
        const open: AttemptSummary = { vendor: target.vendor, model: target.model, status: null, code: 'upstream_unreachable' };
        skipped.add(open);
        attempts.push(open);
        break;
      }
      const result = await attempt(target, ++calls);
      // A call cut short because the caller left says nothing about the vendor: it must not count against its circuit.
      if (!result.ok && signal.aborted) {
        attempts.push({ vendor: target.vendor, model: target.model, status: result.failure.status, code: result.failure.code, cutShort: true });
        throw exhausted(result.failure, attempts, skipped);
      }
      breakers?.record(target.vendor, target.model, result.ok ? 'success' : outcomeOf(result.failure));
      if (result.ok) return { value: result.value, target, attempts };
      const f = result.failure;
      last = f;
      const summary: AttemptSummary = { vendor: target.vendor, model: target.model, status: f.status, code: f.code };
      if (f.billable) summary.billable = true;
      attempts.push(summary);
      if (!f.retryable && f.code !== 'upstream_auth' && f.code !== 'unsupported_parameter') {
        throw new AirlockError(f.code, f.message, { status: f.status, attempts });
      }
      if (!f.retryable || retry === target.retry.maxRetries) break;
      const wait = backoffMs(target.retry, retry, f.retryAfterMs, deps.random);
      if (wait === null) break;
      await deps.sleep(wait, signal);
    }
  }
  throw exhausted(last, attempts, skipped);
}

function exhausted(last: UpstreamFailure | null, attempts: AttemptSummary[], skipped: WeakSet<AttemptSummary>): AirlockError {
  if (last?.code === 'unsupported_parameter' && attempts.every((a) => a.code === 'unsupported_parameter')) {
    return new AirlockError('unsupported_parameter', last.message, { attempts, param: last.param ?? null });
  }
  if (last?.code === 'upstream_rate_limited' && attempts.every((a) => a.code === 'upstream_rate_limited')) {
    // every vendor said "slow down": tell the caller the same, with the wait, rather than an outage
    return new AirlockError('upstream_rate_limited', 'every vendor for this model is rate limiting', {
      attempts,
      ...(last.retryAfterMs === undefined ? {} : { retryAfterMs: last.retryAfterMs }),
    });
  }
  const tried = attempts.map((a) => `${a.vendor}/${a.model}: ${skipped.has(a) ? 'circuit open' : `${a.status ?? '-'} ${a.code}`}`).join('; ');
  const retryAfterMs = last?.retryAfterMs;
  return new AirlockError('all_targets_failed', `no vendor could answer (${attempts.length} attempts: ${tried})`, {
    attempts,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
