import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Detect, Finding } from '../governance/types.ts';
import { inspect, INSPECT_MS_PER_KB } from './inspect.ts';

const email: Finding = { type: 'email', dataClass: 'personal', start: 0, end: 5, rule: 'email' };
const visitOf = (texts: string[]) => (fn: (text: string, kind: 'text') => void): void => texts.forEach((t) => fn(t, 'text'));
const busy = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('counts findings per class, keeps the first rule, and adds declared classes', () => {
  const detect: Detect = (text) => (text.includes('@') ? [email] : []);
  const r = inspect(visitOf(['a@b.c', 'plain', 'x@y.z']), detect, ['confidential'], 250);
  assert.equal(r.counts.get('personal'), 2);
  assert.deepEqual([...r.classes].sort(), ['confidential', 'personal']);
  assert.equal(r.rules.get('confidential'), 'declared');
  assert.equal(r.findings.length, 3);
});

test('a detector that throws blocks the request (fail closed)', () => {
  const detect: Detect = () => {
    throw new Error('regex exploded');
  };
  assert.throws(() => inspect(visitOf(['hello']), detect, [], 250), { code: 'policy_blocked', message: /inspection failed/ });
});

test('inspection past its time budget blocks the request; the budget grows with the text', () => {
  const slow: Detect = () => {
    busy(30);
    return [];
  };
  assert.throws(() => inspect(visitOf(['short']), slow, [], 10), { code: 'policy_blocked', message: /took longer than 10 ms/ });
  // 400 KB of text earns 100 ms on top of the base: the same 30 ms scan passes
  const big = 'a'.repeat(400 * 1024);
  assert.equal(400 * INSPECT_MS_PER_KB, 100);
  assert.equal(inspect(visitOf([big]), slow, [], 10).counts.size, 0);
});
