import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryCounters } from './counters-memory.ts';
import { RATE_WINDOW_MS, formatResetDuration, rateLimitError, rateLimitHeaders, rateLimits } from './rate.ts';

test('reset durations use OpenAI format', { timeout: 5_000 }, () => {
  assert.deepEqual([0, 12, 999, 1000, 1500, 6000, 59_999, 59_999.2, 60_000, 61_500].map(formatResetDuration), [
    '0ms', '12ms', '999ms', '1s', '1.5s', '6s', '59.999s', '1m0s', '1m0s', '1m1.5s',
  ]);
});

test('headers on an admitted and a refused hit', { timeout: 5_000 }, async () => {
  const c = new MemoryCounters();
  const limits = rateLimits({ rpm: 2, tpm: 1000 });
  assert.deepEqual(limits, { rpm: 2, tpm: 1000 });
  const at = 10 * RATE_WINDOW_MS + 54_000;
  const ok = await c.hit('app:a', RATE_WINDOW_MS, 1, 400, limits ?? {}, at);
  assert.deepEqual(rateLimitHeaders(ok), {
    'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-reset-requests': '6s',
    'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '600', 'x-ratelimit-reset-tokens': '6s',
  });
  await c.hit('app:a', RATE_WINDOW_MS, 1, 100, limits ?? {}, at + 5_988);
  const refused = await c.hit('app:a', RATE_WINDOW_MS, 1, 100, limits ?? {}, at + 5_988);
  const headers = rateLimitHeaders(refused);
  assert.equal(headers['x-ratelimit-remaining-requests'], '0');
  assert.equal(headers['x-ratelimit-reset-requests'], '12ms');
  assert.equal(headers['retry-after'], '1');
  assert.equal(headers['retry-after-ms'], '12');
  const err = rateLimitError(refused, 'app a', 100);
  assert.deepEqual([err.code, err.status, err.retryAfterMs, err.spec.final], ['rate_limited', 429, 12, false]);
  assert.match(err.message, /app a: 2 requests per minute/);
});

test('a request larger than the whole token limit gets a final 400, not a 429', { timeout: 5_000 }, async () => {
  const c = new MemoryCounters();
  const refused = await c.hit('app:a', RATE_WINDOW_MS, 1, 5000, { tpm: 1000 }, 0);
  assert.equal(refused.limitedBy, 'tokens');
  assert.equal(rateLimitError(refused, 'app a', 5000).code, 'invalid_request');
  assert.equal(rateLimits(undefined), undefined);
  assert.equal(rateLimits({}), undefined);
  assert.deepEqual(rateLimitHeaders({ allowed: true }), {});
});
