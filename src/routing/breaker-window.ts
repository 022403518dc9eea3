// A rolling count of requests and failures over the last `windowMs`, kept as a fixed ring of buckets so memory
// is constant per key and adding is O(1): only the buckets that fell out of the window since the last call are
// cleared, at most BUCKETS of them. The window is therefore coarse by one bucket (windowMs / BUCKETS).

export const BUCKETS = 10;

export class RollingWindow {
  private readonly bucketMs: number;
  private readonly requests = new Uint32Array(BUCKETS);
  private readonly failures = new Uint32Array(BUCKETS);
  /** the bucket index (time / bucketMs) of the newest bucket written */
  private head = -1;
  private totalRequests = 0;
  private totalFailures = 0;

  constructor(windowMs: number) {
    this.bucketMs = windowMs / BUCKETS;
  }

  add(now: number, failed: boolean): void {
    const slot = this.advance(now);
    this.requests[slot] = (this.requests[slot] ?? 0) + 1;
    this.totalRequests++;
    if (failed) {
      this.failures[slot] = (this.failures[slot] ?? 0) + 1;
      this.totalFailures++;
    }
  }

  counts(now: number): { requests: number; failures: number } {
    this.advance(now);
    return { requests: this.totalRequests, failures: this.totalFailures };
  }

  reset(): void {
    this.requests.fill(0);
    this.failures.fill(0);
    this.head = -1;
    this.totalRequests = 0;
    this.totalFailures = 0;
  }

  /** Drops the buckets that left the window and returns the slot for `now`. */
  private advance(now: number): number {
    const index = Math.floor(now / this.bucketMs);
    if (index > this.head) {
      const stale = this.head < 0 ? BUCKETS : Math.min(index - this.head, BUCKETS);
      for (let i = 1; i <= stale; i++) this.clear((index - stale + i) % BUCKETS);
      this.head = index;
    }
    // A clock that steps back (it should not) writes into the newest bucket rather than an expired one.
    return this.head % BUCKETS;
  }

  private clear(slot: number): void {
    this.totalRequests -= this.requests[slot] ?? 0;
    this.totalFailures -= this.failures[slot] ?? 0;
    this.requests[slot] = 0;
    this.failures[slot] = 0;
  }
}
