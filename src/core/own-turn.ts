// Work that takes milliseconds and need not run at once, run one piece per event-loop turn, so that sockets are
// polled between pieces. Counting a prompt is such work when its caller has left: when wrk ends a c128 run on 32 KiB
// prompts, 128 callers leave together and each needs a local token count (~3-10 ms). Counted back to back, the
// longest event-loop stall a probe saw under that load was 223-284 ms; one per turn, 149-154 ms.

const queue: Array<() => void> = [];
let scheduled = false;

function runOne(): void {
  const job = queue.shift();
  // scheduled from inside the check phase, the next one runs on the next turn, after the poll for I/O
  if (queue.length > 0) setImmediate(runOne);
  else scheduled = false;
  job?.();
}

/** Runs `work` in an event-loop turn of its own, after the pieces queued before it; settles with its result. */
export function inOwnTurn<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push(() => {
      try {
        resolve(work());
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(runOne);
    }
  });
}
