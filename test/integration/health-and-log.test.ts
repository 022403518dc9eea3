import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

test('health, readiness and the request log', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t);

  await t.test('/healthz needs no key; /readyz reports the store', async () => {
    const h = await fetch(`${stack.url}/healthz`);
    assert.equal(h.status, 200);
    const r = await fetch(`${stack.url}/readyz`);
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { status: string }).status, 'ready');
  });

  await t.test('one row per request, with usage, cost and timings, and no content or key', async () => {
    const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const secret = 'my-unique-prompt-text-4711';
    const { data, response } = await openai.chat.completions.create({ model: 'via-openai', messages: [{ role: 'user', content: secret }] }).withResponse();
    const stream = await openai.chat.completions.create({ model: 'via-anthropic', messages: [{ role: 'user', content: secret }], stream: true });
    for await (const _ of stream) void _;
    await new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'wrong', maxRetries: 0 }).models.list().catch(() => undefined);
    await stack.gateway.store.sink.flush();

    const id = response.headers.get('x-airlock-request-id') ?? '';
    const row = (await stack.gateway.store.requestLog.byId(id));
    assert.ok(row, 'row for the request');
    assert.equal(row.keyName, 'test-key');
    assert.equal(row.app, 'tests');
    assert.equal(row.logicalModel, 'via-openai');
    assert.equal(row.vendor, 'sim-openai');
    assert.equal(row.vendorModel, 'gpt-4o-mini');
    assert.equal(row.status, 200);
    assert.equal(row.attempts, 1);
    assert.equal(row.stream, false);
    assert.equal(row.inputTokens, data.usage?.prompt_tokens);
    assert.equal(row.outputTokens, data.usage?.completion_tokens);
    assert.equal(row.usageReported, true);
    assert.ok(row.latencyMs > 0 && row.ttfbMs !== null && row.ttfbMs <= row.latencyMs);
    // priced in the stack's config at 0.15 / 0.6 USD per million
    const expected = ((data.usage?.prompt_tokens ?? 0) * 0.15 + (data.usage?.completion_tokens ?? 0) * 0.6) / 1e6;
    assert.ok(Math.abs((row.costUsd ?? -1) - expected) < 1e-12);
    assert.equal(Number(response.headers.get('x-airlock-cost-usd')), Number(expected.toFixed(8)));

    const rows = (await stack.gateway.store.requestLog.recent(10));
    const streamed = rows.find((r) => r.logicalModel === 'via-anthropic');
    assert.equal(streamed?.stream, true);
    assert.equal(streamed?.vendor, 'sim-anthropic');
    assert.ok((streamed?.outputTokens ?? 0) > 0);
    // claude-3-5-haiku-20241022 is past its shutdown date: the catalog's successor serves in its place, at catalog prices
    assert.notEqual(streamed?.vendorModel, 'claude-3-5-haiku-20241022');
    assert.ok((streamed?.costUsd ?? 0) > 0);
    assert.match(streamed?.priceSource ?? '', /^catalog:[0-9a-f]+$/);
    assert.equal(row.priceSource, 'config');
    assert.equal(streamed?.usageReported, true);
    assert.doesNotMatch(JSON.stringify(rows), new RegExp(`${secret}|${KEY}`));
  });
});
