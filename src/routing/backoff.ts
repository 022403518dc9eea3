import type { RetryPolicy } from '../config/types.ts';

/**
 * Delay before retry number `retry` (0-based) of the same target: the vendor's Retry-After when it gave one,
 * else exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"), so
 * synchronized clients do not retry in lockstep. Returns null when the wait is longer than the policy allows:
 * moving to the next target beats sleeping through a long rate-limit window.
 */
export function backoffMs(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined, random: () => number): number | null {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxMs ? retryAfterMs : null;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
