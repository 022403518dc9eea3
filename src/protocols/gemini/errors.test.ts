import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeError } from './errors.ts';

const T = { timeout: 5_000 };

const rpc = (code: number, status: string, message: string, details: unknown[] = []): unknown => ({ error: { code, message, status, details } });

test('429 RESOURCE_EXHAUSTED (error-429.json): rate limited, retryable, RetryInfo read as the wait', T, () => {
  const body: unknown = JSON.parse(readFileSync(new URL('../../simulator/recordings/gemini/error-429.json', import.meta.url), 'utf8'));
  assert.deepEqual(decodeError(429, body, {}), {
    status: 429,
    code: 'upstream_rate_limited',
    message: 'vendor: You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
    retryable: true,
    retryAfterMs: 36_000,
  });
  const fractional = rpc(429, 'RESOURCE_EXHAUSTED', 'q', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.25s' }]);
  assert.equal(decodeError(429, fractional, {}).retryAfterMs, 250);
  assert.equal(decodeError(429, rpc(429, 'RESOURCE_EXHAUSTED', 'q'), {}).retryAfterMs, undefined);
});

test('5xx are retryable, each with its own code', T, () => {
  const cases: [number, string, string][] = [
    [503, 'UNAVAILABLE', 'upstream_overloaded'],
    [500, 'INTERNAL', 'upstream_error'],
    [504, 'DEADLINE_EXCEEDED', 'upstream_timeout'],
    [502, 'UNKNOWN', 'upstream_error'],
  ];
  for (const [status, rpcStatus, code] of cases) {
    const f = decodeError(status, rpc(status, rpcStatus, 'An internal error has occurred.'), {});
    assert.deepEqual(f, { status, code, message: 'vendor: An internal error has occurred.', retryable: true }, String(status));
  }
});

test('a rejected key is upstream_auth, final, and never echoes the vendor', T, () => {
  const invalidKey = rpc(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
  ]);
  const cases: [number, unknown][] = [
    [400, invalidKey],
    [401, rpc(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')],
    [403, rpc(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.')],
    [403, 'Forbidden'],
  ];
  for (const [status, body] of cases) {
    const f = decodeError(status, body, {});
    assert.equal(f.code, 'upstream_auth');
    assert.equal(f.retryable, false);
    assert.equal(f.message, `the vendor rejected the gateway's credentials (HTTP ${status})`);
  }
  // the message alone is enough when details are stripped
  assert.equal(decodeError(400, rpc(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'), {}).code, 'upstream_auth');
});

test('other 4xx are the request\'s fault: final, status kept, vendor message passed on', T, () => {
  assert.deepEqual(decodeError(400, rpc(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'), {}), {
    status: 400, code: 'upstream_invalid_request', message: 'vendor: Request contains an invalid argument.', retryable: false,
  });
  assert.deepEqual(decodeError(404, rpc(404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta.'), {}), {
    status: 404, code: 'upstream_invalid_request', message: 'vendor: models/gemini-9 is not found for API version v1beta.', retryable: false,
  });
  assert.equal(decodeError(400, rpc(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.'), {}).code, 'upstream_invalid_request');
});

test('a body that is not a Gemini error still maps by status', T, () => {
  assert.deepEqual(decodeError(500, '<html>oops</html>', {}), { status: 500, code: 'upstream_error', message: 'vendor: HTTP 500', retryable: true });
  assert.deepEqual(decodeError(422, null, {}), { status: 422, code: 'upstream_invalid_request', message: 'vendor: HTTP 422', retryable: false });
});
