// Three gateway instances sharing one Redis share their breakers: failures seen by any of them add up, the
// circuit opens for all three, and a fourth instance started later learns it on connect. The open check stays
// local (no Redis round trip per request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { startGateway, type Gateway } from '../../src/server/gateway.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { KEY } from '../helpers/stack.ts';
import { redisUnreachable, until } from '../../src/store/redis/redis-up.fixture.ts';

async function ask(g: Gateway): Promise<Response> {
  const res = await fetch(`${g.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.arrayBuffer();
  return res;
}

test('three instances, one Redis: breaker state is shared', { timeout: 60_000 }, async (t) => {
  const unreachable = await redisUnreachable();
  if (unreachable !== null) {
    t.skip(unreachable);
    return;
  }
  const sim = await startSimulator({ protocol: 'openai', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'airlock-breakers-'));
  const prefix = `airlock-test:${randomUUID().slice(0, 8)}:`;
  const gateways: Gateway[] = [];
  const admin = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  t.after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await sim.close();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (i: number): Promise<Gateway> => {
    const doc = {
      listen: { host: '127.0.0.1', port: 0 },
      store: `sqlite:${join(dir, `g${i}.db`)}`,
      redis: 'redis://127.0.0.1:6379',
      admin_token: 'admin-token',
      // 6 requests at ≥ 50 % failed open a circuit: no instance alone sees 6 here, the three together do
      breaker: { min_requests: 6, failure_rate: 0.5, open_ms: 60_000, sync_ms: 20 },
      vendors: {
        flaky: { protocol: 'openai', base_url: `${sim.url}/v1`, api_key: 'x', retry: { max_retries: 0 }, review: { status: 'approved', approved_data: ['public', 'internal'] } },
        steady: { protocol: 'openai', base_url: `${sim.url}/v1`, api_key: 'x', review: { status: 'approved', approved_data: ['public', 'internal'] } },
      },
      models: { chat: { targets: ['flaky/m-fail-500', 'steady/m-ok'] } },
      apps: { a: {} },
      keys: [{ name: 'k', app: 'a', key: KEY }],
    };
    const g = await startGateway(parseConfig(stringify(doc), join(dir, `g${i}.yaml`), {}), { port: 0, redisPrefix: prefix });
    gateways.push(g);
    return g;
  };
  const [g0, g1, g2] = [await start(0), await start(1), await start(2)];
  assert.ok(g0 && g1 && g2);
  const flakyCalls = (): number => sim.received.filter((r) => (r.body as { model?: string }).model === 'm-fail-500').length;
  const state = (g: Gateway): string => g.runtime.call.breakers?.allow('flaky', 'm-fail-500') === false ? 'open' : 'closed';

  // two failures on each of two instances: 4 < 6, closed everywhere
  for (const g of [g0, g1]) for (let i = 0; i < 2; i++) assert.equal((await ask(g)).headers.get('x-airlock-vendor'), 'steady');
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual([g0, g1, g2].map(state), ['closed', 'closed', 'closed']);
  // two more on the third: 6 failures across the fleet open the circuit on all three
  for (let i = 0; i < 2; i++) await ask(g2);
  assert.equal(flakyCalls(), 6);
  await until('every instance to see the shared open', () => [g0, g1, g2].every((g) => state(g) === 'open'), 3000, 10);
  for (const g of [g0, g1, g2]) {
    const res = await ask(g);
    assert.equal(res.headers.get('x-airlock-vendor'), 'steady');
    assert.equal(res.headers.get('x-airlock-attempts'), '1', 'the open target is skipped, not called');
  }
  assert.equal(flakyCalls(), 6, 'no instance called the open vendor again');

  // the transition is in each instance's status, marked as shared where another instance's failures decided it
  const status = (await (await fetch(`${g0.url}/admin/status`, { headers: { authorization: 'Bearer admin-token' } })).json()) as {
    breakers: { vendor: string; model?: string; state: string }[];
    breakerTransitions: { vendor: string; model?: string; from: string; to: string; shared?: boolean }[];
  };
  assert.ok(status.breakers.some((b) => b.vendor === 'flaky' && b.model === undefined && b.state === 'open'));
  assert.ok(status.breakerTransitions.some((x) => x.vendor === 'flaky' && x.to === 'open' && x.shared === true));
  const metrics = await (await fetch(`${g0.url}/metrics`, { headers: { authorization: 'Bearer admin-token' } })).text();
  assert.match(metrics, /^airlock_breaker_state\{vendor="flaky",model=""\} 2$/m);
  assert.match(metrics, /^airlock_breaker_transitions_total\{vendor="flaky",model="",from="closed",to="open",source="shared"\} 1$/m);
  assert.match(metrics, /^airlock_breaker_sync_batches_total\{result="ok"\} [1-9]\d*$/m);
  assert.match(metrics, /^airlock_breaker_sync_batches_total\{result="error"\} 0$/m);

  // a fourth instance started now adopts the open circuit when it connects, before any traffic of its own
  const g3 = await start(3);
  await until('the late instance to catch up', () => state(g3) === 'open', 3000, 10);
  assert.equal((await ask(g3)).headers.get('x-airlock-attempts'), '1');
  assert.equal(flakyCalls(), 6);

  // the open check stays in-process: 100 000 checks take far less than one Redis round trip each would
  const port = g0.runtime.call.breakers;
  assert.ok(port);
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) port.allow('flaky', 'm-fail-500');
  const perCheckUs = ((performance.now() - t0) * 1000) / 100_000;
  await admin.ping(); // the connection is open before the round trip is timed
  const r0 = performance.now();
  await admin.ping();
  const pingUs = (performance.now() - r0) * 1000;
  t.diagnostic(`allow() on an open shared circuit: ${perCheckUs.toFixed(3)} µs per check; one Redis PING: ${pingUs.toFixed(0)} µs`);
  assert.ok(perCheckUs < 5, `${perCheckUs} µs per check`);
});
