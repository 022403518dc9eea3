// Budgets per vendor and key, rate limits per key, and embeddings under the same budgets, through a real gateway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY } from '../helpers/stack.ts';
import { chat, costStack, spentAbove, today, vendor } from '../helpers/cost-stack.ts';

const PRICE = { input: 1000, output: 1000 }; // $0.001 per token: 'hi' + max_tokens 10 holds $0.011, costs $0.003

test('a vendor budget is checked per target: an exhausted vendor is skipped, the next target serves', { timeout: 30_000 }, async (t) => {
  const stack = await costStack(t, (urls, dir) => ({
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${dir}/vendor.db`,
    vendors: {
      // $0.01 cannot take one request's $0.011 hold: every request skips this vendor
      oa: vendor('openai', urls.openai, { budget: { usd: 0.01, per: 'day' } }),
      an: vendor('anthropic', urls.anthropic, { budget: { usd: 0.02, per: 'day' } }),
    },
    models: { chat: { targets: ['oa/m', 'an/m'] } },
    prices: { 'oa/m': PRICE, 'an/m': PRICE },
    apps: { a: {} },
    keys: [{ name: 'k', app: 'a', key: KEY }],
  }));
  const g = await stack.start();
  const first = await chat(g);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-airlock-vendor'), 'an');
  assert.equal(stack.openai.received.length, 0, 'the vendor over its budget was never called');
  let last = first;
  for (let i = 0; i < 10 && last.status === 200; i++) {
    await spentAbove(g, 'vendor:an', today(), 0.003 * (stack.anthropic.received.length - 1));
    last = await chat(g);
  }
  // with no target left the request is refused, naming the first target's budget, and is final
  assert.equal(last.status, 429);
  assert.equal((last.body.error as { code?: string }).code, 'insufficient_quota');
  assert.match((last.body.error as { message: string }).message, /vendor:oa/);
  assert.equal(last.headers.get('x-should-retry'), 'false');
  // the first target's vendor budget: $0.01 left of $0.01 (never spent), fresh at the next UTC midnight
  assert.equal(last.headers.get('x-airlock-budget-remaining-usd'), '0.010000');
  const midnight = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1)).toISOString();
  assert.equal(last.headers.get('x-airlock-budget-reset'), midnight);
  const spent = await g.runtime.admit.counters.spent('vendor:an', today());
  t.diagnostic(`anthropic served ${stack.anthropic.received.length}, spent ${spent} of 0.02`);
  assert.ok(stack.anthropic.received.length >= 1 && spent <= 0.02 + 1e-12, `spent ${spent}`);
  assert.equal(await g.runtime.admit.counters.spent('vendor:oa', today()), 0);
});

test('rate limits per key: x-ratelimit-* headers show the tighter of key and app, and a full window answers 429 with Retry-After', { timeout: 30_000 }, async (t) => {
  const stack = await costStack(t, (urls, dir) => ({
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${dir}/rate.db`,
    vendors: { oa: vendor('openai', urls.openai) },
    models: { chat: { targets: ['oa/m'] } },
    apps: { a: { rate: { rpm: 100, tpm: 100_000 } } },
    keys: [{ name: 'limited', app: 'a', key: KEY, rate: { rpm: 2 } }],
  }));
  const g = await stack.start();
  // fixed one-minute windows: keep the three requests inside one
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
  const a = await chat(g);
  assert.equal(a.status, 200);
  assert.equal(a.headers.get('x-ratelimit-limit-requests'), '2', 'the key binds before the app');
  assert.equal(a.headers.get('x-ratelimit-remaining-requests'), '1');
  assert.equal(a.headers.get('x-ratelimit-limit-tokens'), '100000', 'tokens only the app limits');
  assert.equal((await chat(g)).status, 200);
  const refused = await chat(g);
  assert.equal(refused.status, 429);
  assert.match((refused.body.error as { message: string }).message, /key limited/);
  assert.equal(refused.headers.get('x-ratelimit-remaining-requests'), '0');
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  assert.equal(refused.headers.get('x-should-retry'), null, 'a rate limit clears: the SDKs may retry it');
  assert.equal(stack.openai.received.length, 2);
  // the refusal did not use up the app's quota either
  const app = await g.runtime.admit.counters.hit('app:a', 60_000, 0, 0, { rpm: 100 }, Date.now());
  assert.equal(app.requests?.remaining, 98);
});

test('embeddings are metered and held against the key budget like chat', { timeout: 30_000 }, async (t) => {
  const stack = await costStack(t, (urls, dir) => ({
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${dir}/embed.db`,
    vendors: { oa: vendor('openai', urls.openai) },
    models: { embed: { targets: ['oa/e'] } },
    prices: { 'oa/e': { input: 100_000, output: 0 } }, // $0.1 per token
    apps: { a: {} },
    keys: [{ name: 'small', app: 'a', key: KEY, budget: { usd: 1, per: 'day' } }],
  }));
  const g = await stack.start();
  const statuses: number[] = [];
  const costs: number[] = [];
  let refusal: Record<string, unknown> = {};
  for (let i = 0; i < 20; i++) {
    await spentAbove(g, 'key:small', today(), costs.reduce((a, b) => a + b, 0) - 1e-9);
    const res = await fetch(`${g.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'embed', input: ['hello world'] }),
    });
    statuses.push(res.status);
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status === 200) costs.push(Number(res.headers.get('x-airlock-cost-usd')));
    else {
      refusal = body;
      break;
    }
  }
  assert.ok(costs.length >= 1 && costs.every((c) => c > 0), `costs ${costs.join(',')}`);
  assert.equal(statuses.at(-1), 429);
  assert.match((refusal.error as { message: string }).message, /key:small/);
  const spent = await spentAbove(g, 'key:small', today(), costs.reduce((a, b) => a + b, 0) - 1e-9);
  assert.ok(Math.abs(spent - costs.reduce((a, b) => a + b, 0)) < 1e-9, `spent ${spent} vs ${costs.join(',')}`);
  assert.ok(spent <= 1 + 1e-12);
  assert.equal(stack.openai.received.length, costs.length, 'the refused request never reached the vendor');
});
