import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Breakers, outcomeOf, type BreakerTransition } from './breaker.ts';
import { RollingWindow } from './breaker-window.ts';

function setup(opts: ConstructorParameters<typeof Breakers>[0] = {}) {
  const clock = { t: 1_000_000, now(): number { return this.t; } };
  const b = new Breakers(opts, clock);
  const moves: string[] = [];
  b.onTransition((t: BreakerTransition) => moves.push(`${t.vendor}${t.model === undefined ? '' : `/${t.model}`}:${t.from}>${t.to}`));
  const feed = (vendor: string, model: string, failures: number, successes = 0) => {
    for (let i = 0; i < successes; i++) b.record(vendor, model, 'success');
    for (let i = 0; i < failures; i++) b.record(vendor, model, 'failure');
  };
  return { clock, b, moves, feed };
}

test('stays closed below minRequests, opens once the failure rate is reached over minRequests', { timeout: 1000 }, () => {
  const { b, feed, moves } = setup();
  feed('a', 'm', 9);
  assert.equal(b.state('a').state, 'closed', '9 failures < minRequests 10');
  assert.equal(b.allow('a', 'm'), true);
  feed('a', 'm', 1);
  assert.equal(b.state('a').state, 'open');
  assert.equal(b.state('a', 'm').state, 'open');
  assert.equal(b.allow('a', 'm'), false);
  assert.deepEqual(moves, ['a:closed>open', 'a/m:closed>open']);
});

test('a failure rate under the threshold keeps the circuit closed', { timeout: 1000 }, () => {
  const { b, feed } = setup();
  feed('a', 'm', 4, 6); // 4/10 < 0.5
  assert.equal(b.state('a').state, 'closed');
  assert.deepEqual({ ...b.state('a', 'm') }, { state: 'closed', failures: 4, requests: 10 });
  feed('a', 'm', 2); // 6/12 = 0.5
  assert.equal(b.state('a').state, 'open');
});

test('failures older than the window no longer count', { timeout: 1000 }, () => {
  const { b, feed, clock } = setup();
  feed('a', 'm', 9);
  clock.t += 30_001;
  feed('a', 'm', 1);
  assert.deepEqual({ ...b.state('a') }, { state: 'closed', failures: 1, requests: 1 });
});

test('half-open after openMs lets one probe through; its success closes the circuit', { timeout: 1000 }, () => {
  const { b, feed, clock, moves } = setup();
  feed('a', 'm', 10);
  const openedAt = clock.t;
  clock.t += 14_999;
  assert.equal(b.allow('a', 'm'), false, 'still open just before openMs');
  clock.t += 1;
  assert.equal(b.state('a').state, 'half_open');
  assert.equal(b.state('a').openedAt, openedAt);
  assert.equal(b.allow('a', 'm'), true, 'the probe');
  assert.equal(b.allow('a', 'm'), false, 'only halfOpenProbes = 1');
  b.record('a', 'm', 'success');
  assert.equal(b.state('a').state, 'closed');
  assert.equal(b.state('a', 'm').state, 'closed');
  assert.deepEqual({ ...b.state('a') }, { state: 'closed', failures: 0, requests: 0 }, 'a fresh window');
  assert.equal(b.allow('a', 'm'), true);
  assert.deepEqual(moves.slice(2), ['a:open>half_open', 'a/m:open>half_open', 'a:half_open>closed', 'a/m:half_open>closed']);
});

test('a failed probe opens the circuit again for another openMs', { timeout: 1000 }, () => {
  const { b, feed, clock } = setup();
  feed('a', 'm', 10);
  clock.t += 15_000;
  assert.equal(b.allow('a', 'm'), true);
  b.record('a', 'm', 'failure');
  assert.equal(b.state('a').state, 'open');
  assert.equal(b.state('a').openedAt, clock.t);
  clock.t += 14_000;
  assert.equal(b.allow('a', 'm'), false);
  clock.t += 1_000;
  assert.equal(b.allow('a', 'm'), true);
});

test('several probes: every one must succeed before the circuit closes', { timeout: 1000 }, () => {
  const { b, feed, clock } = setup({ halfOpenProbes: 2 });
  feed('a', 'm', 10);
  clock.t += 15_000;
  assert.equal(b.allow('a', 'm'), true);
  assert.equal(b.allow('a', 'm'), true);
  assert.equal(b.allow('a', 'm'), false);
  b.record('a', 'm', 'success');
  assert.equal(b.state('a').state, 'half_open');
  b.record('a', 'm', 'success');
  assert.equal(b.state('a').state, 'closed');
});

test('a probe that never reports does not leave the circuit half-open for ever', { timeout: 1000 }, () => {
  const { b, feed, clock } = setup();
  feed('a', 'm', 10);
  clock.t += 15_000;
  assert.equal(b.allow('a', 'm'), true); // its caller is aborted and records nothing
  clock.t += 14_999;
  assert.equal(b.allow('a', 'm'), false);
  clock.t += 1;
  assert.equal(b.allow('a', 'm'), true, 'a new probe once openMs has passed');
});

test('model-level: one failing model opens its own circuit, not its siblings', { timeout: 1000 }, () => {
  const { b, feed } = setup();
  feed('a', 'good', 0, 30);
  feed('a', 'bad', 10, 0); // the vendor overall: 10/40 failed, under the rate
  assert.equal(b.state('a').state, 'closed');
  assert.equal(b.state('a', 'bad').state, 'open');
  assert.equal(b.allow('a', 'bad'), false);
  assert.equal(b.allow('a', 'good'), true);
  assert.equal(b.allow('b', 'bad'), true, 'another vendor serving a model of the same name is unaffected');
});

test('vendor-level: failures spread over models open the vendor, which blocks every model', { timeout: 1000 }, () => {
  const { b, feed } = setup();
  for (const m of ['m1', 'm2', 'm3', 'm4', 'm5']) feed('a', m, 2);
  assert.equal(b.state('a', 'm1').state, 'closed', 'each model saw only 2 requests');
  assert.equal(b.state('a').state, 'open');
  assert.equal(b.allow('a', 'm1'), false);
  assert.equal(b.allow('a', 'never-seen'), false);
  assert.equal(b.allow('z', 'm1'), true);
});

test('a half-open vendor does not spend its probe on a model whose own circuit is still open', { timeout: 1000 }, () => {
  const { b, feed, clock } = setup();
  feed('a', 'm1', 10); // vendor and m1 open at t0
  clock.t += 10_000;
  feed('a', 'm2', 10); // m2 opens at t0 + 10 s (the open vendor ignores these)
  clock.t += 5_000; // vendor and m1 half-open; m2 still open for 10 s
  assert.equal(b.allow('a', 'm2'), false);
  assert.equal(b.state('a').state, 'half_open');
  assert.equal(b.allow('a', 'm1'), true, 'the vendor probe is still there');
  assert.equal(b.allow('a', 'm3'), false, 'and now spent');
  b.record('a', 'm1', 'success');
  assert.equal(b.state('a').state, 'closed');
  assert.equal(b.state('a', 'm1').state, 'closed');
  assert.equal(b.allow('a', 'm2'), false, 'm2 keeps its own timer');
});

test('only retryable failures count against a vendor', { timeout: 1000 }, () => {
  assert.equal(outcomeOf({ status: 503, code: 'upstream_overloaded', message: '', retryable: true }), 'failure');
  assert.equal(outcomeOf({ status: 429, code: 'upstream_rate_limited', message: '', retryable: true }), 'failure');
  assert.equal(outcomeOf({ status: 400, code: 'upstream_invalid_request', message: '', retryable: false }), 'success');
});

test('snapshot lists vendor and model circuits; options are validated', { timeout: 1000 }, () => {
  const { b, feed, clock } = setup();
  feed('a', 'm', 10);
  feed('b', 'n', 0, 1);
  assert.deepEqual(b.snapshot(), [
    { vendor: 'a', state: 'open', failures: 10, requests: 10, openedAt: clock.t },
    { vendor: 'a', model: 'm', state: 'open', failures: 10, requests: 10, openedAt: clock.t },
    { vendor: 'b', state: 'closed', failures: 0, requests: 1 },
    { vendor: 'b', model: 'n', state: 'closed', failures: 0, requests: 1 },
  ]);
  assert.deepEqual(b.state('nobody'), { state: 'closed', failures: 0, requests: 0 });
  assert.throws(() => new Breakers({ failureRate: 0 }, clock), RangeError);
  assert.throws(() => new Breakers({ halfOpenProbes: 0.5 }, clock), RangeError);
});

test('the rolling window expires bucket by bucket', { timeout: 1000 }, () => {
  const w = new RollingWindow(10_000); // 1 s buckets
  w.add(0, true);
  w.add(500, false);
  w.add(4_000, true);
  assert.deepEqual(w.counts(9_999), { requests: 3, failures: 2 });
  assert.deepEqual(w.counts(10_000), { requests: 1, failures: 1 }, 'the first bucket left the window');
  assert.deepEqual(w.counts(14_000), { requests: 0, failures: 0 });
  w.add(1_000_000, false);
  assert.deepEqual(w.counts(1_000_000), { requests: 1, failures: 0 });
});

test('allow() cost (diagnostic)', { timeout: 10_000 }, (t) => {
  const { b, feed } = setup();
  for (let v = 0; v < 20; v++) for (let m = 0; m < 10; m++) feed(`vendor${v}`, `model${m}`, 0, 5);
  feed('dead', 'm', 10);
  const measure = (vendor: string, model: string): number => {
    const n = 100_000;
    let allowed = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (b.allow(vendor, model)) allowed++;
    const us = Number(process.hrtime.bigint() - start) / 1000 / n;
    assert.ok(allowed === 0 || allowed === n);
    return us;
  };
  measure('vendor7', 'model3'); // warm up
  const closed = measure('vendor7', 'model3');
  const open = measure('dead', 'm');
  t.diagnostic(`allow() closed: ${closed.toFixed(3)} µs/call, open: ${open.toFixed(3)} µs/call over 100k calls`);
  assert.ok(closed < 5 && open < 5, 'well under a microsecond expected; 5 µs leaves room for a slow CI box');
});
