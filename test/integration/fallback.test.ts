// Fallback before the first byte: refused connections, first-byte timeouts, 500s and 429s move to the next
// target, and the simulators' request logs show exactly which attempts left the gateway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';
import { deadPort } from '../helpers/dead-port.ts';

const PROMPT = 'fallback please';

test('fallback across vendors before the first byte', { timeout: 60_000 }, async (t) => {
  const dead = await deadPort();
  const stack = await startStack(t, {
    models: {
      refused: ['dead/gpt-4o-mini', 'sim-anthropic/claude-3-5-haiku-20241022'],
      slow: ['sim-openai/gpt-hang', 'sim-gemini/gemini-2.0-flash'],
      broken: ['sim-openai/gpt-fail-500', 'sim-anthropic/claude-3-5-haiku-20241022'],
      limited: ['sim-anthropic/claude-fail-429-retry-after-30', 'sim-openai/gpt-4o-mini'],
      down: ['sim-openai/gpt-fail-503', 'sim-gemini/gemini-fail-500'],
    },
    vendors: {
      dead: { protocol: 'openai', base_url: `http://127.0.0.1:${dead}/v1`, api_key: 'x', retry: { max_retries: 1, base_ms: 5, max_ms: 1000 } },
    },
    timeouts: { first_byte_ms: 400, connect_ms: 500, total_ms: 5000, idle_ms: 1000 },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });

  await t.test('connection refused → retried, then the next vendor answers', async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'refused', messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.equal(data.choices[0]?.message.content, `echo: ${PROMPT}`);
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
    assert.equal(response.headers.get('x-airlock-attempts'), '3');
  });

  await t.test('first-byte timeout → next vendor, also for streams', async () => {
    const before = stack.sims.openai.received.length;
    const started = Date.now();
    const res = await openai.chat.completions.create({ model: 'slow', messages: [{ role: 'user', content: PROMPT }] });
    assert.equal(res.choices[0]?.message.content, `echo: ${PROMPT}`);
    assert.ok(Date.now() - started < 3000, 'bounded by first_byte_ms, not the vendor');
    assert.equal(stack.sims.openai.received.length - before, 2);
    const stream = await openai.chat.completions.create({ model: 'slow', messages: [{ role: 'user', content: PROMPT }], stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    assert.equal(text, `echo: ${PROMPT}`);
  });

  await t.test('500 → retried once, then the next vendor', async () => {
    const before = stack.sims.openai.received.length;
    const { data, response } = await openai.chat.completions.create({ model: 'broken', messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.equal(data.choices[0]?.message.content, `echo: ${PROMPT}`);
    assert.equal(stack.sims.openai.received.length - before, 2);
    assert.equal(response.headers.get('x-airlock-attempts'), '3');
  });

  await t.test('429 with a long Retry-After → no sleeping, straight to the next vendor', async () => {
    const before = stack.sims.anthropic.received.length;
    const started = Date.now();
    const { response } = await openai.chat.completions.create({ model: 'limited', messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.ok(Date.now() - started < 2000);
    assert.equal(stack.sims.anthropic.received.length - before, 1);
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-openai');
  });

  await t.test('429 with a short Retry-After is honoured on the same vendor', async () => {
    stack.sims.openai.enqueue({ status: 429, retryAfterS: 0.2 });
    const before = stack.sims.openai.received.length;
    const started = Date.now();
    const { response } = await openai.chat.completions.create({ model: 'limited', messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.ok(Date.now() - started >= 150, 'waited for Retry-After');
    assert.equal(stack.sims.openai.received.length - before, 2);
    assert.equal(response.headers.get('x-airlock-attempts'), '3');
  });

  await t.test('every vendor down → 503 in the caller format, listing attempts, retryable', async () => {
    const err = await openai.chat.completions.create({ model: 'down', messages: [{ role: 'user', content: PROMPT }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.InternalServerError);
    assert.equal(err.status, 503);
    assert.match(err.message, /sim-openai\/gpt-fail-503: 503/);
    assert.equal(err.headers.get('x-should-retry'), null);
    const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
    const aerr = await anthropic.messages.create({ model: 'down', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(aerr instanceof Anthropic.APIError);
    assert.equal(aerr.status, 503);
    assert.equal((aerr.error as { error?: { type?: string } }).error?.type, 'overloaded_error');
  });

  await t.test('the openai SDK retries a 503 itself and the gateway serves each try', async () => {
    const retrying = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 1, timeout: 10_000 });
    const before = stack.sims.gemini.received.length;
    await retrying.chat.completions.create({ model: 'down', messages: [{ role: 'user', content: PROMPT }] }).catch(() => undefined);
    // 2 SDK attempts × (gemini tried twice: 1 retry) on the second target
    assert.equal(stack.sims.gemini.received.length - before, 4);
  });
});
