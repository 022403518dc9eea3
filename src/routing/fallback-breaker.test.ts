import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UpstreamFailure } from '../protocols/types.ts';
import { Breakers, type Outcome } from './breaker.ts';
import { runFallback, type AttemptResult, type FallbackTarget } from './fallback.ts';
import { Cancel } from '../core/cancel.ts';

const retry = { maxRetries: 1, baseMs: 100, maxMs: 2000 };
const targets: FallbackTarget[] = [
  { vendor: 'a', model: 'm1', retry },
  { vendor: 'b', model: 'm2', retry },
];
const fail = (f: Partial<UpstreamFailure> = {}): AttemptResult<string> => ({
  ok: false,
  failure: { status: 500, code: 'upstream_error', message: 'x', retryable: true, ...f },
});

/** A breaker port that records what it was told, with a fixed set of open vendors. */
function spyBreakers(open: Set<string>) {
  const recorded: string[] = [];
  return {
    recorded,
    allow: (vendor: string) => !open.has(vendor),
    record: (vendor: string, model: string, outcome: Outcome) => void recorded.push(`${vendor}/${model}:${outcome}`),
  };
}

function harness(script: AttemptResult<string>[], breakers: { allow(v: string, m: string): boolean; record(v: string, m: string, o: Outcome): void }) {
  const calls: string[] = [];
  const deps = { sleep: () => Promise.resolve(), random: () => 0.5, breakers };
  const attempt = (t: FallbackTarget): Promise<AttemptResult<string>> => {
    calls.push(t.vendor);
    return Promise.resolve(script.shift() ?? { ok: true as const, value: `from ${t.vendor}` });
  };
  return { calls, run: () => runFallback(targets, attempt, deps, new Cancel()) };
}

test('an open first target is skipped without a call; the second answers', { timeout: 1000 }, async () => {
  const spy = spyBreakers(new Set(['a']));
  const h = harness([], spy);
  const out = await h.run();
  assert.deepEqual(h.calls, ['b'], 'vendor a was never called');
  assert.equal(out.value, 'from b');
  assert.deepEqual(out.attempts, [{ vendor: 'a', model: 'm1', status: null, code: 'upstream_unreachable' }]);
  assert.deepEqual(spy.recorded, ['b/m2:success']);
});

test('every call outcome is recorded; a vendor 4xx counts as the vendor answering', { timeout: 1000 }, async () => {
  const spy = spyBreakers(new Set());
  const h = harness([fail(), fail({ status: 503, code: 'upstream_overloaded' })], spy);
  await h.run();
  assert.deepEqual(h.calls, ['a', 'a', 'b']);
  assert.deepEqual(spy.recorded, ['a/m1:failure', 'a/m1:failure', 'b/m2:success']);
  const rejected = spyBreakers(new Set());
  const h2 = harness([fail({ status: 400, code: 'upstream_invalid_request', retryable: false })], rejected);
  await assert.rejects(h2.run(), { code: 'upstream_invalid_request' });
  assert.deepEqual(rejected.recorded, ['a/m1:success']);
});

test('every target open: the existing exhaustion error, and nothing is called', { timeout: 1000 }, async () => {
  const spy = spyBreakers(new Set(['a', 'b']));
  const h = harness([], spy);
  await assert.rejects(h.run(), (err: { code: string; status: number; attempts: unknown[]; message: string }) => {
    assert.equal(err.code, 'all_targets_failed');
    assert.equal(err.status, 503);
    assert.equal(err.attempts.length, 2);
    assert.match(err.message, /a\/m1: circuit open; b\/m2: circuit open/);
    return true;
  });
  assert.deepEqual(h.calls, []);
  assert.deepEqual(spy.recorded, []);
});

test('with real breakers: once a vendor opens, later requests skip it, and a half-open probe is a single call', { timeout: 1000 }, async () => {
  let now = 0;
  const breakers = new Breakers({ minRequests: 4, openMs: 1000 }, { now: () => now });
  // two requests, each failing twice on a (retry 1), then answered by b: a sees 4 failures out of 4 and opens
  const h = harness([fail(), fail(), { ok: true, value: 'b1' }, fail(), fail(), { ok: true, value: 'b2' }], breakers);
  await h.run();
  await h.run();
  assert.equal(breakers.state('a').state, 'open');
  assert.deepEqual(h.calls, ['a', 'a', 'b', 'a', 'a', 'b']);
  h.calls.length = 0;
  const third = await h.run();
  assert.deepEqual(h.calls, ['b'], 'a is skipped while open');
  assert.equal(third.attempts[0]?.status, null);
  now = 1000; // half-open: one probe; it fails, so its retry is refused by the re-opened circuit
  const h2 = harness([fail()], breakers);
  await h2.run();
  assert.deepEqual(h2.calls, ['a', 'b']);
  assert.equal(breakers.state('a').state, 'open');
});

test('a call cut short because the caller left is not held against the vendor, and nothing more is tried', { timeout: 1000 }, async () => {
  const spy = spyBreakers(new Set());
  const caller = new Cancel();
  const calls: string[] = [];
  const attempt = (t: FallbackTarget): Promise<AttemptResult<string>> => {
    calls.push(t.vendor);
    // the caller's socket closes while the vendor call is in flight; the call then fails as a transport error
    caller.abort(new Error('client closed'));
    return Promise.resolve(fail({ status: 502, code: 'upstream_unreachable' }));
  };
  const deps = { sleep: () => Promise.resolve(), random: () => 0.5, breakers: spy };
  const err = await runFallback(targets, attempt, deps, caller).catch((e: unknown) => e);
  assert.ok(err instanceof Error);
  assert.deepEqual(calls, ['a'], 'no retry and no fallback for a caller who is gone');
  assert.deepEqual(spy.recorded, [], 'the breaker heard nothing');
  // marked, so metering knows the vendor had the request when the caller left
  assert.deepEqual((err as { attempts?: unknown }).attempts, [{ vendor: 'a', model: 'm1', status: 502, code: 'upstream_unreachable', cutShort: true }]);
});
