// Which transport failures a vendor may bill: those after it had the whole request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transportFailure } from './failure.ts';

test('billable: timeouts after the connect and connections lost while a 2xx answer arrived; not: failures to connect', { timeout: 1000 }, () => {
  const billable = (code: string, phase: string): boolean => transportFailure({ code }, phase).billable === true;
  assert.equal(billable('UND_ERR_HEADERS_TIMEOUT', 'connect'), true);
  assert.equal(billable('UND_ERR_BODY_TIMEOUT', 'stream'), true);
  assert.equal(billable('TOTAL_TIMEOUT', 'call'), true);
  assert.equal(billable('UND_ERR_SOCKET', 'body'), true);
  assert.equal(billable('ECONNRESET', 'stream'), true);
  assert.equal(billable('UND_ERR_CONNECT_TIMEOUT', 'connect'), false);
  assert.equal(billable('ECONNREFUSED', 'connect'), false);
  assert.equal(billable('UND_ERR_SOCKET', 'connect'), false);
  // wrapped causes are read too
  assert.equal(transportFailure(new Error('fetch failed', { cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } }), 'connect').billable, true);
});
