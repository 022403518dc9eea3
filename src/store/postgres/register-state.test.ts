// The VendorRegister suite on Postgres, plus what only a shared database can show: a review, its audit event and
// the revision bump commit together, and two instances (two pools) see each other's writes and count them exactly.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { vendorFixture } from '../../governance/register.fixture.ts';
import type { AuditEvent, StoredReview } from '../../governance/register.ts';
import { vendorRegisterCases } from '../../governance/vendor-register.case.ts';
import { VendorRegister, type RegisterState } from '../../governance/vendor-register.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import { openPgPool } from './connect.ts';
import { migratePg } from './migrate.ts';
import { freshSchema } from './pg-schema.fixture.ts';
import { PgRegisterState } from './register-state.ts';

type After = { after(fn: () => Promise<void> | void): void };

/** Opens pools ("instances") on one fresh schema, each migrated as a starting gateway would; all ended after the test. */
function schemaOf(t: After): () => Promise<pg.Pool> {
  const pools: pg.Pool[] = [];
  // registered before freshSchema's drop, so the pools end first
  t.after(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  const url = freshSchema(t).then((s) => s.url);
  return async () => {
    const pool = openPgPool(await url);
    pools.push(pool);
    await migratePg(pool, POSTGRES_MIGRATIONS);
    return pool;
  };
}

async function instance(open: () => Promise<pg.Pool>): Promise<PgRegisterState> {
  return new PgRegisterState(await open());
}

/** The suite builds its harness synchronously; this state waits for the schema and pool on its first call. */
class Deferred implements RegisterState {
  constructor(private readonly ready: Promise<PgRegisterState>) {}
  async load(): Promise<Map<string, StoredReview>> {
    return (await this.ready).load();
  }
  async save(vendor: string, review: StoredReview, event: AuditEvent): Promise<void> {
    return (await this.ready).save(vendor, review, event);
  }
  async audit(limit: number, subject?: string): Promise<AuditEvent[]> {
    return (await this.ready).audit(limit, subject);
  }
  async revision(): Promise<number> {
    return (await this.ready).revision();
  }
  async appendAudit(event: AuditEvent): Promise<boolean> {
    return (await this.ready).appendAudit(event);
  }
}

vendorRegisterCases('postgres', (t: TestContext) => {
  const open = schemaOf(t);
  const first = instance(open);
  // a settled rejection: a case that fails elsewhere first must not also leave an unhandled one behind
  first.catch(() => undefined);
  return {
    state: new Deferred(first),
    // a restart, or another instance: a new pool on the same schema
    reopen: () => new Deferred(first.then(() => instance(open))),
  };
});

const NOW = Date.UTC(2026, 5, 15);

function event(id: string, o: Partial<AuditEvent> = {}): AuditEvent {
  return { id, time: NOW, actor: 'dana', action: 'vendor.review', subject: 'acme', before: null, after: { status: 'approved' }, ...o };
}

const FULL: StoredReview = {
  status: 'approved', reviewer: 'dana', date: '2026-06-15', expires: '2027-01-31', approvedData: ['personal', 'payment'],
  approvedTermsVersion: 'v2', origin: 'admin', seenTermsVersion: 'v3',
};
const BARE: StoredReview = { status: 'pending', approvedData: [], approvedTermsVersion: null, origin: 'config', seenTermsVersion: null };

test('postgres: reviews round-trip, optional fields present or absent, audit before/after as JSON', { timeout: 10_000 }, async (t) => {
  const state = await instance(schemaOf(t));
  assert.deepEqual(await state.load(), new Map());
  await state.save('acme', FULL, event('e1', { before: undefined, after: { nested: { list: [1, 'two', null] } } }));
  await state.save('beta', BARE, event('e2', { subject: 'beta', time: NOW + 1, before: 'text', after: null }));
  assert.deepEqual(await state.load(), new Map([['acme', FULL], ['beta', BARE]]));
  const stored = (await state.load()).get('beta');
  assert.ok(stored !== undefined && !('reviewer' in stored) && !('date' in stored) && !('expires' in stored), 'absent, not undefined');
  assert.deepEqual(await state.audit(10), [
    { id: 'e2', time: NOW + 1, actor: 'dana', action: 'vendor.review', subject: 'beta', before: 'text', after: null },
    { id: 'e1', time: NOW, actor: 'dana', action: 'vendor.review', subject: 'acme', before: null, after: { nested: { list: [1, 'two', null] } } },
  ]);
  // an upsert replaces every column, the optional ones included
  await state.save('acme', { ...BARE, origin: 'admin' }, event('e3', { time: NOW + 2 }));
  assert.deepEqual((await state.load()).get('acme'), { ...BARE, origin: 'admin' });
});

test('postgres: a review, its audit event and the revision bump are one transaction', { timeout: 10_000 }, async (t) => {
  const state = await instance(schemaOf(t));
  const reg = await VendorRegister.open(new Map([['acme', vendorFixture('acme')]]), state, NOW);
  const [registered] = await state.audit(1);
  assert.ok(registered);
  const revision = await state.revision();
  const review: StoredReview = { ...((await state.load()).get('acme') as StoredReview), status: 'rejected' };
  // an audit id that already exists makes the second insert fail: the review row must roll back with it
  await assert.rejects(state.save('acme', review, { ...registered, time: NOW + 1 }), (e: unknown) => (e as { code?: string }).code === '23505');
  assert.equal((await state.load()).get('acme')?.status, 'approved');
  assert.equal(await state.revision(), revision, 'the revision did not move');
  assert.equal((await state.audit(10)).length, 1);
  assert.equal(reg.effective('acme', NOW).status, 'approved');
});

test('postgres: audit reads clamp the limit and filter by subject, newest first, ties by arrival', { timeout: 10_000 }, async (t) => {
  const state = await instance(schemaOf(t));
  const reg = await VendorRegister.open(new Map([['a', vendorFixture('a')], ['b', vendorFixture('b')]]), state, NOW);
  await reg.review('a', { status: 'pending', by: 'x' }, NOW + 10);
  await reg.review('a', { status: 'approved', by: 'y' }, NOW + 20);
  assert.deepEqual((await state.audit(10, 'a')).map((e) => e.actor), ['y', 'x', 'config']);
  assert.deepEqual((await state.audit(10, 'b')).map((e) => e.actor), ['config']);
  assert.deepEqual(await state.audit(10, 'nobody'), []);
  assert.equal((await state.audit(-1)).length, 0);
  assert.equal((await state.audit(Number.NaN)).length, 0);
  assert.equal((await state.audit(Number.POSITIVE_INFINITY)).length, 0, 'as SQLite: not finite reads nothing');
  assert.equal((await state.audit(2.9)).length, 2);
  assert.equal((await state.audit(2)).length, 2);
  assert.deepEqual(((await state.audit(1))[0]?.after as { approvedData: string[] }).approvedData, ['internal', 'personal']);
  // the same time: the later write first; ids chosen so neither id order nor time can explain it
  await state.appendAudit(event('zz', { time: NOW + 30, subject: 'c' }));
  await state.appendAudit(event('aa', { time: NOW + 30, subject: 'c' }));
  await state.appendAudit(event('mm', { time: NOW + 30, subject: 'c' }));
  assert.deepEqual((await state.audit(3, 'c')).map((e) => e.id), ['mm', 'aa', 'zz']);
});

test('postgres: the revision moves on every save, and on appendAudit only when the event is new', { timeout: 10_000 }, async (t) => {
  const state = await instance(schemaOf(t));
  assert.equal(await state.revision(), 0);
  await state.save('acme', FULL, event('e1'));
  assert.equal(await state.revision(), 1);
  await state.save('acme', FULL, event('e2'));
  assert.equal(await state.revision(), 2, 'the same review again is still a write');
  assert.equal(await state.appendAudit(event('lifecycle:acme:1', { action: 'vendor.lifecycle' })), true);
  assert.equal(await state.revision(), 3);
  assert.equal(await state.appendAudit(event('lifecycle:acme:1', { action: 'vendor.lifecycle', actor: 'other' })), false);
  assert.equal(await state.revision(), 3, 'a duplicate changes nothing');
  assert.equal((await state.audit(10)).find((e) => e.id === 'lifecycle:acme:1')?.actor, 'dana', 'the first one is kept');
  assert.equal(await state.appendAudit(event('e1')), false, 'an id a save wrote');
  assert.equal(await state.revision(), 3);
});

test('postgres: two instances see each other\'s writes; concurrent writes are each counted once', { timeout: 20_000 }, async (t) => {
  const open = schemaOf(t);
  const a = await instance(open);
  const b = await instance(open);
  const vendors = new Map([['acme', vendorFixture('acme')], ['beta', vendorFixture('beta')]]);
  const gateway = await VendorRegister.open(vendors, a, NOW);
  const cli = await VendorRegister.open(vendors, b, NOW);
  assert.equal(await a.revision(), 2, 'first sight of two vendors, recorded once');
  assert.equal((await b.audit(10)).length, 2);
  await cli.review('acme', { status: 'rejected', by: 'dana' }, NOW + 10);
  assert.equal((await a.load()).get('acme')?.status, 'rejected');
  assert.equal(await a.revision(), 3);
  gateway.effective('acme', NOW + 1500);
  await gateway.settled();
  assert.equal(gateway.effective('acme', NOW + 1500).status, 'rejected');

  // two saves at once, one from each instance: exactly two bumps
  await Promise.all([a.save('acme', FULL, event('c1', { time: NOW + 20 })), b.save('beta', BARE, event('c2', { time: NOW + 20, subject: 'beta' }))]);
  assert.equal(await b.revision(), 5);
  // many at once, on the same row and on different ones
  const writes = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).save(i % 3 === 0 ? 'beta' : 'acme', FULL, event(`m${i}`, { time: NOW + 30 + i })));
  await Promise.all(writes);
  assert.equal(await a.revision(), 17);
  // the same deterministic event from both: recorded and counted once
  const lifecycle = event('lifecycle:beta:retired', { action: 'vendor.lifecycle', subject: 'beta' });
  const appended = await Promise.all([a.appendAudit(lifecycle), b.appendAudit(lifecycle)]);
  assert.deepEqual(appended.sort(), [false, true]);
  assert.equal(await b.revision(), 18);
  assert.equal((await a.audit(100)).length, 2 + 1 + 2 + 12 + 1);
});
