// The Stainless SDKs tell the server their own timeout (X-Stainless-Timeout, seconds): the gateway stops
// waiting for a vendor once the client has stopped waiting for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, startStack } from '../helpers/stack.ts';

test('X-Stainless-Timeout caps the vendor attempt', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { stuck: ['sim-openai/gpt-hang'] },
    retry: { max_retries: 0 },
    timeouts: { connect_ms: 1000, first_byte_ms: 60_000, total_ms: 120_000, idle_ms: 60_000 },
  });
  const started = Date.now();
  const res = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-stainless-timeout': '1' },
    body: JSON.stringify({ model: 'stuck', messages: [{ role: 'user', content: 'hi' }] }),
  });
  const elapsed = Date.now() - started;
  assert.ok(res.status === 504 || res.status === 503, `status ${res.status}`);
  assert.ok(elapsed >= 900 && elapsed < 3000, `answered after ${elapsed} ms, not after the 60 s first-byte timeout`);
  for (let i = 0; i < 50 && stack.sims.openai.aborted === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(stack.sims.openai.aborted, 1, 'the vendor request was aborted');
});
