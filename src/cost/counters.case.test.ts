// The Counters contract, run against every implementation (hono's *.case.test.ts idea): counters-memory.test.ts and
// store/redis/counters-redis.test.ts call counterCases(). Run on its own this file has no tests.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { BudgetLine, Counters, ReserveResult, SpentSource } from './counters.ts';

/** Makes fresh, empty counters: `instances` views of one shared state (separate clients for Redis). */
export type MakeCounters = (t: TestContext, instances: number) => Promise<Counters[]>;

// The clock of the run, not a fixed date: Redis expires keys by its own clock, so a reservation made "at" a fixed
// time more than the settle grace ago was gone before the test could settle it (this file failed from 13:00 UTC on
// the day its fixed time named).
const DAY = 86_400_000;
const NOW = Date.now();
const RESET = Math.floor(NOW / DAY) * DAY + DAY;
const PERIOD = new Date(NOW).toISOString().slice(0, 10);
let seq = 0;

function line(key: string, limitUsd: number, onExceed: 'block' | 'warn' = 'block'): BudgetLine {
  return { key, period: PERIOD, limitUsd, onExceed, resetAt: RESET };
}
function id(): string {
  return `req-${process.pid}-${++seq}`;
}
function admitted(r: ReserveResult): string {
  assert.equal(r.ok, true, `expected admission, got ${JSON.stringify(r)}`);
  return r.ok ? r.reservationId : '';
}

export function counterCases(name: string, make: MakeCounters): void {
  test(`${name}: a hard budget admits up to its limit exactly and refuses the request that would overrun`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const budgets = [line('team:support', 1)];
    for (let i = 0; i < 3; i++) admitted(await c.reserve({ id: id(), budgets, estimateUsd: 0.25, now: NOW }));
    const over = await c.reserve({ id: id(), budgets, estimateUsd: 0.3, now: NOW });
    assert.deepEqual(over, { ok: false, refusedBy: budgets[0], remainingUsd: 0.25, resetAt: RESET });
    admitted(await c.reserve({ id: id(), budgets, estimateUsd: 0.25, now: NOW }));
    const tiny = await c.reserve({ id: id(), budgets, estimateUsd: 0.000000001, now: NOW });
    assert.equal(tiny.ok, false);
  });

  test(`${name}: a refusal names the first full hard budget and reserves nothing anywhere`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const app = line('app:helpdesk', 10);
    const team = line('team:support', 1);
    const warn = line('global', 0.5, 'warn');
    admitted(await c.reserve({ id: id(), budgets: [app, team, warn], estimateUsd: 0.9, now: NOW }));
    const r = await c.reserve({ id: id(), budgets: [app, team, warn], estimateUsd: 0.2, now: NOW });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.refusedBy.key, 'team:support');
    // the app budget holds only the first 0.9: 9.1 more fits exactly
    admitted(await c.reserve({ id: id(), budgets: [app], estimateUsd: 9.1, now: NOW }));
    assert.equal((await c.reserve({ id: id(), budgets: [app], estimateUsd: 0.001, now: NOW })).ok, false);
  });

  test(`${name}: settling below the estimate frees room; spent is the actual cost`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const budgets = [line('app:a', 1), line('team:t', 5)];
    const first = admitted(await c.reserve({ id: id(), budgets, estimateUsd: 0.6, now: NOW }));
    assert.equal((await c.reserve({ id: id(), budgets, estimateUsd: 0.5, now: NOW })).ok, false);
    await c.settle(first, 0.1);
    admitted(await c.reserve({ id: id(), budgets, estimateUsd: 0.5, now: NOW }));
    assert.equal(await c.spent('app:a', PERIOD), 0.1);
    assert.equal(await c.spent('team:t', PERIOD), 0.1);
    await c.settle(first, 0.1); // a second settle does nothing
    await c.settle('never-reserved', 3);
    assert.equal(await c.spent('app:a', PERIOD), 0.1);
    assert.equal(await c.spent('app:a', new Date(NOW - DAY).toISOString().slice(0, 10)), 0);
  });

  test(`${name}: released and expired reservations free room; a late settle still charges`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const budgets = [line('key:k1', 1)];
    const a = admitted(await c.reserve({ id: id(), budgets, estimateUsd: 1, now: NOW }));
    assert.equal((await c.reserve({ id: id(), budgets, estimateUsd: 0.5, now: NOW })).ok, false);
    await c.release(a);
    const b = admitted(await c.reserve({ id: id(), budgets, estimateUsd: 1, now: NOW, ttlMs: 1000 }));
    assert.equal((await c.reserve({ id: id(), budgets, estimateUsd: 0.5, now: NOW + 999 })).ok, false);
    admitted(await c.reserve({ id: id(), budgets, estimateUsd: 0.5, now: NOW + 1000, ttlMs: 60_000 }));
    await c.settle(b, 0.25); // expired already: nothing is taken out of reserved twice, the actual is charged
    assert.equal(await c.spent('key:k1', PERIOD), 0.25);
    admitted(await c.reserve({ id: id(), budgets, estimateUsd: 0.25, now: NOW + 2000 }));
    assert.equal((await c.reserve({ id: id(), budgets, estimateUsd: 0.01, now: NOW + 2000 })).ok, false);
  });

  test(`${name}: thresholds 50/80/100% are reported once per budget and period`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const budgets = [line('global', 1, 'warn')];
    const seen: number[][] = [];
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await c.reserve({ id: id(), budgets, estimateUsd: 0.3, now: NOW });
      ids.push(admitted(r));
      if (r.ok) seen.push(r.crossed.map((x) => x.threshold));
    }
    assert.deepEqual(seen, [[], [50], [80], [100], []]);
    for (const r of ids) await c.release(r);
    const again = await c.reserve({ id: id(), budgets, estimateUsd: 2, now: NOW });
    assert.deepEqual(again.ok && again.crossed, []);
    const jump = await c.reserve({ id: id(), budgets: [line('team:x', 1, 'warn')], estimateUsd: 1.5, now: NOW });
    assert.ok(jump.ok);
    assert.deepEqual(jump.crossed.map((x) => [x.key, x.threshold, x.usedUsd]), [['team:x', 50, 1.5], ['team:x', 80, 1.5], ['team:x', 100, 1.5]]);
  });

  test(`${name}: a budget's own alert thresholds replace 50/80/100`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const budgets = [{ ...line('key:k', 1, 'warn'), thresholds: [25, 90, 150] }];
    const seen: number[][] = [];
    for (let i = 0; i < 4; i++) {
      const r = await c.reserve({ id: id(), budgets, estimateUsd: 0.45, now: NOW });
      if (r.ok) seen.push(r.crossed.map((x) => x.threshold));
    }
    assert.deepEqual(seen, [[25], [90], [], [150]]);
  });

  test(`${name}: 200 concurrent reservations across instances never overrun a hard budget`, { timeout: 20_000 }, async (t) => {
    const instances = await make(t, 3);
    const budgets = [line('team:small', 1), line('global', 100, 'warn')];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (instances[i % instances.length] as Counters).reserve({ id: id(), budgets, estimateUsd: 0.01, now: NOW }),
      ),
    );
    const ok = results.filter((r) => r.ok);
    assert.equal(ok.length, 100);
    const odd = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (instances[i % instances.length] as Counters).reserve({ id: id(), budgets: [line('app:odd', 0.1)], estimateUsd: 0.003 + (i % 7) * 0.001, now: NOW }),
      ),
    );
    const total = odd.reduce((sum, r, i) => (r.ok ? sum + 0.003 + (i % 7) * 0.001 : sum), 0);
    assert.ok(total <= 0.1 + 1e-12, `admitted ${total}`);
    await Promise.all(ok.map((r, i) => (instances[(i + 1) % instances.length] as Counters).settle(r.ok ? r.reservationId : '', 0.005)));
    assert.equal(Math.round((await (instances[2] as Counters).spent('team:small', PERIOD)) * 1e9), 0.5e9);
  });

  test(`${name}: a reservation id is used once`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const rid = id();
    admitted(await c.reserve({ id: rid, budgets: [line('app:a', 1)], estimateUsd: 0.1, now: NOW }));
    await assert.rejects(c.reserve({ id: rid, budgets: [line('app:a', 1)], estimateUsd: 0.1, now: NOW }));
  });

  test(`${name}: rate limits count requests and tokens per window and refuse without counting`, { timeout: 10_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const limits = { rpm: 3, tpm: 1000 };
    const start = Math.floor(NOW / 60_000) * 60_000;
    const at = start + 15_000;
    for (let i = 0; i < 3; i++) assert.equal((await c.hit('app:a', 60_000, 1, 100, limits, at)).allowed, true);
    const refused = await c.hit('app:a', 60_000, 1, 100, limits, at);
    assert.deepEqual(refused, {
      allowed: false, limitedBy: 'requests', retryAfterMs: 45_000,
      requests: { limit: 3, remaining: 0, resetMs: 45_000 }, tokens: { limit: 1000, remaining: 700, resetMs: 45_000 },
    });
    const fresh = await c.hit('app:a', 60_000, 1, 800, limits, start + 60_000);
    assert.deepEqual([fresh.allowed, fresh.requests?.remaining, fresh.tokens?.remaining], [true, 2, 200]);
    const tokens = await c.hit('app:a', 60_000, 1, 300, limits, start + 61_000);
    assert.deepEqual([tokens.allowed, tokens.limitedBy, tokens.tokens?.remaining], [false, 'tokens', 200]);
    const corrected = await c.hit('app:a', 60_000, 0, -500, limits, start + 62_000);
    assert.deepEqual([corrected.allowed, corrected.tokens?.remaining, corrected.requests?.remaining], [true, 700, 2]);
    assert.equal((await c.hit('app:b', 60_000, 1, 5, {}, at)).allowed, true);
  });

  test(`${name}: reserve + settle latency over 1000 sequential calls (printed, not asserted)`, { timeout: 30_000 }, async (t) => {
    const [c] = (await make(t, 1)) as [Counters];
    const budgets = [line('key:k', 1e6), line('app:a', 1e6), line('team:t', 1e6, 'warn'), line('global', 1e6)];
    const times: number[] = [];
    for (let i = 0; i < 1100; i++) {
      const started = process.hrtime.bigint();
      const r = await c.reserve({ id: id(), budgets, estimateUsd: 0.01, now: NOW });
      await c.settle(r.ok ? r.reservationId : '', 0.004);
      if (i >= 100) times.push(Number(process.hrtime.bigint() - started) / 1000);
    }
    times.sort((a, b) => a - b);
    const p = (q: number): string => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(1);
    t.diagnostic(`${name} reserve+settle over 4 budgets: p50 ${p(0.5)} µs, p99 ${p(0.99)} µs`);
  });
}

/**
 * Counters that lost their totals rebuild them from the store. `make(t, seed)` gives counters using `seed`;
 * `lose()` drops what they hold (a new process for memory, deleted keys for Redis), keeping the store.
 */
export type MakeSeeded = (t: TestContext, seed: SpentSource) => Promise<{ counters: () => Counters; lose: () => Promise<void> }>;

export function rebuildCases(name: string, make: MakeSeeded): void {
  test(`${name}: a budget whose total is missing is rebuilt from the store once, then enforced`, { timeout: 10_000 }, async (t) => {
    const store = new Map<string, number>([['team:t', 0.7]]);
    const asked: string[] = [];
    const seed: SpentSource = (l) => {
      asked.push(l.key);
      return Promise.resolve(store.get(l.key) ?? 0);
    };
    const { counters, lose } = await make(t, seed);
    const budgets = [line('team:t', 1), line('app:a', 1)];
    const c = counters();
    const [a, b] = await Promise.all([c.reserve({ id: id(), budgets, estimateUsd: 0.1, now: NOW }), c.reserve({ id: id(), budgets, estimateUsd: 0.1, now: NOW })]);
    admitted(a);
    admitted(b);
    assert.deepEqual(asked.sort(), ['app:a', 'team:t'], 'each budget rebuilt once, however many reserve at once');
    const over = await c.reserve({ id: id(), budgets, estimateUsd: 0.15, now: NOW });
    assert.equal(over.ok, false, '0.7 spent before + 0.2 held leave 0.1');
    await c.settle(a.ok ? a.reservationId : '', 0.1);
    await c.settle(b.ok ? b.reservationId : '', 0.1);
    assert.ok(Math.abs((await c.spent('team:t', PERIOD)) - 0.9) < 1e-9);
    // the totals are lost; the store has what was spent, and the budget still holds
    store.set('team:t', 0.9);
    await lose();
    const d = counters();
    assert.equal((await d.reserve({ id: id(), budgets, estimateUsd: 0.11, now: NOW })).ok, false);
    admitted(await d.reserve({ id: id(), budgets, estimateUsd: 0.1, now: NOW }));
    assert.ok(Math.abs((await d.spent('team:t', PERIOD)) - 0.9) < 1e-9);
  });
}
