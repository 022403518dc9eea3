// The VendorRegister suite on real SQLite files, plus what only SQLite can show: the review and its audit event
// commit together, the CLI's connection works beside a running store's journal lock, and a restart keeps both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { vendorFixture } from '../../src/governance/register.fixture.ts';
import type { StoredReview } from '../../src/governance/register.ts';
import { vendorRegisterCases } from '../../src/governance/vendor-register.case.ts';
import { VendorRegister } from '../../src/governance/vendor-register.ts';
import { openSqliteStore } from '../../src/store/open.ts';
import { SqliteRegisterState } from '../../src/store/sqlite/register-state.ts';

function tempDb(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-register-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'airlock.db');
}

vendorRegisterCases('sqlite', (t) => {
  const file = tempDb(t);
  const opened: SqliteRegisterState[] = [new SqliteRegisterState(file)];
  t.after(() => opened.forEach((s) => s.close()));
  return {
    state: opened[0] as SqliteRegisterState,
    reopen: () => {
      const s = new SqliteRegisterState(file);
      opened.push(s);
      return s;
    },
  };
});

const NOW = Date.UTC(2026, 5, 15);

test('sqlite: a review and its audit event are one transaction', { timeout: 10_000 }, async (t) => {
  const file = tempDb(t);
  const state = new SqliteRegisterState(file);
  t.after(() => state.close());
  const reg = await VendorRegister.open(new Map([['acme', vendorFixture('acme')]]), state, NOW);
  // an audit id that already exists makes the second insert fail: the review row must roll back with it
  const [registered] = state.audit(1);
  const review: StoredReview = { ...(state.load().get('acme') as StoredReview), status: 'rejected' };
  assert.ok(registered);
  assert.throws(() => state.save('acme', review, { ...registered, time: NOW + 1 }), /UNIQUE/);
  assert.equal(state.load().get('acme')?.status, 'approved');
  assert.equal(reg.effective('acme', NOW).status, 'approved');
});

test('sqlite: the register opens beside a running store (journal locked) and both see each other', { timeout: 10_000 }, async (t) => {
  const file = tempDb(t);
  const store = openSqliteStore(`sqlite:${file}`);
  t.after(() => store.close());
  const vendors = new Map([['acme', vendorFixture('acme')]]);
  const gateway = await VendorRegister.open(vendors, store.registerState, NOW);
  assert.throws(() => openSqliteStore(`sqlite:${file}`), /in use by process/, 'a second store is refused');
  const cli = new SqliteRegisterState(file);
  t.after(() => cli.close());
  await (await VendorRegister.open(vendors, cli, NOW)).review('acme', { status: 'rejected', by: 'dana' }, NOW + 1);
  assert.equal(gateway.effective('acme', NOW + 5000).status, 'rejected');
  await store.close();
  const raw = new Database(file, { readonly: true });
  t.after(() => raw.close());
  const rows = raw.prepare('SELECT action, actor, subject FROM audit_event ORDER BY time').all();
  assert.deepEqual(rows, [
    { action: 'vendor.registered', actor: 'config', subject: 'acme' },
    { action: 'vendor.review', actor: 'dana', subject: 'acme' },
  ]);
});

test('sqlite: audit reads clamp the limit and filter by subject, newest first', { timeout: 10_000 }, async (t) => {
  const state = new SqliteRegisterState(tempDb(t));
  t.after(() => state.close());
  const reg = await VendorRegister.open(new Map([['a', vendorFixture('a')], ['b', vendorFixture('b')]]), state, NOW);
  await reg.review('a', { status: 'pending', by: 'x' }, NOW + 10);
  await reg.review('a', { status: 'approved', by: 'y' }, NOW + 20);
  assert.deepEqual(state.audit(10, 'a').map((e) => e.actor), ['y', 'x', 'config']);
  assert.equal(state.audit(-1).length, 0);
  assert.equal(state.audit(Number.NaN).length, 0);
  assert.equal(state.audit(2).length, 2);
  assert.deepEqual((state.audit(1)[0]?.after as { approvedData: string[] }).approvedData, ['internal', 'personal']);
});
