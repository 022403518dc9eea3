// Per-vendor breaker options, and adopting a state decided by the instances together (Redis).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Breakers, type BreakerTransition } from './breaker.ts';

function setup(perVendor = new Map<string, { minRequests?: number; openMs?: number }>()) {
  const clock = { t: 1_000_000, now(): number { return this.t; } };
  const b = new Breakers({ minRequests: 10, openMs: 15_000 }, clock, perVendor);
  const moves: string[] = [];
  b.onTransition((t: BreakerTransition) => moves.push(`${t.vendor}${t.model === undefined ? '' : `/${t.model}`}:${t.from}>${t.to}${t.shared ? ' (shared)' : ''}`));
  return { clock, b, moves };
}

test("a vendor's own options apply to its vendor and model circuits only", { timeout: 1000 }, () => {
  const { b, clock } = setup(new Map([['touchy', { minRequests: 3, openMs: 60_000 }]]));
  for (let i = 0; i < 3; i++) {
    b.record('touchy', 'm', 'failure');
    b.record('calm', 'm', 'failure');
  }
  assert.equal(b.state('touchy').state, 'open');
  assert.equal(b.state('touchy', 'm').state, 'open');
  assert.equal(b.state('calm').state, 'closed', 'the top-level minRequests 10 still holds for others');
  clock.t += 15_000;
  assert.equal(b.state('touchy').state, 'open', "touchy's own openMs is 60 s");
  clock.t += 45_000;
  assert.equal(b.state('touchy').state, 'half_open');
  assert.deepEqual(b.optionsFor('touchy'), { windowMs: 30_000, minRequests: 3, failureRate: 0.5, openMs: 60_000, halfOpenProbes: 1 });
  assert.throws(() => new Breakers({}, clock, new Map([['x', { minRequests: 0 }]])), /minRequests/);
});

test('adopting a shared open: skipped at once, half-open after openMs from the shared time, never re-opened by an older open', { timeout: 1000 }, () => {
  const { b, clock, moves } = setup();
  const openedAt = clock.t - 5_000;
  b.adopt('v', 'm', 'open', openedAt);
  assert.equal(b.allow('v', 'm'), false);
  assert.deepEqual(moves, ['v/m:closed>open (shared)']);
  assert.equal(b.state('v', 'm').openedAt, openedAt);
  clock.t += 10_000; // 15 s after the shared open
  assert.equal(b.allow('v', 'm'), true, 'the probe');
  b.record('v', 'm', 'success');
  assert.equal(b.state('v', 'm').state, 'closed');
  b.adopt('v', 'm', 'open', openedAt);
  assert.equal(b.state('v', 'm').state, 'closed', 'the same (old) open is not taken again');
  b.adopt('v', undefined, 'open', clock.t);
  assert.equal(b.allow('v', 'other'), false, 'an open vendor circuit stops every model of the vendor');
  b.adopt('v', undefined, 'closed', clock.t);
  assert.equal(b.allow('v', 'other'), true);
  assert.deepEqual(moves.slice(-2), ['v:closed>open (shared)', 'v:open>closed (shared)']);
});
