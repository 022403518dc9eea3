import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataClass } from '../config/types.ts';
import { resolvePolicy } from '../governance/policy.ts';
import type { EffectiveReview } from '../governance/types.ts';
import type { PlannedTarget } from '../routing/plan.ts';
import { AirlockError } from '../core/errors.ts';
import type { TextMapper } from '../governance/text-slots.ts';
import { decide } from './decide.ts';
import type { Inspection } from './inspect.ts';

const target = (vendor: string): PlannedTarget => ({ vendor, model: 'm', retry: { maxRetries: 0, baseMs: 1, maxMs: 1 } }) as unknown as PlannedTarget;
const reviews = (approved: Record<string, DataClass[]>) => ({
  effective: (vendor: string): EffectiveReview => ({ vendor, status: 'approved', approvedData: approved[vendor] ?? [], region: null, termsVersion: null, reason: null }),
});
const inspection = (rules: Partial<Record<DataClass, string>>): Inspection => ({
  findings: [],
  counts: new Map(Object.keys(rules).map((c) => [c as DataClass, 1])),
  classes: new Set(Object.keys(rules) as DataClass[]),
  rules: new Map(Object.entries(rules) as [DataClass, string][]),
});
const run = (found: Inspection, approved: Record<string, DataClass[]>, vendors: string[]) =>
  decide('chat', found, vendors.map(target), reviews(approved), resolvePolicy({}, undefined), { text: 'x' }, () => ({ text: 'x' }), 0);

test('every target passed over: the message names the class no target may receive', () => {
  // the demo's chat model: two vendors approved for personal data, the last for neither; the request holds both
  const found = inspection({ personal: 'person-cue', payment: 'luhn-card' });
  assert.throws(() => run(found, { a: ['personal'], b: ['personal'], c: [] }, ['a', 'b', 'c']), {
    code: 'policy_blocked',
    message: "request blocked: it contains data of class 'payment' (found by rule 'luhn-card'); no target of model 'chat' is approved for it (policy: reroute)",
  });
});

test('every target passed over, each for another class: the message says which target lacked which', () => {
  const found = inspection({ personal: 'person-cue', payment: 'luhn-card' });
  assert.throws(() => run(found, { a: ['personal'], b: ['payment'] }, ['a', 'b']), {
    code: 'policy_blocked',
    message: "request blocked: no target of model 'chat' is approved for every class it contains (a: payment; b: personal) (policy: reroute)",
  });
});

test('a target approved for everything present is chosen, marked as reached past the ones passed over', () => {
  const found = inspection({ personal: 'person-cue', payment: 'luhn-card' });
  const out = run(found, { a: ['personal'], b: ['personal', 'payment'] }, ['a', 'b']);
  assert.deepEqual(out.map((t) => [t.vendor, t.action, t.reroutedPast]), [['b', 'allow', true]]);
});

test('a target whose request cannot be changed as its policy says is passed over; with none left, the reason is the error', () => {
  const found = { ...inspection({ personal: 'person-cue' }), findings: [[{ type: 'email', dataClass: 'personal', start: 0, end: 12, rule: 'email' }]] } as Inspection;
  const policy = resolvePolicy({ personal: 'pseudonymize' }, undefined);
  // stands in for a PDF or a signed thinking block: text the policy would change, and that nothing may change
  const frozen = (fn: TextMapper): { text: string } => {
    if (fn('ada@ex.org x', 'text') !== 'ada@ex.org x') throw new AirlockError('policy_blocked', 'request blocked: cannot rewrite a PDF');
    return { text: 'x' };
  };
  const out = decide('chat', found, ['a', 'b'].map(target), reviews({ b: ['personal'] }), policy, { text: 'x' }, frozen, 0);
  assert.deepEqual(out.map((t) => [t.vendor, t.action]), [['b', 'allow']]);
  assert.throws(() => decide('chat', found, ['a', 'c'].map(target), reviews({}), policy, { text: 'x' }, frozen, 0), { code: 'policy_blocked', message: 'request blocked: cannot rewrite a PDF' });
  // any other failure is not a policy matter and is not passed over
  const broken = (): { text: string } => {
    throw new TypeError('bug');
  };
  assert.throws(() => decide('chat', found, ['a', 'b'].map(target), reviews({ b: ['personal'] }), policy, { text: 'x' }, broken, 0), { code: 'policy_blocked', message: /could not be removed from the request safely/ });
});
