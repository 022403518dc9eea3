// The Redis pseudonym vault against a real Redis at 127.0.0.1:6379 (REDIS_URL overrides), under a random key prefix
// deleted afterwards. Skipped, with the reason printed, only when no Redis answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { RedisVault, vaultKeyFromEnv } from './vault-redis.ts';
import { REDIS_URL as URL, redisUnreachable } from './redis-up.fixture.ts';

// synthetic values made up for this test
const MAPPING = new Map([['<EMAIL_1>', 'ada.lovelace@analytical.example'], ['<PERSON_1>', 'Ada Lovelace']]);

const skip = await redisUnreachable();
test('the Redis vault shares a sealed mapping between instances, under a short TTL', { skip: skip ?? false, timeout: 10_000 }, async (t) => {
  const prefix = `airlock-test:${randomUUID()}:`;
  const client = new Redis(URL, { maxRetriesPerRequest: 1 });
  t.after(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });
  const key = randomBytes(32);
  const one = new RedisVault(client, { prefix, key, ttlMs: 5_000 });
  const two = new RedisVault(client, { prefix, key, ttlMs: 5_000 });
  const stranger = new RedisVault(client, { prefix, key: randomBytes(32) });
  const id = `req_${randomUUID()}`;

  await one.put(id, MAPPING);
  assert.deepEqual(await two.get(id), MAPPING, 'another instance with the shared key restores');
  assert.deepEqual(await stranger.get(id), new Map(), 'another key opens nothing');

  // what Redis holds: one key that does not name the request, a TTL, and no value in the clear
  const keys = await client.keys(`${prefix}*`);
  assert.deepEqual(keys, [one.keyOf(id)]);
  assert.ok(!keys[0]?.includes(id));
  const pttl = await client.pttl(keys[0] ?? '');
  assert.ok(pttl > 0 && pttl <= 5_000, `pttl ${pttl}`);
  const stored = (await client.getBuffer(keys[0] ?? '')) ?? Buffer.alloc(0);
  for (const text of [stored.toString('latin1'), stored.toString('utf8')]) {
    assert.ok(!text.includes('ada.lovelace') && !text.includes('Lovelace') && !text.includes('EMAIL_1'));
  }

  // a sealed blob moved under another request's key does not open there (the key is authenticated)
  const other = `req_${randomUUID()}`;
  await client.set(one.keyOf(other), stored, 'PX', 5_000);
  assert.deepEqual(await two.get(other), new Map());

  await one.drop(id);
  assert.deepEqual(await two.get(id), new Map(), 'dropped when the answer is out');

  const brief = new RedisVault(client, { prefix, key, ttlMs: 50 });
  await brief.put(id, MAPPING);
  await sleep(150);
  assert.equal(await client.exists(brief.keyOf(id)), 0, 'gone after its TTL');
  await brief.put(id, new Map());
  assert.equal(await client.exists(brief.keyOf(id)), 0, 'an empty mapping is not written');
});

test('AIRLOCK_VAULT_KEY: 32 bytes as hex or base64, anything else refused', () => {
  const key = randomBytes(32);
  assert.deepEqual(vaultKeyFromEnv({ AIRLOCK_VAULT_KEY: key.toString('hex') }), key);
  assert.deepEqual(vaultKeyFromEnv({ AIRLOCK_VAULT_KEY: key.toString('base64') }), key);
  assert.equal(vaultKeyFromEnv({}), null);
  assert.throws(() => vaultKeyFromEnv({ AIRLOCK_VAULT_KEY: 'short' }), /32 bytes/);
});
