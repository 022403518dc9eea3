// Spend totals survive losing the counters: a gateway restart (in-process counters) and Redis losing its data both
// rebuild the current period's totals from the store's request log, so the budget still holds. The Redis case runs
// in its own database index (FLUSHDB there, not FLUSHALL, which would wipe the other tests running in parallel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { KEY } from '../helpers/stack.ts';
import { chat, costStack, spentAbove, today, vendor } from '../helpers/cost-stack.ts';
import { redisUnreachable } from '../../src/store/redis/redis-up.fixture.ts';

const PRICE = { input: 1000, output: 1000 }; // 'hi' + max_tokens 10 holds $0.011 and costs $0.003
const REDIS_DB = 13;

function config(team: string, redis: string | null) {
  return (urls: { openai: string }, dir: string): Record<string, unknown> => ({
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${dir}/rebuild.db`,
    redis,
    vendors: { oa: vendor('openai', urls.openai) },
    models: { chat: { targets: ['oa/m'] } },
    prices: { 'oa/m': PRICE },
    // $0.02 fits the $0.011 hold only while at most $0.009 is spent: three requests
    teams: { [team]: { budget: { usd: 0.02, per: 'day' } } },
    apps: { a: { team } },
    keys: [{ name: 'k', app: 'a', key: KEY }],
  });
}

test('a restarted gateway rebuilds the period spend from the store: the budget still holds', { timeout: 30_000 }, async (t) => {
  const team = `t${randomUUID().slice(0, 8)}`;
  const stack = await costStack(t, config(team, null));
  const first = await stack.start();
  for (let i = 0; i < 2; i++) {
    assert.equal((await chat(first)).status, 200);
    await spentAbove(first, `team:${team}`, today(), 0.003 * i);
  }
  await stack.stop(first);
  const second = await stack.start();
  assert.equal(await second.runtime.admit.counters.spent(`team:${team}`, today()), 0, 'nothing in memory yet');
  assert.equal((await chat(second)).status, 200, '0.006 spent + 0.011 held fits 0.02');
  const spent = await spentAbove(second, `team:${team}`, today(), 0.006);
  assert.ok(Math.abs(spent - 0.009) < 1e-9, `rebuilt 0.006 + 0.003 = ${spent}`);
  assert.equal((await chat(second)).status, 200, '0.009 + 0.011 = 0.02 fits exactly');
  await spentAbove(second, `team:${team}`, today(), 0.009);
  assert.equal((await chat(second)).status, 429, '0.012 + 0.011 does not: without the rebuild it would');
  assert.equal(stack.openai.received.length, 4);
});

test('Redis loses its data (FLUSHDB): the next reservation rebuilds the totals from the store', { timeout: 30_000 }, async (t) => {
  const unreachable = await redisUnreachable();
  if (unreachable !== null) {
    t.skip(unreachable);
    return;
  }
  const url = `redis://127.0.0.1:6379/${REDIS_DB}`;
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  t.after(() => admin.quit());
  const team = `t${randomUUID().slice(0, 8)}`;
  const stack = await costStack(t, config(team, url));
  const g = await stack.start();
  for (let i = 0; i < 3; i++) {
    assert.equal((await chat(g)).status, 200);
    await spentAbove(g, `team:${team}`, today(), 0.003 * i);
  }
  assert.ok(Math.abs((await g.runtime.admit.counters.spent(`team:${team}`, today())) - 0.009) < 1e-9);
  await admin.flushdb();
  assert.equal(await g.runtime.admit.counters.spent(`team:${team}`, today()), 0, 'Redis forgot the spend');
  // 0.009 spent (from the store) + 0.011 held = 0.02 fits exactly; without the rebuild 0.011 would fit, then 0.014, …
  assert.equal((await chat(g)).status, 200);
  const spent = await spentAbove(g, `team:${team}`, today(), 0.009);
  assert.ok(Math.abs(spent - 0.012) < 1e-9, `rebuilt 0.009 + 0.003 = ${spent}`);
  const refused = await chat(g);
  assert.equal(refused.status, 429);
  assert.match((refused.body.error as { message: string }).message, new RegExp(`team:${team}`));
  assert.equal(stack.openai.received.length, 4, 'the vendor served only what the budget allowed');
});
