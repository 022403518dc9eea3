// Metering: cost from reported usage at catalog prices (config prices win), and a local count, marked as an
// estimate, when the vendor reports none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { loadCatalog } from '../../src/cost/catalog.ts';
import { countTokens } from '../../src/cost/estimate.ts';
import { KEY, startStack } from '../helpers/stack.ts';

test('metering from the catalog, the config and local counts', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: {
      catalogued: ['sim-openai/gpt-4o-mini'],
      'catalogued-claude': ['sim-anthropic/claude-haiku-4-5-20251001'],
      silent: ['sim-openai/local-no-usage'],
    },
    extra: { prices: { 'sim-openai/local-no-usage': { input: 1, output: 2 } } },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const catalog = loadCatalog();

  await t.test('reported usage × catalog price, in the header and the log; config prices win', async () => {
    const claude = catalog.lookup('anthropic', 'claude-haiku-4-5-20251001');
    assert.ok(claude);
    const { data, response } = await openai.chat.completions
      .create({ model: 'catalogued-claude', messages: [{ role: 'user', content: 'price me please' }] })
      .withResponse();
    const usage = data.usage;
    assert.ok(usage);
    const expected = (usage.prompt_tokens * claude.input + usage.completion_tokens * claude.output) / 1e6;
    assert.equal(response.headers.get('x-airlock-cost-usd'), expected.toFixed(8));
    await stack.gateway.store.sink.flush();
    const logged = (await stack.gateway.store.requestLog.byId(response.headers.get('x-airlock-request-id') ?? ''));
    assert.equal(logged?.priceSource, `catalog:${catalog.version}`, 'the catalog version is recorded with the cost');
    // the stack's config prices sim-openai/gpt-4o-mini itself (0.15 / 0.6), the same as the catalog's list price
    const mini = await openai.chat.completions.create({ model: 'catalogued', messages: [{ role: 'user', content: 'x' }] }).withResponse();
    const u = mini.data.usage;
    assert.ok(u);
    assert.equal(mini.response.headers.get('x-airlock-cost-usd'), ((u.prompt_tokens * 0.15 + u.completion_tokens * 0.6) / 1e6).toFixed(8));
  });

  await t.test('no usage from the vendor: counted locally and marked as an estimate, streamed and not', async () => {
    const prompt = 'count these tokens locally, please';
    const { data, response } = await openai.chat.completions.create({ model: 'silent', messages: [{ role: 'user', content: prompt }] }).withResponse();
    assert.equal(data.usage, undefined, 'the caller sees no usage it was not given');
    const answer = data.choices[0]?.message.content ?? '';
    const input = countTokens(prompt);
    const output = countTokens(answer);
    assert.equal(response.headers.get('x-airlock-cost-usd'), ((input * 1 + output * 2) / 1e6).toFixed(8));
    const stream = await openai.chat.completions.create({ model: 'silent', messages: [{ role: 'user', content: prompt }], stream: true });
    for await (const _ of stream) void _;
    await stack.gateway.store.sink.flush();
    const rows = (await stack.gateway.store.requestLog.recent(5)).filter((r) => r.vendorModel === 'local-no-usage');
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.usageReported, false);
      assert.equal(row.inputTokens, input);
      assert.equal(row.outputTokens, output);
      assert.ok(Math.abs((row.costUsd ?? 0) - (input + output * 2) / 1e6) < 1e-12);
    }
  });
});
