// Circuit breakers fed by live traffic, and retirement headers from the model-eol feed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

test('breakers and deprecation headers', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: {
      flaky: ['sim-gemini/gemini-fail-500', 'sim-anthropic/claude-haiku-4-5-20251001'],
      retired: ['sim-openai/gpt-4-0613'],
      current: ['sim-openai/gpt-4o-mini'],
    },
    retry: { max_retries: 0 },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });

  await t.test('a failing vendor opens its breaker and is then skipped without being called', async () => {
    const atGemini = (): number => stack.sims.gemini.received.length;
    for (let i = 0; i < 25; i++) {
      const { response } = await openai.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
    }
    // default breaker: opens once 10 requests in the window failed at ≥ 50 %
    assert.equal(atGemini(), 10);
    const { response } = await openai.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(atGemini(), 10, 'open: not called');
    assert.equal(response.headers.get('x-airlock-attempts'), '1', 'a skipped target is not an attempt');
  });

  await t.test('a target past or near its retirement date carries Deprecation, Sunset and Link', async () => {
    const { response } = await openai.chat.completions.create({ model: 'retired', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.headers.get('sunset'), 'Fri, 23 Oct 2026 00:00:00 GMT');
    assert.match(response.headers.get('deprecation') ?? '', /^@\d+$/);
    assert.match(response.headers.get('link') ?? '', /rel="successor-version"/);
    const current = await openai.chat.completions.create({ model: 'current', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(current.response.headers.get('sunset'), null);
  });
});
