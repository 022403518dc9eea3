// The Counters port: budget reservations and rate-limit windows, shared by every instance. Two implementations:
// cost/counters-memory.ts (one process) and store/redis/counters-redis.ts (several instances, Lua scripts). Both keep
// money as integer nano-USD inside, so a budget boundary is exact (0.1 + 0.2 is never more than 0.3) and both agree.

/** percent of a budget's limit */
export type Threshold = number;
/** the default alert thresholds (a budget's alert_at overrides them) */
export const THRESHOLDS: readonly Threshold[] = [50, 80, 100];

/** One budget that applies to a request, already resolved to its current period (see cost/budget.ts). */
export interface BudgetLine {
  /** who the budget belongs to, e.g. 'team:support', 'app:helpdesk', 'global' */
  key: string;
  /** the period bucket, e.g. '2026-11', '2026-11-27', 'w30-689' */
  period: string;
  limitUsd: number;
  onExceed: 'block' | 'warn';
  /** epoch ms when the period ends and the budget is fresh again */
  resetAt: number;
  /** epoch ms when the period began: where a rebuild from the store starts summing */
  startAt?: number;
  /** alert thresholds in percent, ascending; default THRESHOLDS */
  thresholds?: readonly Threshold[];
}

/**
 * What the store says a budget spent in its period so far (USD), for counters that find a budget's total missing:
 * the first reservation after a start (memory) or after Redis lost its data.
 */
export type SpentSource = (line: BudgetLine) => Promise<number>;

export interface ReserveRequest {
  /** unique per reservation (the request id, plus the attempt if one request reserves twice) */
  id: string;
  budgets: BudgetLine[];
  estimateUsd: number;
  /** epoch ms (the caller's clock), for expiry */
  now: number;
  /** how long the reservation holds if the request never settles it; default RESERVATION_TTL_MS */
  ttlMs?: number;
}

export interface ThresholdCrossing {
  key: string;
  period: string;
  threshold: Threshold;
  /** spent + reserved after this reservation */
  usedUsd: number;
  limitUsd: number;
  onExceed: 'block' | 'warn';
}

export type ReserveResult =
  | {
      ok: true;
      reservationId: string;
      /** thresholds this reservation crossed first in its period; each one is reported once per budget and period */
      crossed: ThresholdCrossing[];
    }
  | {
      ok: false;
      /** the first hard budget (in request order) this estimate would overrun; nothing was reserved anywhere */
      refusedBy: BudgetLine;
      /** limit − spent − reserved, never below 0 */
      remainingUsd: number;
      resetAt: number;
    };

export interface RateLimits {
  rpm?: number;
  tpm?: number;
}

export interface RateWindow {
  limit: number;
  remaining: number;
  /** ms until the window starts over */
  resetMs: number;
}

export interface RateResult {
  allowed: boolean;
  /** which limit refused (requests first) */
  limitedBy?: 'requests' | 'tokens';
  /** present when limits.rpm is set */
  requests?: RateWindow;
  /** present when limits.tpm is set */
  tokens?: RateWindow;
  /** when refused: ms until the window starts over */
  retryAfterMs?: number;
}

export interface Counters {
  /** Atomically: refuse if any hard budget would overrun, else add the estimate to every budget's reserved total. */
  reserve(req: ReserveRequest): Promise<ReserveResult>;
  /**
   * Take the reservation's estimate out of reserved (unless it expired already) and add the actual cost to spent,
   * in the period it was reserved in. A second settle, or a settle of an unknown id, does nothing.
   */
  settle(reservationId: string, actualUsd: number): Promise<void>;
  /** Take the estimate out of reserved without spending anything (the request died before the vendor charged). */
  release(reservationId: string): Promise<void>;
  /** settled USD of a budget in a period (0 when unknown) */
  spent(budgetKey: string, period: string): Promise<number>;
  /**
   * Count `requests` and `tokens` in the fixed window of `windowMs` that holds `now`, unless that would pass a
   * limit: then nothing is counted and the result is refused. A negative `tokens` (a correction after the answer,
   * with requests 0) is always applied.
   */
  hit(rateKey: string, windowMs: number, requests: number, tokens: number, limits: RateLimits, now: number): Promise<RateResult>;
  close(): Promise<void>;
}

export const RESERVATION_TTL_MS = 10 * 60_000;
/** how long a reservation's record outlives its TTL, so a slow request's settle still charges its actual cost */
export const SETTLE_GRACE_MS = 60 * 60_000;
/** how long a budget's counters outlive the end of their period */
export const PERIOD_GRACE_MS = 24 * 60 * 60_000;

const NANO = 1e9;

export function toNano(usd: number): number {
  return Math.round(usd * NANO);
}

export function fromNano(nano: number): number {
  return nano / NANO;
}

/** The highest threshold reached by `usedNano` of `limitNano` (0 for none). The Lua scripts compute it the same way. */
export function thresholdLevel(usedNano: number, limitNano: number, thresholds: readonly Threshold[] = THRESHOLDS): number {
  if (limitNano <= 0) return 0;
  let level = 0;
  for (const t of thresholds) if (usedNano >= (limitNano * t) / 100) level = Math.max(level, t);
  return level;
}

/** thresholds above `from` up to `to` */
export function crossedBetween(from: number, to: number, thresholds: readonly Threshold[] = THRESHOLDS): Threshold[] {
  return thresholds.filter((t) => t > from && t <= to);
}
