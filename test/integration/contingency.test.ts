// Circuit breakers fed by live traffic, and retirement headers from the model-eol feed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

// a config retirement 30 days from today: inside the default 90-day warning window
const SOON = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

test('breakers and deprecation headers', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    retry: { max_retries: 0 },
    // objects, not the helper's `vendor/model` strings: one target carries retires/successor
    extra: { models: {
      flaky: { targets: ['sim-gemini/gemini-fail-500', 'sim-anthropic/claude-haiku-4-5-20251001'] },
      retired: { targets: ['sim-openai/gpt-4-0613'] },
      retiring: { targets: [{ vendor: 'sim-openai', model: 'gpt-4o-mini', retires: SOON, successor: 'gpt-4.1' }] },
      current: { targets: ['sim-openai/gpt-4o-mini'] },
    } },
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

  await t.test('a target near its retirement date carries Deprecation, Sunset and Link; past it, the successor serves', async () => {
    const { response } = await openai.chat.completions.create({ model: 'retiring', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.headers.get('sunset'), new Date(Date.parse(SOON)).toUTCString());
    assert.match(response.headers.get('deprecation') ?? '', /^@\d+$/);
    assert.equal(response.headers.get('link'), '<urn:airlock:model:gpt-4.1>; rel="successor-version"');
    // the catalog retired gpt-4-0613 on 2026-10-23 with gpt-5.6-sol as its drop-in: that model answers now
    const retired = await openai.chat.completions.create({ model: 'retired', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(retired.response.headers.get('x-airlock-model'), 'gpt-5.6-sol');
    assert.equal(retired.response.headers.get('sunset'), null);
    const current = await openai.chat.completions.create({ model: 'current', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(current.response.headers.get('sunset'), null);
  });
});
