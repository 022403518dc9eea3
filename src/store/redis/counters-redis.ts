// Counters in Redis, for several instances: every check-and-change is one Lua script (EVALSHA through ioredis'
// defineCommand), so three instances sharing one Redis enforce a budget exactly as one instance does. Keys:
//   <prefix>b:<budget>:<period>   hash {spent, reserved, alerted} (nano-USD), expires a day after the period ends
//   <prefix>bz:<budget>:<period>  ZSET of held reservations `id|estimate`, scored by expiry
//   <prefix>r:<id>                hash {member, keys} of one reservation, kept for its TTL plus the settle grace
//   <prefix>rl:<rate key>:<start> hash {r, t} of one rate window
// All of a reservation's keys are passed as KEYS; they are not hash-tagged, so this is for a single Redis (or a
// primary with replicas), not Redis Cluster.
import { Redis } from 'ioredis';
import {
  PERIOD_GRACE_MS,
  RESERVATION_TTL_MS,
  SETTLE_GRACE_MS,
  crossedBetween,
  fromNano,
  toNano,
  type Counters,
  type RateLimits,
  type RateResult,
  type ReserveRequest,
  type ReserveResult,
  type SpentSource,
  type ThresholdCrossing,
  THRESHOLDS,
  type BudgetLine,
} from '../../cost/counters.ts';
import { rateResult } from '../../cost/rate.ts';
import { RATE_LUA, RESERVE_LUA, SEED_LUA, SETTLE_LUA } from './counters-lua.ts';

type Reply = Array<number | string>;

interface Scripts {
  airlockReserve(numKeys: number, ...args: Array<string | number>): Promise<Reply>;
  airlockSettle(numKeys: number, ...args: Array<string | number>): Promise<number>;
  airlockRate(numKeys: number, ...args: Array<string | number>): Promise<Reply>;
  airlockSeed(numKeys: number, ...args: Array<string | number>): Promise<number>;
}

export interface RedisCountersOptions {
  /** default 'airlock:' */
  prefix?: string;
  /** close the client on close(); default false (the caller owns it) */
  ownsClient?: boolean;
  /** rebuilds a budget's total from the store when Redis has none (after a restart or FLUSHALL) */
  seed?: SpentSource;
}

export class RedisCounters implements Counters {
  private readonly prefix: string;
  private readonly scripts: Scripts;
  /** keys of the reservations this instance made, saving settle a round trip; another instance reads them from Redis */
  private readonly local = new Map<string, { keys: string[]; forgetAt: number }>();
  private readonly seeding = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCountersOptions = {},
  ) {
    this.prefix = options.prefix ?? 'airlock:';
    redis.defineCommand('airlockReserve', { lua: RESERVE_LUA });
    redis.defineCommand('airlockSettle', { lua: SETTLE_LUA });
    redis.defineCommand('airlockRate', { lua: RATE_LUA });
    redis.defineCommand('airlockSeed', { lua: SEED_LUA });
    this.scripts = redis as unknown as Scripts;
  }

  /** a client for `url` (redis://host:port/db) that these counters own */
  static connect(url: string, options: Omit<RedisCountersOptions, 'ownsClient'> = {}): RedisCounters {
    const client = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
    return new RedisCounters(client, { ...options, ownsClient: true });
  }

  async reserve(req: ReserveRequest): Promise<ReserveResult> {
    const estimate = toNano(req.estimateUsd);
    const expiresAt = req.now + (req.ttlMs ?? RESERVATION_TTL_MS);
    const forgetAt = expiresAt + SETTLE_GRACE_MS;
    const keys = [this.reservationKey(req.id)];
    const check = this.options.seed === undefined ? 0 : 1;
    const args: Array<string | number> = [req.now, estimate, expiresAt, forgetAt, `${req.id}|${estimate}`, req.budgets.length, check];
    for (const line of req.budgets) {
      keys.push(this.budgetKey(line), `${this.prefix}bz:${line.key}:${line.period}`);
      args.push(toNano(line.limitUsd), line.onExceed === 'block' ? 1 : 0, line.resetAt + PERIOD_GRACE_MS, (line.thresholds ?? THRESHOLDS).join(','));
    }
    let reply = await this.scripts.airlockReserve(keys.length, ...keys, ...args);
    // a budget Redis has no total for: rebuild it from the store once, then reserve again
    for (let round = 0; Number(reply[0]) === -2 && round < 3; round++) {
      await this.seedBudgets(reply.slice(1).map((i) => req.budgets[Number(i) - 1]).filter((l) => l !== undefined));
      reply = await this.scripts.airlockReserve(keys.length, ...keys, ...args);
    }
    const status = Number(reply[0]);
    if (status === -1) throw new Error(`reservation ${req.id} exists already`);
    if (status === -2) throw new Error('budget totals could not be rebuilt from the store');
    if (status === 0) {
      const refusedBy = req.budgets[Number(reply[1]) - 1];
      if (refusedBy === undefined) throw new Error('reserve script named no budget');
      return { ok: false, refusedBy, remainingUsd: fromNano(Math.max(0, Number(reply[2]))), resetAt: refusedBy.resetAt };
    }
    this.remember(req.id, keys.slice(1), forgetAt, req.now);
    return { ok: true, reservationId: req.id, crossed: crossings(req, reply) };
  }

  settle(reservationId: string, actualUsd: number): Promise<void> {
    return this.finish(reservationId, toNano(actualUsd));
  }

  release(reservationId: string): Promise<void> {
    return this.finish(reservationId, 0);
  }

  /** one rebuild per budget at a time in this process: concurrent reservations wait for the same one */
  private seedBudgets(lines: BudgetLine[]): Promise<unknown> {
    return Promise.all(
      lines.map((line) => {
        const key = this.budgetKey(line);
        let pending = this.seeding.get(key);
        if (pending === undefined) {
          pending = this.seedBudget(line, key).finally(() => this.seeding.delete(key));
          this.seeding.set(key, pending);
        }
        return pending;
      }),
    );
  }

  private async seedBudget(line: BudgetLine, key: string): Promise<void> {
    const seed = this.options.seed;
    if (seed === undefined) return;
    const total = await seed(line);
    await this.scripts.airlockSeed(1, key, toNano(total), line.resetAt + PERIOD_GRACE_MS);
  }

  private budgetKey(line: BudgetLine): string {
    return `${this.prefix}b:${line.key}:${line.period}`;
  }

  async spent(budgetKey: string, period: string): Promise<number> {
    const value = await this.redis.hget(`${this.prefix}b:${budgetKey}:${period}`, 'spent');
    return value === null ? 0 : fromNano(Number(value));
  }

  async hit(rateKey: string, windowMs: number, requests: number, tokens: number, limits: RateLimits, now: number): Promise<RateResult> {
    const start = Math.floor(now / windowMs) * windowMs;
    const key = `${this.prefix}rl:${rateKey}:${start}`;
    const args = [requests, tokens, limits.rpm ?? '', limits.tpm ?? '', windowMs * 2];
    const reply = await this.scripts.airlockRate(1, key, ...args);
    const over = Number(reply[0]);
    const limitedBy = over === 1 ? 'requests' : over === 2 ? 'tokens' : undefined;
    return rateResult(limits, Number(reply[1]), Number(reply[2]), start + windowMs - now, limitedBy);
  }

  async close(): Promise<void> {
    if (this.options.ownsClient === true) await this.redis.quit();
  }

  private async finish(reservationId: string, actual: number): Promise<void> {
    const key = this.reservationKey(reservationId);
    let budgetKeys = this.local.get(reservationId)?.keys;
    this.local.delete(reservationId);
    if (budgetKeys === undefined) {
      const stored = await this.redis.hget(key, 'keys');
      if (stored === null) return;
      budgetKeys = stored === '' ? [] : stored.split('\n');
    }
    await this.scripts.airlockSettle(1 + budgetKeys.length, key, ...budgetKeys, actual, PERIOD_GRACE_MS);
  }

  private remember(id: string, keys: string[], forgetAt: number, now: number): void {
    for (const [old, entry] of this.local) {
      if (entry.forgetAt > now) break;
      this.local.delete(old);
    }
    this.local.set(id, { keys, forgetAt });
  }

  private reservationKey(id: string): string {
    return `${this.prefix}r:${id}`;
  }
}

function crossings(req: ReserveRequest, reply: Reply): ThresholdCrossing[] {
  const out: ThresholdCrossing[] = [];
  for (let i = 1; i + 3 < reply.length; i += 4) {
    const line = req.budgets[Number(reply[i]) - 1];
    if (line === undefined) continue;
    const usedUsd = fromNano(Number(reply[i + 3]));
    for (const threshold of crossedBetween(Number(reply[i + 1]), Number(reply[i + 2]), line.thresholds)) {
      out.push({ key: line.key, period: line.period, threshold, usedUsd, limitUsd: line.limitUsd, onExceed: line.onExceed });
    }
  }
  return out;
}
