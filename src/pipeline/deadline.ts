// A per-attempt signal: aborts on client disconnect (the request's signal) or when the target's total timeout
// runs out. A plain AbortController and one timer: cheaper than AbortSignal.any + AbortSignal.timeout.
export interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  clear(): void;
}

export function startDeadline(parent: AbortSignal, totalMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onParent = (): void => controller.abort(parent.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(Object.assign(new Error('total timeout'), { code: 'TOTAL_TIMEOUT' }));
  }, totalMs);
  timer.unref();
  if (parent.aborted) onParent();
  else parent.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}
