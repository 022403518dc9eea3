// Counters for one process. Every method runs synchronously to its end before it resolves, so on Node's single thread
// each one is atomic. Expired reservations are released lazily, when their budget is next reserved against.
import {
  PERIOD_GRACE_MS,
  RESERVATION_TTL_MS,
  SETTLE_GRACE_MS,
  crossedBetween,
  fromNano,
  thresholdLevel,
  toNano,
  type BudgetLine,
  type Counters,
  type RateLimits,
  type RateResult,
  type ReserveRequest,
  type ReserveResult,
  type SpentSource,
  type ThresholdCrossing,
} from './counters.ts';
import { rateResult } from './rate.ts';

interface Bucket {
  spent: number;
  reserved: number;
  alerted: number;
  /** keep until, epoch ms */
  keepUntil: number;
  /** reservation id → { estimate, expiresAt }, in insertion order */
  held: Map<string, { estimate: number; expiresAt: number }>;
}

interface Reservation {
  buckets: Bucket[];
  /** the record is forgotten after this (TTL + settle grace) */
  forgetAt: number;
}

interface Window {
  start: number;
  requests: number;
  tokens: number;
}

export class MemoryCounters implements Counters {
  private readonly buckets = new Map<string, Bucket>();
  private readonly reservations = new Map<string, Reservation>();
  private readonly windows = new Map<string, Window>();
  private nextBucketSweep = 0;
  /** buckets being rebuilt from the store: every reservation against them waits for the one rebuild */
  private readonly seeding = new Map<string, Promise<void>>();

  /** `seed`: the store's total for a budget this process has not seen yet, so a restart forgets no spend */
  constructor(private readonly seed?: SpentSource) {}

  reserve(req: ReserveRequest): Promise<ReserveResult> {
    const seed = this.seed;
    if (seed !== undefined) {
      const missing = req.budgets.filter((line) => !this.buckets.has(bucketId(line.key, line.period)));
      if (missing.length > 0) return Promise.all(missing.map((line) => this.seedBucket(line, seed))).then(() => this.reserveNow(req));
    }
    return new Promise((resolve) => resolve(this.reserveNow(req)));
  }

  settle(reservationId: string, actualUsd: number): Promise<void> {
    this.finish(reservationId, toNano(actualUsd));
    return Promise.resolve();
  }

  release(reservationId: string): Promise<void> {
    this.finish(reservationId, 0);
    return Promise.resolve();
  }

  spent(budgetKey: string, period: string): Promise<number> {
    return Promise.resolve(fromNano(this.buckets.get(bucketId(budgetKey, period))?.spent ?? 0));
  }

  hit(rateKey: string, windowMs: number, requests: number, tokens: number, limits: RateLimits, now: number): Promise<RateResult> {
    const start = Math.floor(now / windowMs) * windowMs;
    let w = this.windows.get(rateKey);
    if (w === undefined || w.start !== start) {
      if (w === undefined && this.windows.size >= 10_000) this.dropOldWindows(start);
      w = { start, requests: 0, tokens: 0 };
      this.windows.set(rateKey, w);
    }
    const overRequests = requests > 0 && limits.rpm !== undefined && w.requests + requests > limits.rpm;
    const overTokens = tokens > 0 && limits.tpm !== undefined && w.tokens + tokens > limits.tpm;
    if (!overRequests && !overTokens) {
      w.requests += requests;
      w.tokens = Math.max(0, w.tokens + tokens);
    }
    const limitedBy = overRequests ? 'requests' : overTokens ? 'tokens' : undefined;
    return Promise.resolve(rateResult(limits, w.requests, w.tokens, start + windowMs - now, limitedBy));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private reserveNow(req: ReserveRequest): ReserveResult {
    this.forget(req.now);
    if (this.reservations.has(req.id)) throw new Error(`reservation ${req.id} exists already`);
    const estimate = toNano(req.estimateUsd);
    const buckets = req.budgets.map((line) => this.bucket(line, req.now));
    for (const [i, line] of req.budgets.entries()) {
      const b = buckets[i] as Bucket;
      const limit = toNano(line.limitUsd);
      if (line.onExceed === 'block' && b.spent + b.reserved + estimate > limit) {
        const remainingUsd = fromNano(Math.max(0, limit - b.spent - b.reserved));
        return { ok: false, refusedBy: line, remainingUsd, resetAt: line.resetAt };
      }
    }
    const expiresAt = req.now + (req.ttlMs ?? RESERVATION_TTL_MS);
    const crossed: ThresholdCrossing[] = [];
    for (const [i, line] of req.budgets.entries()) {
      const b = buckets[i] as Bucket;
      b.reserved += estimate;
      b.held.set(req.id, { estimate, expiresAt });
      const used = b.spent + b.reserved;
      const level = thresholdLevel(used, toNano(line.limitUsd), line.thresholds);
      for (const threshold of crossedBetween(b.alerted, level, line.thresholds)) {
        crossed.push({ key: line.key, period: line.period, threshold, usedUsd: fromNano(used), limitUsd: line.limitUsd, onExceed: line.onExceed });
      }
      b.alerted = Math.max(b.alerted, level);
    }
    this.reservations.set(req.id, { buckets, forgetAt: expiresAt + SETTLE_GRACE_MS });
    return { ok: true, reservationId: req.id, crossed };
  }

  private seedBucket(line: BudgetLine, seed: SpentSource): Promise<void> {
    const id = bucketId(line.key, line.period);
    let pending = this.seeding.get(id);
    if (pending === undefined) {
      pending = seed(line)
        .then((usd) => {
          if (!this.buckets.has(id)) this.bucket(line, 0).spent += toNano(usd);
        })
        .finally(() => this.seeding.delete(id));
      this.seeding.set(id, pending);
    }
    return pending;
  }

  /** the bucket of a budget line, with its expired reservations released */
  private bucket(line: BudgetLine, now: number): Bucket {
    const id = bucketId(line.key, line.period);
    let b = this.buckets.get(id);
    if (b === undefined) {
      b = { spent: 0, reserved: 0, alerted: 0, keepUntil: line.resetAt + PERIOD_GRACE_MS, held: new Map() };
      this.buckets.set(id, b);
    }
    // Insertion order is expiry order while every reservation uses the same TTL; with mixed TTLs a short one may wait
    // behind a long one, which holds money a little longer but never lets a budget overrun.
    for (const [rid, r] of b.held) {
      if (r.expiresAt > now) break;
      b.held.delete(rid);
      b.reserved -= r.estimate;
    }
    return b;
  }

  private finish(reservationId: string, actual: number): void {
    const r = this.reservations.get(reservationId);
    if (r === undefined) return;
    this.reservations.delete(reservationId);
    for (const b of r.buckets) {
      const held = b.held.get(reservationId);
      if (held !== undefined) {
        b.held.delete(reservationId);
        b.reserved -= held.estimate;
      }
      b.spent += actual;
    }
  }

  private dropOldWindows(start: number): void {
    for (const [key, w] of this.windows) if (w.start < start) this.windows.delete(key);
  }

  /** drop reservation records past their settle grace, and buckets of long-ended periods with nothing held */
  private forget(now: number): void {
    for (const [id, r] of this.reservations) {
      if (r.forgetAt > now) break;
      this.reservations.delete(id);
    }
    if (now < this.nextBucketSweep) return;
    this.nextBucketSweep = now + 60_000;
    for (const [id, b] of this.buckets) {
      if (b.keepUntil >= now) continue;
      for (const r of b.held.values()) if (r.expiresAt <= now) b.reserved -= r.estimate;
      for (const [rid, r] of b.held) if (r.expiresAt <= now) b.held.delete(rid);
      if (b.held.size === 0) this.buckets.delete(id);
    }
  }
}

function bucketId(key: string, period: string): string {
  return `${key}\u0000${period}`;
}
