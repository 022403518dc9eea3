// Three gateway instances sharing one Redis enforce one budget as one instance would: a burst of concurrent
// requests never makes the vendor serve more than the budget allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { startGateway, type Gateway } from '../../src/server/gateway.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { KEY } from '../helpers/stack.ts';
import { redisUnreachable } from '../../src/store/redis/redis-up.fixture.ts';

test('three instances, one Redis, one budget', { timeout: 60_000 }, async (t) => {
  const unreachable = await redisUnreachable();
  if (unreachable !== null) {
    t.skip(unreachable);
    return;
  }
  const sim = await startSimulator({ protocol: 'openai', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'airlock-redis-'));
  const team = `t${randomUUID().slice(0, 8)}`;
  const gateways: Gateway[] = [];
  t.after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 3; i++) {
    const doc = {
      listen: { host: '127.0.0.1', port: 0 },
      store: `sqlite:${join(dir, `g${i}.db`)}`,
      redis: 'redis://127.0.0.1:6379',
      vendors: { v: { protocol: 'openai', base_url: `${sim.url}/v1`, api_key: 'x', review: { status: 'approved', approved_data: ['public', 'internal'] } } },
      models: { chat: { targets: [{ vendor: 'v', model: 'm' }] } },
      // each request holds (1 input token by the 3-chars rule + 10 max output) × $0.001 = $0.011; the budget fits 18
      prices: { 'v/m': { input: 1000, output: 1000 } },
      teams: { [team]: { budget: { usd: 0.2, per: 'day', on_exceed: 'block' } } },
      apps: { a: { team } },
      keys: [{ name: 'k', app: 'a', key: KEY }],
    };
    gateways.push(await startGateway(parseConfig(stringify(doc), join(dir, `g${i}.yaml`), {}), { port: 0 }));
  }
  const statuses = await Promise.all(
    Array.from({ length: 300 }, async (_, i) => {
      const g = gateways[i % 3] as Gateway;
      const res = await fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'chat', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  const admitted = statuses.filter((s) => s === 200).length;
  const refused = statuses.filter((s) => s === 429).length; // OpenAI format: 429 insufficient_quota
  assert.equal(admitted + refused, 300);
  // at least what fits at the full estimate ($0.011 each); at most what fits at the actual cost ($0.003: 1 token in, 2 out)
  assert.ok(admitted >= 18 && admitted <= 66, `admitted ${admitted}`);
  assert.equal(sim.received.length, admitted, 'the vendor served exactly the admitted requests');
  // the bound: what was spent never exceeds the budget by more than Σ(actual − estimate) of requests in flight; actual ≤ estimate here
  const spent = await gateways[0]!.runtime.admit.counters.spent(`team:${team}`, new Date().toISOString().slice(0, 10));
  t.diagnostic(`admitted ${admitted} of 300 across 3 instances; spent ${spent.toFixed(6)} USD of 0.2`);
  assert.ok(spent <= 0.2 + 1e-9, `spent ${spent}`);
  assert.ok(Math.abs(spent - admitted * 0.003) < 1e-9, 'every admitted request was settled at its actual cost');
});
