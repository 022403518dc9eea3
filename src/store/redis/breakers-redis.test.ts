// SharedBreakers against a real Redis: the Lua state machine over two instances' outcomes, half-open probes
// closing the circuit for everyone, a failed probe re-opening it, and Redis going away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Breakers } from '../../routing/breaker.ts';
import { SharedBreakers } from './breakers-redis.ts';
import { REDIS_URL as URL, redisUnreachable, until } from './redis-up.fixture.ts';

test('two instances: shared open, a probe anywhere closes for all, a failed probe re-opens', { timeout: 15_000 }, async (t) => {
  const unreachable = await redisUnreachable();
  if (unreachable !== null) {
    t.skip(unreachable);
    return;
  }
  const prefix = `airlock-test:${randomUUID().slice(0, 8)}:`;
  const clock = { t: 1_800_000_000_000, now(): number { return this.t; } };
  const opts = { minRequests: 6, failureRate: 0.5, openMs: 10_000, halfOpenProbes: 1, windowMs: 30_000 };
  // syncMs is long: the test flushes by hand, so every step is deterministic
  const [a, b] = [new Breakers(opts, clock), new Breakers(opts, clock)].map((local) => SharedBreakers.connect(URL, local, { prefix, syncMs: 60_000, clock }));
  assert.ok(a && b);
  t.after(async () => {
    await Promise.all([a.close(), b.close()]);
    const admin = new Redis(URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });
  for (let i = 0; i < 3; i++) {
    a.record('v', 'm', 'failure');
    b.record('v', 'm', 'failure');
  }
  assert.equal(a.allow('v', 'm'), true, 'three failures each: below minRequests 6 locally');
  await a.flush();
  await b.flush();
  await until('both to adopt the open', () => !a.allow('v', 'm') && !b.allow('v', 'm'));
  assert.equal(a.local.state('v').state, 'open');
  assert.equal(b.local.state('v', 'm').openedAt, clock.t, 'the time Redis opened it');

  clock.t += 10_000;
  assert.equal(a.allow('v', 'm'), true, "a's probe");
  a.record('v', 'm', 'success');
  await a.flush();
  await until('b to adopt the close decided by a\'s probe', () => b.local.state('v', 'm').state === 'closed' && b.local.state('v').state === 'closed');

  // open again, then a failed probe on b re-opens it on a too, with a new opened-at
  for (let i = 0; i < 6; i++) a.record('v', 'm', 'failure');
  await a.flush();
  await until('b to see the second open', () => b.local.state('v', 'm').state === 'open');
  clock.t += 10_000;
  assert.equal(b.allow('v', 'm'), true, "b's probe");
  b.record('v', 'm', 'failure');
  const reopenedAt = clock.t;
  await b.flush();
  await until('a to adopt the re-open', () => a.local.state('v', 'm').openedAt === reopenedAt);
  assert.equal(a.allow('v', 'm'), false);
  assert.ok(a.syncs >= 3 && a.syncErrors === 0);
});

test('Redis unreachable: breakers keep working in the process, the failed batches are counted', { timeout: 15_000 }, async () => {
  const clock = { now: () => Date.now() };
  const local = new Breakers({ minRequests: 2 }, clock);
  // a port nobody listens on; ioredis keeps retrying in the background
  const shared = SharedBreakers.connect('redis://127.0.0.1:1', local, { syncMs: 60_000, clock });
  try {
    shared.record('v', 'm', 'failure');
    shared.record('v', 'm', 'failure');
    assert.equal(shared.allow('v', 'm'), false, 'opened by local evidence alone');
    await shared.flush();
    assert.equal(shared.syncErrors, 1);
  } finally {
    await shared.close();
  }
});
