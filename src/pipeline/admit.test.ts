// The admit stage over in-process counters: vendor budgets per target, the chain-wide hold, rate limits given back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../core/errors.ts';
import { parseConfig } from '../config/load.ts';
import { budgetSourcesFromConfig } from '../cost/budget.ts';
import { loadCatalog } from '../cost/catalog.ts';
import { MemoryCounters } from '../cost/counters-memory.ts';
import { createPriceSource } from '../cost/pricing.ts';
import { Pseudonyms } from '../governance/pseudonymize.ts';
import { planTargets } from '../routing/plan.ts';
import type { Usage } from '../core/canonical.ts';
import { admit, settle, type AdmitDeps } from './admit.ts';
import { meterAbandoned } from './meter.ts';
import { newContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';

const NOW = Date.UTC(2026, 10, 27, 12);
// $0.001 and $0.0001 per token; 1 input + 9 output tokens hold $0.01 on dear, $0.001 on cheap
const config = parseConfig(
  `
vendors:
  dear: { protocol: openai, base_url: 'http://127.0.0.1:9/v1', budget: { usd: 0.005, per: day } }
  cheap: { protocol: anthropic, base_url: 'http://127.0.0.1:9' }
models:
  chat: { targets: [dear/m, cheap/m] }
prices:
  dear/m: { input: 1000, output: 1000 }
  cheap/m: { input: 100, output: 100 }
teams:
  t: { budget: { usd: 0.004, per: day } }
apps:
  a: { team: t, rate: { rpm: 10 } }
keys:
  - { name: k, app: a, key: sk-k, rate: { rpm: 1 } }
`,
  'admit.yaml',
  {},
);

function targets(): DecidedTarget<null>[] {
  return planTargets(config, 'chat', null, NOW).map((t) => ({
    ...t, request: null, vault: new Pseudonyms(), redactions: 0, action: 'allow', reroutedPast: false,
    review: { vendor: t.vendor, status: 'approved', approvedData: [], region: null, termsVersion: null, reason: null },
  }));
}

function ctx(id: string): ReturnType<typeof newContext> {
  const c = newContext(id, 'chat.completions', NOW, 0);
  c.principal = { keyName: 'k', app: 'a', team: 't', models: null };
  return c;
}

test('a vendor over its budget leaves the chain; the team hold is retried at the dearest target left', { timeout: 5_000 }, async () => {
  const counters = new MemoryCounters();
  const deps: AdmitDeps = { config, counters, budgets: budgetSourcesFromConfig(config), prices: createPriceSource(config, loadCatalog()), onCrossing: () => undefined };
  const c = ctx('r1');
  const left = await admit(c, { input: 1, maxOutput: 9 }, targets(), deps);
  assert.deepEqual(left.map((t) => t.vendor), ['cheap'], '$0.01 does not fit dear\'s $0.005; the team\'s $0.004 fits cheap\'s $0.001');
  assert.deepEqual(c.reservation?.holds.map((h) => [h.vendor, h.estimateUsd]), [[null, 0.001]]);
  assert.equal(c.rateHeaders?.['x-ratelimit-limit-requests'], '1', 'the key binds before the app');
  c.vendor = 'cheap';
  c.costUsd = 0.0005;
  await settle(c, counters);
  assert.equal(await counters.spent('team:t', '2026-11-27'), 0.0005);
  assert.equal(await counters.spent('vendor:dear', '2026-11-27'), 0);

  // the key's one request a minute is used: refused, and the app's window gets the request back
  const refused = await admit(ctx('r2'), { input: 1, maxOutput: 9 }, targets(), deps).catch((e: unknown) => e);
  assert.ok(refused instanceof AirlockError && refused.code === 'rate_limited', String(refused));
  const app = await counters.hit('app:a', 60_000, 0, 0, { rpm: 10 }, NOW);
  assert.equal(app.requests?.remaining, 9);
  // and the team hold it took is free again: 0.004 − 0.0005 spent − 0.0035 fits exactly
  const probe = await counters.reserve({ id: 'probe', budgets: [{ key: 'team:t', period: '2026-11-27', limitUsd: 0.004, onExceed: 'block', resetAt: NOW + 86_400_000 }], estimateUsd: 0.0035, now: NOW });
  assert.equal(probe.ok, true);
});

test('a budget refusal names the budget and sends what is left and its reset as headers; every hold is freed', { timeout: 5_000 }, async () => {
  const counters = new MemoryCounters();
  const deps: AdmitDeps = { config, counters, budgets: budgetSourcesFromConfig(config), prices: createPriceSource(config, loadCatalog()), onCrossing: () => undefined };
  const c = ctx('r3');
  // 1000 output tokens: dear holds $1.001, cheap $0.1001, more than the team's $0.004
  const err = await admit(c, { input: 1, maxOutput: 1000 }, targets(), deps).catch((e: unknown) => e);
  assert.ok(err instanceof AirlockError && err.code === 'budget_exceeded');
  assert.match(err.message, /team:t/);
  assert.equal(c.rateHeaders?.['x-airlock-budget-remaining-usd'], '0.004000');
  assert.equal(c.rateHeaders?.['x-airlock-budget-reset'], '2026-11-28T00:00:00.000Z');
  assert.equal(c.reservation, null, 'every hold freed');
});

test('a call the caller cut short settles at its input; a caller who left between calls is charged nothing', { timeout: 5_000 }, async () => {
  const prices = createPriceSource(config, loadCatalog());
  const estimate = (): Usage => ({ input: 2, output: 0, cacheRead: 0, reported: false });
  const run = async (id: string, cutShort: boolean): Promise<{ c: ReturnType<typeof ctx>; counters: MemoryCounters }> => {
    const counters = new MemoryCounters();
    const c = ctx(id);
    const left = await admit(c, { input: 2, maxOutput: 1 }, targets().slice(1), { config, counters, budgets: budgetSourcesFromConfig(config), prices, onCrossing: () => undefined });
    const cheap = left[0] as DecidedTarget<null>;
    c.sentTo.push(cheap);
    // the cut call is the last attempt; without the mark, the call before the caller left had failed on its own
    c.attempts = [{ vendor: 'cheap', model: 'm', status: 502, code: 'upstream_unreachable', ...(cutShort ? { cutShort: true as const } : {}) }];
    await meterAbandoned(c, prices, estimate);
    await settle(c, counters);
    return { c, counters };
  };
  const cut = await run('r4', true);
  assert.equal(cut.c.vendor, 'cheap');
  assert.equal(cut.c.costUsd, 0.0002, '2 input tokens at $100 per million');
  assert.equal(await cut.counters.spent('team:t', '2026-11-27'), 0.0002, 'settled at the input, not freed, not the hold');
  const gone = await run('r5', false);
  assert.equal(gone.c.vendor, null);
  assert.equal(gone.c.costUsd, null);
  assert.equal(await gone.counters.spent('team:t', '2026-11-27'), 0);
});
