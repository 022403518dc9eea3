import { performance } from 'node:perf_hooks';
import { Cancel } from '../core/cancel.ts';

// A per-attempt signal: aborts on client disconnect (the request's signal) or when the target's total timeout
// runs out. A Cancel and one timer: cheaper than AbortSignal.any + AbortSignal.timeout.
export interface Deadline {
  signal: Cancel;
  timedOut(): boolean;
  clear(): void;
}

/**
 * The time an attempt may take: the target's total timeout, capped by what is left of the caller's own timeout
 * when the client told us (the Stainless SDKs send X-Stainless-Timeout in seconds): an answer the client has
 * stopped waiting for is wasted spend. At least 1 ms, so a late attempt fails as a timeout rather than hangs.
 */
export function attemptBudgetMs(ctx: { clientDeadline: number | null }, totalMs: number): number {
  if (ctx.clientDeadline === null) return totalMs;
  return Math.max(1, Math.min(totalMs, ctx.clientDeadline - performance.now()));
}

export function startDeadline(parent: Cancel, totalMs: number): Deadline {
  const signal = new Cancel();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signal.abort(Object.assign(new Error('total timeout'), { code: 'TOTAL_TIMEOUT' }));
  }, totalMs);
  timer.unref();
  const off = parent.onAbort((reason) => signal.abort(reason));
  return {
    signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      off();
    },
  };
}
