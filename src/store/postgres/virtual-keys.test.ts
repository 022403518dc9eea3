// Stored virtual keys on Postgres: the same answers as SQLite's, each change with its audit event, duplicates
// refused with nothing written, and two instances racing to revoke one key revoke it once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { AuditEvent } from '../../pipeline/ports.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import { SqliteVirtualKeys, type StoredKey } from '../sqlite/virtual-keys.ts';
import { openPgPool } from './connect.ts';
import { migratePg } from './migrate.ts';
import { freshSchema } from './pg-schema.fixture.ts';
import { PgRegisterState } from './register-state.ts';
import { isPgUniqueViolation, PgVirtualKeys } from './virtual-keys.ts';

type After = { after(fn: () => Promise<void> | void): void };

/** `count` pools ("instances") on one fresh schema, migrated; ended after the test, before the schema is dropped. */
async function pools(t: After, count = 1): Promise<{ url: string; pools: pg.Pool[] }> {
  const { url } = await freshSchema(t);
  const opened = Array.from({ length: count }, () => openPgPool(url));
  t.after(async () => {
    await Promise.all(opened.map((p) => p.end()));
  });
  for (const p of opened) await migratePg(p, POSTGRES_MIGRATIONS);
  return { url, pools: opened };
}

const T0 = Date.UTC(2026, 5, 15);

function key(name: string, o: Partial<StoredKey> = {}): StoredKey {
  return { name, hash: `hash-${name}`, app: 'tests', models: null, createdAt: T0, revokedAt: null, ...o };
}

function created(k: StoredKey, id = `aud_create_${k.name}`): AuditEvent {
  return { id, time: k.createdAt, actor: 'dana', action: 'key.create', subject: `key:${k.name}`, before: null, after: { app: k.app, models: k.models, status: 'active' } };
}

function revoked(name: string, time: number, id = `aud_revoke_${name}`): AuditEvent {
  return { id, time, actor: 'dana', action: 'key.revoke', subject: `key:${name}`, before: { status: 'active' }, after: { status: 'revoked' } };
}

test('postgres keys: create, list, active, get and revoke, each change audited', { timeout: 10_000 }, async (t) => {
  const { pools: [pool] } = await pools(t);
  const keys = new PgVirtualKeys(pool as pg.Pool);
  const audit = new PgRegisterState(pool as pg.Pool);
  assert.deepEqual(await keys.list(), []);
  assert.equal(await keys.get('ci-bot'), undefined);
  const bot = key('ci-bot', { models: ['via-openai', 'via-anthropic'], createdAt: T0 + 10 });
  const all = key('all-models', { app: 'other', createdAt: T0 + 10 });
  const old = key('old', { createdAt: T0 });
  for (const k of [bot, all, old]) await keys.create(k, created(k));
  assert.deepEqual(await keys.get('ci-bot'), bot);
  assert.deepEqual(await keys.get('all-models'), all, 'models: null is all models, not []');
  assert.deepEqual(await keys.list(), [old, all, bot], 'by creation, then name');
  assert.deepEqual(await keys.active(), [all, bot, old], 'by name');

  assert.equal(await keys.revoke('ci-bot', T0 + 100, revoked('ci-bot', T0 + 100)), true);
  assert.deepEqual(await keys.get('ci-bot'), { ...bot, revokedAt: T0 + 100 });
  assert.deepEqual(await keys.active(), [all, old]);
  assert.deepEqual((await keys.list()).map((k) => [k.name, k.revokedAt]), [['old', null], ['all-models', null], ['ci-bot', T0 + 100]]);
  assert.deepEqual((await audit.audit(10, 'key:ci-bot')).map((e) => e.action), ['key.revoke', 'key.create']);
  assert.deepEqual((await audit.audit(1, 'key:ci-bot'))[0], revoked('ci-bot', T0 + 100));
  assert.equal(await audit.revision(), 0, 'keys are not reviews: the register is not told to reload');

  // twice, or a key never stored: false, and no audit event
  assert.equal(await keys.revoke('ci-bot', T0 + 200, revoked('ci-bot', T0 + 200, 'aud_again')), false);
  assert.equal(await keys.revoke('ghost', T0 + 200, revoked('ghost', T0 + 200)), false);
  assert.deepEqual(await keys.get('ci-bot'), { ...bot, revokedAt: T0 + 100 }, 'the first revocation time stays');
  assert.equal((await audit.audit(10)).length, 4);
  await keys.close();
  assert.equal((await keys.list()).length, 3, 'close() leaves the shared pool open');
});

test('postgres keys: a duplicate name or hash is refused with a unique violation and writes nothing', { timeout: 10_000 }, async (t) => {
  const { pools: [pool] } = await pools(t);
  const keys = new PgVirtualKeys(pool as pg.Pool);
  const audit = new PgRegisterState(pool as pg.Pool);
  const bot = key('ci-bot');
  await keys.create(bot, created(bot));
  await keys.revoke('ci-bot', T0 + 1, revoked('ci-bot', T0 + 1));
  const cases: [StoredKey, string][] = [
    [key('ci-bot', { hash: 'other-hash' }), 'virtual_key_pkey'],
    [key('other', { hash: bot.hash }), 'virtual_key_hash_key'],
  ];
  for (const [dup, constraint] of cases) {
    await assert.rejects(keys.create(dup, created(dup, `aud_${constraint}`)), (e: unknown) => {
      assert.ok(e instanceof pg.DatabaseError, 'pg.DatabaseError');
      assert.ok(isPgUniqueViolation(e));
      assert.equal(e.constraint, constraint);
      return true;
    });
  }
  assert.equal(isPgUniqueViolation(new Error('x')), false);
  assert.equal(isPgUniqueViolation('23505'), false);
  assert.deepEqual(await keys.list(), [{ ...bot, revokedAt: T0 + 1 }], 'revoked names are not reused');
  assert.deepEqual((await audit.audit(10)).map((e) => e.action), ['key.revoke', 'key.create'], 'the refused creates left no audit event');
  // a duplicate audit id rolls the key back too
  const next = key('next');
  await assert.rejects(keys.create(next, created(next, 'aud_create_ci-bot')), isPgUniqueViolation);
  assert.equal(await keys.get('next'), undefined);
});

test('postgres keys: two instances see each other\'s keys; a revoke raced from both succeeds once', { timeout: 10_000 }, async (t) => {
  const { pools: [a, b] } = await pools(t, 2);
  const first = new PgVirtualKeys(a as pg.Pool);
  const second = new PgVirtualKeys(b as pg.Pool);
  const bot = key('ci-bot');
  await first.create(bot, created(bot));
  assert.deepEqual(await second.active(), [bot]);
  const results = await Promise.all([first.revoke('ci-bot', T0 + 5, revoked('ci-bot', T0 + 5, 'r1')), second.revoke('ci-bot', T0 + 6, revoked('ci-bot', T0 + 6, 'r2'))]);
  assert.deepEqual(results.sort(), [false, true]);
  assert.deepEqual(await first.active(), []);
  assert.equal((await new PgRegisterState(b as pg.Pool).audit(10, 'key:ci-bot')).length, 2, 'one create, one revoke');
});

test('postgres keys: the same answers as SQLite, names in byte order whatever the collation', { timeout: 10_000 }, async (t) => {
  const { url, pools: [pool] } = await pools(t);
  // a language collation, as a database created with en_US.UTF-8 has (the test database is C.UTF-8, which hides it)
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('ALTER TABLE virtual_key ALTER COLUMN name TYPE TEXT COLLATE "und-x-icu"');
  } finally {
    await admin.end();
  }
  const keys = new PgVirtualKeys(pool as pg.Pool);
  const sqlite = new SqliteVirtualKeys(':memory:');
  t.after(() => sqlite.close());
  const made = [key('b'), key('B'), key('a-b'), key('ab'), key('_x'), key('Zeta', { models: [] }), key('a.b', { models: ['m'] })];
  for (const [i, k] of made.entries()) {
    await keys.create(k, created(k));
    sqlite.create(k, created(k));
    if (i % 3 === 0) {
      await keys.revoke(k.name, T0 + i, revoked(k.name, T0 + i));
      sqlite.revoke(k.name, T0 + i, revoked(k.name, T0 + i));
    }
  }
  assert.deepEqual(await keys.list(), sqlite.list());
  assert.deepEqual(await keys.active(), sqlite.active());
  assert.deepEqual((await keys.active()).map((k) => k.name), ['B', 'Zeta', '_x', 'a-b']);
  for (const k of made) assert.deepEqual(await keys.get(k.name), sqlite.get(k.name));
});
