// Work that takes milliseconds and need not run at once, run one piece per event-loop turn, so that sockets are
// polled between pieces. Counting a prompt is such work when its caller has left: 128 callers of 32 KiB prompts who
// left together (wrk ending a run) each needed a local token count, and counted back to back they stopped the
// gateway for 355 ms.

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
