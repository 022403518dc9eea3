// One VendorRegister suite, run against every RegisterState: the in-memory fake (vendor-register.test.ts) and
// SQLite (test/store/register-state.test.ts). `reopen` is a restart: the same stored state, a new connection.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { VendorConfig } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import { vendorFixture } from './register.fixture.ts';
import { VendorRegister, type RegisterState } from './vendor-register.ts';

export interface StateHarness {
  state: RegisterState;
  /** the same stored state through a fresh handle (a process restart) */
  reopen(): RegisterState;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 15, 9); // 2026-06-15

function vendors(...list: VendorConfig[]): Map<string, VendorConfig> {
  return new Map(list.map((v) => [v.name, v]));
}

function field(snapshot: unknown, key: string): unknown {
  return (snapshot as Record<string, unknown> | null)?.[key];
}

type Case = (h: StateHarness) => Promise<void>;

const CASES: [string, Case][] = [
  ['first sight records the config review, once', async (h) => {
    const reg = await VendorRegister.open(vendors(vendorFixture('acme'), vendorFixture('beta', { status: 'pending' })), h.state, T0);
    const events = (await reg.audit(10));
    assert.deepEqual(events.map((e) => [e.action, e.subject, e.actor]).sort(), [['vendor.registered', 'acme', 'config'], ['vendor.registered', 'beta', 'config']]);
    const acme = events.find((e) => e.subject === 'acme');
    assert.equal(acme?.before, null);
    assert.equal(acme?.time, T0);
    assert.equal(field(acme?.after, 'approvedTermsVersion'), 'v1');
    assert.equal(reg.effective('acme', T0).status, 'approved');
    assert.equal(reg.effective('beta', T0).status, 'pending');
    await VendorRegister.open(vendors(vendorFixture('acme'), vendorFixture('beta', { status: 'pending' })), h.reopen(), T0 + 1000);
    assert.equal((await reg.audit(10)).length, 2, 'a restart with the same config writes nothing');
  }],
  ['a terms change in config puts the vendor back to pending and is audited once', async (h) => {
    await VendorRegister.open(vendors(vendorFixture('acme')), h.state, T0);
    const reg = await VendorRegister.open(vendors(vendorFixture('acme', {}, 'v2')), h.reopen(), T0 + DAY);
    const eff = reg.effective('acme', T0 + DAY);
    assert.equal(eff.status, 'pending');
    assert.equal(eff.reason, 'terms changed from v1 to v2');
    assert.deepEqual(eff.approvedData, []);
    const [changed] = (await reg.audit(10, 'acme'));
    assert.equal(changed?.action, 'vendor.terms_changed');
    assert.equal(changed?.actor, 'config');
    assert.equal(field(changed?.before, 'seenTermsVersion'), 'v1');
    assert.equal(field(changed?.after, 'seenTermsVersion'), 'v2');
    const again = await VendorRegister.open(vendors(vendorFixture('acme', {}, 'v2')), h.reopen(), T0 + 2 * DAY);
    assert.equal((await again.audit(10, 'acme')).length, 2, 'registered + terms_changed, nothing more');
    assert.equal(again.effective('acme', T0 + 2 * DAY).status, 'pending');
  }],
  ["a person's review is audited with who, when, before and after, and survives a restart", async (h) => {
    await VendorRegister.open(vendors(vendorFixture('acme')), h.state, T0);
    const reg = await VendorRegister.open(vendors(vendorFixture('acme', {}, 'v2')), h.reopen(), T0 + DAY);
    const when = T0 + DAY + 5000;
    const { before, after, event } = await reg.review('acme', { status: 'approved', approvedData: ['personal', 'payment'], expires: '2027-01-31', by: 'dana' }, when);
    assert.equal(before.effective.status, 'pending');
    assert.equal(after.effective.status, 'approved');
    assert.deepEqual(after.effective.approvedData, ['personal', 'payment']);
    assert.deepEqual(after.review, { status: 'approved', reviewer: 'dana', date: '2026-06-16', expires: '2027-01-31', approvedData: ['personal', 'payment'], approvedTermsVersion: 'v2', origin: 'admin', seenTermsVersion: 'v2' });
    assert.equal(event.actor, 'dana');
    assert.equal(event.time, when);
    assert.equal(event.action, 'vendor.review');
    assert.equal(event.subject, 'acme');
    assert.equal((field(event.before, 'effective') as { status: string }).status, 'pending');
    assert.equal((field(event.before, 'effective') as { reason: string }).reason, 'terms changed from v1 to v2');
    assert.equal(field(event.after, 'status'), 'approved');
    assert.deepEqual((await reg.audit(1, 'acme')), [event]);
    const restarted = await VendorRegister.open(vendors(vendorFixture('acme', {}, 'v2')), h.reopen(), when + 1000);
    assert.equal(restarted.effective('acme', when + 1000).status, 'approved');
    assert.deepEqual(restarted.show('acme', when + 1000)?.review, after.review);
  }],
  ['an admin review wins over the config; a config-only review follows config edits', async (h) => {
    const reg = await VendorRegister.open(vendors(vendorFixture('acme'), vendorFixture('beta')), h.state, T0);
    await reg.review('acme', { status: 'rejected', by: 'dana' }, T0);
    const edited = vendors(vendorFixture('acme', { approvedData: ['special'] }), vendorFixture('beta', { approvedData: ['special'] }, 'v2'));
    const next = await VendorRegister.open(edited, h.reopen(), T0 + DAY);
    assert.equal(next.effective('acme', T0 + DAY).status, 'rejected');
    const beta = next.effective('beta', T0 + DAY);
    assert.equal(beta.status, 'approved', 'an edit of the review in config re-approves the terms in config');
    assert.deepEqual(beta.approvedData, ['special']);
    const [last] = (await next.audit(1, 'beta'));
    assert.equal(last?.action, 'vendor.review');
    assert.equal(last?.actor, 'config');
  }],
  ['refused changes name the problem and write nothing', async (h) => {
    const reg = await VendorRegister.open(vendors(vendorFixture('acme')), h.state, T0);
    const bad: [string, Parameters<VendorRegister['review']>[1], string][] = [
      ['nope', { status: 'approved', by: 'x' }, 'not_found'],
      ['acme', { status: 'maybe' as 'approved', by: 'x' }, 'invalid_request'],
      ['acme', { status: 'approved', approvedData: ['secrets'], by: 'x' }, 'invalid_request'],
      ['acme', { status: 'approved', expires: '2026-02-30', by: 'x' }, 'invalid_request'],
      ['acme', { status: 'approved', expires: '2026-06-14', by: 'x' }, 'invalid_request'],
      ['acme', { status: 'rejected', approvedData: ['personal'], by: 'x' }, 'invalid_request'],
      ['acme', { status: 'approved', by: '  ' }, 'invalid_request'],
    ];
    for (const [name, change, code] of bad) {
      await assert.rejects(() => reg.review(name, change, T0), (e: unknown) => e instanceof AirlockError && e.code === code, JSON.stringify(change));
    }
    assert.equal((await reg.audit(10)).length, 1);
    assert.equal(reg.effective('acme', T0).status, 'approved');
  }],
  ['the effective review turns pending when the day passes the expiry', async (h) => {
    const reg = await VendorRegister.open(vendors(vendorFixture('acme', { expires: '2026-06-15' })), h.state, T0);
    // the first look after start re-reads the state once (the register's own first-sight write changed it)
    const first = reg.effective('acme', T0 + 2000);
    assert.equal(first.status, 'approved');
    assert.equal(reg.effective('acme', T0 + 3600_000), first, 'same day: the cached object');
    const next = reg.effective('acme', T0 + DAY);
    assert.equal(next.status, 'pending');
    assert.equal(next.reason, 'review expired 2026-06-15');
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.approvedData), 'callers cannot change the cached review');
  }],
  ['a change written by another process shows within a second', async (h) => {
    const gateway = await VendorRegister.open(vendors(vendorFixture('acme')), h.state, T0);
    assert.equal(gateway.effective('acme', T0).status, 'approved');
    const cli = await VendorRegister.open(vendors(vendorFixture('acme')), h.reopen(), T0);
    await cli.review('acme', { status: 'rejected', by: 'dana' }, T0 + 10);
    assert.equal(gateway.effective('acme', T0 + 500).status, 'approved', 'checked at most once a second');
    // a state that answers over the network is re-read in the background, started by this look
    gateway.effective('acme', T0 + 1500);
    await gateway.settled();
    assert.equal(gateway.effective('acme', T0 + 1500).status, 'rejected');
  }],
  ['unknown vendors count as pending; list and show never carry keys', async (h) => {
    const reg = await VendorRegister.open(vendors({ ...vendorFixture('acme'), apiKey: 'sk-secret' }), h.state, T0);
    assert.equal(reg.effective('ghost', T0).status, 'pending');
    assert.equal(reg.show('ghost', T0), undefined);
    assert.deepEqual(reg.list(T0).map((e) => e.name), ['acme']);
    assert.doesNotMatch(JSON.stringify(reg.list(T0)), /sk-secret/);
  }],
];

export function vendorRegisterCases(kind: string, make: (t: TestContext) => StateHarness): void {
  for (const [title, run] of CASES) {
    test(`${kind}: ${title}`, { timeout: 10_000 }, (t) => run(make(t)));
  }
}
