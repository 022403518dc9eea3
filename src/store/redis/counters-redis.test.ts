// The Counters contract against a real Redis at 127.0.0.1:6379 (REDIS_URL overrides), each test under its own random
// key prefix, deleted afterwards. Skipped, with the reason printed, only when no Redis answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { counterCases, rebuildCases } from '../../cost/counters.case.test.ts';
import { RedisCounters } from './counters-redis.ts';
import { REDIS_URL as URL, redisUnreachable } from './redis-up.fixture.ts';

async function dropPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}

const skip = await redisUnreachable();
if (skip !== null) {
  console.log(`# skipping Redis counters: ${skip}`);
  test('redis counters', { skip, timeout: 1000 }, () => {});
} else {
  counterCases('redis', (t, instances) => {
    const prefix = `airlock-test:${randomUUID()}:`;
    const clients = Array.from({ length: instances }, () => new Redis(URL, { maxRetriesPerRequest: 1 }));
    t.after(async () => {
      await dropPrefix(clients[0] as Redis, prefix);
      await Promise.all(clients.map((c) => c.quit()));
    });
    return Promise.resolve(clients.map((c) => new RedisCounters(c, { prefix })));
  });

  // Redis losing its data (a restart without persistence, FLUSHALL): here, every key under the test's prefix goes
  rebuildCases('redis', (t, seed) => {
    const prefix = `airlock-test:${randomUUID()}:`;
    const client = new Redis(URL, { maxRetriesPerRequest: 1 });
    t.after(async () => {
      await dropPrefix(client, prefix);
      await client.quit();
    });
    const counters = new RedisCounters(client, { prefix, seed });
    return Promise.resolve({ counters: () => counters, lose: () => dropPrefix(client, prefix) });
  });

  test('redis: keys carry the prefix and expire; a settle from another instance finds the reservation', { timeout: 10_000 }, async (t) => {
    const prefix = `airlock-test:${randomUUID()}:`;
    const [a, b] = [new Redis(URL), new Redis(URL)];
    t.after(async () => {
      await dropPrefix(a, prefix);
      await Promise.all([a.quit(), b.quit()]);
    });
    const now = Date.now();
    const budgets = [{ key: 'app:x', period: 'p', limitUsd: 1, onExceed: 'block' as const, resetAt: now + 60_000 }];
    const r = await new RedisCounters(a, { prefix }).reserve({ id: 'r1', budgets, estimateUsd: 0.5, now });
    assert.ok(r.ok);
    const keys = (await a.keys(`${prefix}*`)).sort();
    assert.deepEqual(keys, [`${prefix}b:app:x:p`, `${prefix}bz:app:x:p`, `${prefix}r:r1`]);
    for (const key of keys) assert.ok((await a.pttl(key)) > 0, `${key} has a TTL`);
    await new RedisCounters(b, { prefix }).settle('r1', 0.2);
    assert.deepEqual(await a.hgetall(`${prefix}b:app:x:p`), { spent: '200000000', reserved: '0', alerted: '50' });
    assert.equal(await a.exists(`${prefix}r:r1`), 0);
  });
}
