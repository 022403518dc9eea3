// What an Anthropic caller's request keeps on its way to an Anthropic-protocol vendor: prompt-cache breakpoints
// (cache_control), so cached prefixes are billed at the cache prices, and the anthropic-beta header. Neither reaches
// a vendor of another protocol. The MCP connector, which would send the conversation past the vendor register, is
// refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack, type Stack } from '../helpers/stack.ts';
import { inputTokens } from './shared.ts';

// 6,000 characters: 1,500 simulated tokens, over the 1,024 Anthropic caches at least
const MANUAL = 'Airlock operating manual. '.repeat(230).slice(0, 6000);
const EPHEMERAL = { type: 'ephemeral' } as const;
const PRICE = { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 };

const received = (stack: Stack, p: 'openai' | 'anthropic' | 'gemini'): { headers: Record<string, unknown>; body: Record<string, unknown> } => {
  const r = stack.sims[p].received.at(-1);
  return { headers: r?.headers ?? {}, body: (r?.body ?? {}) as Record<string, unknown> };
};

test('Anthropic callers keep cache_control and anthropic-beta on the way to Anthropic vendors', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { 'via-anthropic': ['sim-anthropic/claude-sim'], 'via-openai': ['sim-openai/gpt-sim'], 'via-gemini': ['sim-gemini/gemini-sim'] },
    extra: { prices: { 'sim-anthropic/claude-sim': PRICE } },
  });
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const request = (question: string): Anthropic.MessageCreateParamsNonStreaming => ({
    model: 'via-anthropic',
    max_tokens: 200,
    system: [{ type: 'text', text: MANUAL, cache_control: EPHEMERAL }],
    messages: [{ role: 'user', content: question }],
  });

  await t.test('breakpoints reach the vendor on system, message, image, tool_use, tool_result blocks and tools', async () => {
    const image = { type: 'base64' as const, media_type: 'image/png' as const, data: 'iVBORw0KGgo=' };
    await client.messages.create({
      model: 'via-anthropic',
      max_tokens: 100,
      system: [{ type: 'text', text: 'rules' }, { type: 'text', text: 'more rules', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } }, cache_control: EPHEMERAL }],
      messages: [
        { role: 'user', content: [{ type: 'image', source: image, cache_control: EPHEMERAL }, { type: 'text', text: 'look it up', cache_control: EPHEMERAL }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' }, cache_control: EPHEMERAL }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'found', cache_control: EPHEMERAL }] },
      ],
    });
    const { body } = received(stack, 'anthropic');
    assert.deepEqual(body.system, [{ type: 'text', text: 'rules' }, { type: 'text', text: 'more rules', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
    assert.deepEqual((body.tools as { cache_control?: unknown }[])[0]?.cache_control, EPHEMERAL);
    const messages = body.messages as { content: { type: string; cache_control?: unknown }[] }[];
    assert.deepEqual(messages.map((m) => m.content.map((b) => [b.type, b.cache_control ?? null])), [
      [['image', EPHEMERAL], ['text', EPHEMERAL]],
      [['tool_use', EPHEMERAL]],
      [['tool_result', EPHEMERAL]],
    ]);
  });

  await t.test('a cached prefix is written once, then read, and priced at the cache prices', async () => {
    const total = inputTokens(MANUAL.length + 'first question'.length);
    const cached = inputTokens(MANUAL.length);
    const { data: first, response: r1 } = await client.messages.create(request('first question')).withResponse();
    assert.deepEqual([first.usage.cache_creation_input_tokens, first.usage.cache_read_input_tokens, first.usage.input_tokens], [cached, 0, total - cached]);
    const { data: second, response: r2 } = await client.messages.create(request('other question')).withResponse();
    assert.deepEqual([second.usage.cache_creation_input_tokens, second.usage.cache_read_input_tokens], [0, cached]);
    const price = (u: Anthropic.Usage): number =>
      (u.input_tokens * PRICE.input + (u.cache_creation_input_tokens ?? 0) * PRICE.cache_write + (u.cache_read_input_tokens ?? 0) * PRICE.cache_read + u.output_tokens * PRICE.output) / 1e6;
    assert.equal(Number(r1.headers.get('x-airlock-cost-usd')), Number(price(first.usage).toFixed(8)));
    assert.equal(Number(r2.headers.get('x-airlock-cost-usd')), Number(price(second.usage).toFixed(8)));
    assert.ok(price(second.usage) < price(first.usage) / 3, 'the read is the cheap one');
    // streamed: message_start and message_delta carry the same split
    const streamed = await client.messages.stream({ ...request('streamed question'), stream: true }).finalMessage();
    assert.equal(streamed.usage.cache_read_input_tokens, cached);
    await stack.gateway.store.sink.flush();
    const row = stack.gateway.store.requestLog.byId(r2.headers.get('x-airlock-request-id') ?? '');
    assert.equal(row?.cacheReadTokens, cached);
    assert.equal(row?.inputTokens, inputTokens(MANUAL.length + 'other question'.length));
  });

  await t.test('the same request to OpenAI- and Gemini-protocol vendors carries no cache_control', async () => {
    for (const out of ['openai', 'gemini'] as const) {
      const res = await client.messages.create({ ...request('hello'), model: `via-${out}` });
      assert.equal(res.content[0]?.type === 'text' ? res.content[0].text : '', 'echo: hello');
      assert.doesNotMatch(JSON.stringify(received(stack, out).body), /cache_control|ephemeral/);
    }
  });

  await t.test('anthropic-beta reaches Anthropic vendors, on messages and count_tokens, and no other vendor', async () => {
    const betas = 'context-1m-2025-08-07,interleaved-thinking-2025-05-14';
    await client.messages.create(request('beta'), { headers: { 'anthropic-beta': betas } });
    assert.equal(received(stack, 'anthropic').headers['anthropic-beta'], betas);
    assert.equal(received(stack, 'anthropic').headers['anthropic-version'], '2023-06-01');
    await client.messages.countTokens({ model: 'via-anthropic', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'anthropic-beta': betas } });
    assert.equal(received(stack, 'anthropic').headers['anthropic-beta'], betas);
    await client.messages.create(request('no beta'));
    assert.equal(received(stack, 'anthropic').headers['anthropic-beta'], undefined);
    for (const out of ['openai', 'gemini'] as const) {
      await client.messages.create({ ...request('beta'), model: `via-${out}` }, { headers: { 'anthropic-beta': betas } });
      assert.equal(received(stack, out).headers['anthropic-beta'], undefined);
    }
  });

  await t.test('mcp_servers is refused before any vendor, naming the field', async () => {
    const before = stack.sims.anthropic.received.length;
    const body = { ...request('hi'), mcp_servers: [{ type: 'url', url: 'https://mcp.example/sse', name: 'ext' }] };
    const err = await client.messages.create(body as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.match(err.message, /mcp_servers/);
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.equal(stack.sims.anthropic.received.length, before);
  });
});
