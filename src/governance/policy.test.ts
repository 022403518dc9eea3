import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataClass, PolicyAction, ReviewStatus } from '../config/types.ts';
import { decideTarget, resolvePolicy } from './policy.ts';
import type { EffectiveReview } from './types.ts';

const review = (status: ReviewStatus, approvedData: DataClass[] = []): EffectiveReview => ({
  vendor: 'v',
  status,
  approvedData,
  region: null,
  termsVersion: null,
  reason: null,
});

test('matrix: class × review status × action', { timeout: 1000 }, () => {
  const actions: PolicyAction[] = ['block', 'redact', 'pseudonymize', 'reroute'];
  const statuses: ReviewStatus[] = ['approved', 'pending', 'rejected'];
  const classes: DataClass[] = ['personal', 'payment', 'confidential', 'special', 'credentials'];
  for (const cls of classes) {
    for (const status of statuses) {
      for (const action of actions) {
        const policy = resolvePolicy({ [cls]: action }, undefined);
        // approved for the class → allowed whatever the action; approved for something else or not approved → the action
        const approvedFor = decideTarget([cls], review(status, [cls]), policy);
        assert.equal(approvedFor.action, status === 'approved' ? 'allow' : action, `${cls}/${status}/${action}`);
        const notFor = decideTarget([cls], review(status, ['public']), policy);
        assert.equal(notFor.action, action, `${cls}/${status}/${action} not approved for it`);
        assert.equal(notFor.decisive, cls);
      }
    }
  }
});

test('actions combine by precedence block > reroute > pseudonymize > redact > allow', { timeout: 1000 }, () => {
  const policy = resolvePolicy({ personal: 'pseudonymize', payment: 'redact', confidential: 'reroute', credentials: 'block' }, undefined);
  const r = review('approved', ['public']);
  assert.equal(decideTarget(['personal', 'payment'], r, policy).action, 'pseudonymize');
  assert.equal(decideTarget(['personal', 'payment', 'confidential'], r, policy).action, 'reroute');
  assert.equal(decideTarget(['personal', 'confidential', 'credentials'], r, policy).action, 'block');
  const d = decideTarget(['personal', 'payment'], review('approved', ['personal']), policy);
  assert.equal(d.perClass.get('personal'), 'allow');
  assert.equal(d.perClass.get('payment'), 'redact');
  assert.equal(decideTarget(['public'], review('rejected'), policy).action, 'allow');
});

test('defaults: credentials block; unconfigured classes only go where approved', { timeout: 1000 }, () => {
  const policy = resolvePolicy({}, undefined);
  assert.equal(policy.credentials, 'block');
  assert.equal(policy.personal, 'reroute');
  assert.equal(policy.public, 'allow');
});

test('per-app rules can only tighten', { timeout: 1000 }, () => {
  const policy = resolvePolicy({ personal: 'pseudonymize', payment: 'block' }, { personal: 'block', payment: 'redact' });
  assert.equal(policy.personal, 'block');
  assert.equal(policy.payment, 'block', 'an app cannot loosen block to redact');
});
