import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UpstreamFailure } from '../protocols/types.ts';
import { backoffMs } from './backoff.ts';
import { runFallback, type AttemptResult, type FallbackTarget } from './fallback.ts';
import { Cancel } from '../core/cancel.ts';

const retry = { maxRetries: 2, baseMs: 100, maxMs: 2000 };
const targets: FallbackTarget[] = [
  { vendor: 'a', model: 'm1', retry },
  { vendor: 'b', model: 'm2', retry },
];
const fail = (f: Partial<UpstreamFailure>): AttemptResult<string> => ({
  ok: false,
  failure: { status: 500, code: 'upstream_error', message: 'x', retryable: true, ...f },
});

function harness(script: AttemptResult<string>[]) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  const deps = { sleep: (ms: number) => Promise.resolve(void sleeps.push(ms)), random: () => 0.5 };
  const attempt = (t: FallbackTarget): Promise<AttemptResult<string>> => {
    calls.push(t.vendor);
    return Promise.resolve(script.shift() ?? { ok: true as const, value: `from ${t.vendor}` });
  };
  return { calls, sleeps, run: () => runFallback(targets, attempt, deps, new Cancel()) };
}

test('retries a retryable failure on the same target, then succeeds', { timeout: 1000 }, async () => {
  const h = harness([fail({})]);
  const out = await h.run();
  assert.equal(out.value, 'from a');
  assert.deepEqual(h.calls, ['a', 'a']);
  assert.equal(out.attempts.length, 1);
  assert.deepEqual(h.sleeps, [75]); // full jitter around base 100: 50 + 0.5·50
});

test('moves to the next target after the retries run out', { timeout: 1000 }, async () => {
  const h = harness([fail({}), fail({}), fail({ status: 503, code: 'upstream_overloaded' })]);
  const out = await h.run();
  assert.equal(out.target.vendor, 'b');
  assert.deepEqual(h.calls, ['a', 'a', 'a', 'b']);
  assert.deepEqual(out.attempts.map((a) => a.status), [500, 500, 503]);
});

test('honours Retry-After, and skips to the next target when it is longer than the policy allows', { timeout: 1000 }, async () => {
  const h = harness([fail({ status: 429, code: 'upstream_rate_limited', retryAfterMs: 300 }), fail({ status: 429, code: 'upstream_rate_limited', retryAfterMs: 60_000 })]);
  const out = await h.run();
  assert.deepEqual(h.sleeps, [300]);
  assert.deepEqual(h.calls, ['a', 'a', 'b']);
  assert.equal(out.target.vendor, 'b');
});

test('a request the vendor rejects is not retried nor sent elsewhere', { timeout: 1000 }, async () => {
  const h = harness([fail({ status: 400, code: 'upstream_invalid_request', retryable: false, message: 'vendor: bad' })]);
  await assert.rejects(h.run(), (err: { code: string; status: number }) => err.code === 'upstream_invalid_request' && err.status === 400);
  assert.deepEqual(h.calls, ['a']);
});

test('rejected credentials skip the target without retrying it', { timeout: 1000 }, async () => {
  const h = harness([fail({ status: 502, code: 'upstream_auth', retryable: false })]);
  const out = await h.run();
  assert.deepEqual(h.calls, ['a', 'b']);
  assert.equal(out.value, 'from b');
});

test('exhaustion lists every attempt; all rate limits answer as a rate limit with the wait', { timeout: 1000 }, async () => {
  const h = harness(Array.from({ length: 6 }, () => fail({})));
  await assert.rejects(h.run(), (err: { code: string; attempts: unknown[]; message: string }) => {
    assert.equal(err.code, 'all_targets_failed');
    assert.equal(err.attempts.length, 6);
    assert.match(err.message, /a\/m1: 500 upstream_error/);
    return true;
  });
  const rl = harness(Array.from({ length: 6 }, () => fail({ status: 429, code: 'upstream_rate_limited', retryAfterMs: 1000 })));
  await assert.rejects(rl.run(), (err: { code: string; retryAfterMs: number }) => err.code === 'upstream_rate_limited' && err.retryAfterMs === 1000);
});

test('backoff grows exponentially and stays within the cap', { timeout: 1000 }, () => {
  const p = { maxRetries: 5, baseMs: 100, maxMs: 1000 };
  assert.equal(backoffMs(p, 0, undefined, () => 1), 100);
  assert.equal(backoffMs(p, 3, undefined, () => 1), 800);
  assert.equal(backoffMs(p, 6, undefined, () => 1), 1000);
  assert.equal(backoffMs(p, 6, undefined, () => 0), 500);
  assert.equal(backoffMs(p, 0, 0, () => 1), 0);
  assert.equal(backoffMs(p, 0, 5000, () => 1), null);
});
