import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VendorConfig, VendorReview } from '../config/types.ts';
import { vendorFixture } from './register.fixture.ts';
import { configReview, dayOf, effectiveReview, type StoredReview } from './register.ts';

const NOW = Date.UTC(2026, 5, 15, 12); // 2026-06-15

function vendor(review: Partial<VendorReview> = {}, termsVersion: string | null = 'v1'): VendorConfig {
  return vendorFixture('acme', review, termsVersion);
}

function stored(status: StoredReview['status'], over: Partial<StoredReview> = {}): StoredReview {
  return { status, approvedData: ['personal'], approvedTermsVersion: 'v1', origin: 'admin', seenTermsVersion: 'v1', reviewer: 'dana', date: '2026-06-01', ...over };
}

test('dayOf: the UTC calendar day', { timeout: 1000 }, () => {
  assert.equal(dayOf(NOW), '2026-06-15');
  assert.equal(dayOf(Date.UTC(2026, 0, 1) - 1), '2025-12-31');
});

test('effectiveReview: status × expired × terms changed', { timeout: 1000 }, () => {
  const cases: { status: StoredReview['status']; expires?: string; approvedTerms: string | null; want: string; reason: RegExp | null }[] = [
    { status: 'approved', approvedTerms: 'v1', want: 'approved', reason: null },
    { status: 'approved', expires: '2026-06-15', approvedTerms: 'v1', want: 'approved', reason: null }, // the expiry day still counts
    { status: 'approved', expires: '2026-06-14', approvedTerms: 'v1', want: 'pending', reason: /^review expired 2026-06-14$/ },
    { status: 'approved', approvedTerms: 'v0', want: 'pending', reason: /^terms changed from v0 to v1$/ },
    { status: 'approved', expires: '2026-06-14', approvedTerms: 'v0', want: 'pending', reason: /^terms changed from v0 to v1$/ },
    { status: 'pending', approvedTerms: 'v1', want: 'pending', reason: /not reviewed/ },
    { status: 'pending', expires: '2026-06-14', approvedTerms: 'v0', want: 'pending', reason: /not reviewed/ },
    { status: 'rejected', approvedTerms: 'v1', want: 'rejected', reason: /^rejected by dana on 2026-06-01$/ },
    { status: 'rejected', expires: '2026-06-14', approvedTerms: 'v0', want: 'rejected', reason: /^rejected/ },
  ];
  for (const c of cases) {
    const s = stored(c.status, { approvedTermsVersion: c.approvedTerms, ...(c.expires === undefined ? {} : { expires: c.expires }) });
    const r = effectiveReview(vendor(), s, NOW);
    const label = JSON.stringify(c);
    assert.equal(r.status, c.want, label);
    assert.deepEqual(r.approvedData, c.want === 'approved' ? ['personal'] : [], label);
    if (c.reason === null) assert.equal(r.reason, null, label);
    else assert.match(r.reason ?? '', c.reason, label);
    assert.equal(r.vendor, 'acme');
    assert.equal(r.region, 'eu');
    assert.equal(r.termsVersion, 'v1');
  }
});

test('effectiveReview: terms that appear or disappear count as a change', { timeout: 1000 }, () => {
  assert.equal(effectiveReview(vendor({}, 'v1'), stored('approved', { approvedTermsVersion: null }), NOW).reason, 'terms changed from (none) to v1');
  assert.equal(effectiveReview(vendor({}, null), stored('approved'), NOW).reason, 'terms changed from v1 to (none)');
  assert.equal(effectiveReview(vendor({}, null), stored('approved', { approvedTermsVersion: null }), NOW).status, 'approved');
});

test('effectiveReview: with nothing stored the config review approves the terms in config', { timeout: 1000 }, () => {
  const r = effectiveReview(vendor({ expires: '2027-01-01' }), undefined, NOW);
  assert.deepEqual(r, { vendor: 'acme', status: 'approved', approvedData: ['internal', 'personal'], region: 'eu', termsVersion: 'v1', reason: null });
  assert.equal(effectiveReview(vendor({ expires: '2026-01-01' }), undefined, NOW).reason, 'review expired 2026-01-01');
  assert.equal(effectiveReview(vendor({ status: 'pending' }), undefined, NOW).status, 'pending');
});

test('effectiveReview: a stored review wins over the config', { timeout: 1000 }, () => {
  assert.equal(effectiveReview(vendor({ status: 'approved' }), stored('rejected'), NOW).status, 'rejected');
  assert.equal(effectiveReview(vendor({ status: 'rejected' }), stored('approved'), NOW).status, 'approved');
});

test('configReview: records the terms version it approves', { timeout: 1000 }, () => {
  assert.deepEqual(configReview(vendor({ reviewer: 'lee', date: '2026-01-02' })), {
    status: 'approved', reviewer: 'lee', date: '2026-01-02', approvedData: ['internal', 'personal'],
    approvedTermsVersion: 'v1', origin: 'config', seenTermsVersion: 'v1',
  });
});
