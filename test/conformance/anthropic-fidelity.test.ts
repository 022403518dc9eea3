// What an Anthropic caller's request keeps on its way to an Anthropic-protocol vendor: prompt-cache breakpoints
// (cache_control), so cached prefixes are billed at the cache prices, and the anthropic-beta header. Neither reaches
// a vendor of another protocol. The MCP connector, which would send the conversation past the vendor register, is
// refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
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
    const row = (await stack.gateway.store.requestLog.byId(r2.headers.get('x-airlock-request-id') ?? ''));
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

// synthetic, made up for this test
const EMAIL = 'ada.lovelace@analytical.example';
const lookup: Anthropic.Tool = { name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } };
const THINKING = { type: 'enabled', budget_tokens: 2048 } as const;

test('extended thinking: signed thinking blocks reach the caller and go back to Anthropic vendors unchanged', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { 'via-anthropic': ['sim-anthropic/claude-sim'], 'via-openai': ['sim-openai/gpt-sim'] },
    // personal data is not approved at the Anthropic vendor: pseudonymized on the way out
    reviews: { 'sim-anthropic': { status: 'approved', approved_data: ['public', 'internal'] } },
    extra: { data_policy: { personal: 'pseudonymize' } },
  });
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });

  await t.test('a tool loop with thinking on: the thinking block comes back signed, and the next turn is accepted', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'find the order' };
    const first = await client.messages.create({ model: 'via-anthropic', max_tokens: 4096, thinking: THINKING, tools: [lookup], messages: [question] });
    assert.deepEqual(first.content.map((b) => b.type), ['thinking', 'tool_use']);
    const thinking = first.content[0];
    assert.ok(thinking?.type === 'thinking');
    assert.equal(thinking.thinking, 'The user wrote: find the order');
    assert.ok(thinking.signature.length > 20);
    const use = first.content[1];
    assert.ok(use?.type === 'tool_use');
    const second = await client.messages.create({
      model: 'via-anthropic',
      max_tokens: 4096,
      thinking: THINKING,
      tools: [lookup],
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'order 42' }] }],
    });
    assert.deepEqual(second.content.map((b) => b.type), ['thinking', 'text']);
    assert.equal(second.content[1]?.type === 'text' ? second.content[1].text : '', 'tool result: order 42');
    const sent = (stack.sims.anthropic.received.at(-1)?.body as { messages: { content: unknown[] }[] }).messages[1]?.content[0];
    assert.deepEqual(sent, { type: 'thinking', thinking: thinking.thinking, signature: thinking.signature });
  });

  await t.test('streamed: thinking and signature deltas, the same block as unstreamed', async () => {
    const stream = client.messages.stream({ model: 'via-anthropic', max_tokens: 4096, thinking: THINKING, messages: [{ role: 'user', content: 'think' }] });
    let deltas = '';
    let signatures = 0;
    stream.on('streamEvent', (ev) => {
      if (ev.type === 'content_block_delta' && ev.delta.type === 'thinking_delta') deltas += ev.delta.thinking;
      if (ev.type === 'content_block_delta' && ev.delta.type === 'signature_delta') signatures++;
    });
    const final = await stream.finalMessage();
    assert.deepEqual(final.content.map((b) => b.type), ['thinking', 'text']);
    const block = final.content[0];
    assert.ok(block?.type === 'thinking');
    assert.equal(deltas, 'The user wrote: think');
    assert.equal(block.thinking, deltas);
    assert.equal(signatures, 1);
    const whole = await client.messages.create({ model: 'via-anthropic', max_tokens: 4096, thinking: THINKING, messages: [{ role: 'user', content: 'think' }] });
    assert.deepEqual(whole.content[0], block);
  });

  await t.test('pseudonymized: the answer is restored, the signed thinking keeps the placeholder and is accepted back', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: `mail ${EMAIL}` };
    const first = await client.messages.create({ model: 'via-anthropic', max_tokens: 4096, thinking: THINKING, tools: [lookup], messages: [question] });
    const thinking = first.content[0];
    assert.ok(thinking?.type === 'thinking');
    // restoring it would break the signature the vendor checks when it comes back
    assert.equal(thinking.thinking, 'The user wrote: mail <EMAIL_1>');
    const use = first.content[1];
    assert.ok(use?.type === 'tool_use');
    const second = await client.messages.create({
      model: 'via-anthropic',
      max_tokens: 4096,
      thinking: THINKING,
      tools: [lookup],
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: `sent to ${EMAIL}` }] }],
    });
    assert.equal(second.content[1]?.type === 'text' ? second.content[1].text : '', `tool result: sent to ${EMAIL}`);
    assert.doesNotMatch(JSON.stringify(stack.sims.anthropic.received.at(-1)?.body), /ada\.lovelace/);
  });

  await t.test('thinking is inspected: a block holding data the policy would rewrite is blocked, not rewritten or sent', async () => {
    const before = stack.sims.anthropic.received.length;
    const err = await client.messages
      .create({
        model: 'via-anthropic',
        max_tokens: 4096,
        thinking: THINKING,
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: `write to ${EMAIL}`, signature: 'c2ln' }, { type: 'text', text: 'a' }] },
          { role: 'user', content: 'again' },
        ],
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.PermissionDeniedError, String(err));
    assert.match(err.message, /thinking block/);
    assert.equal(stack.sims.anthropic.received.length, before, 'nothing reached the vendor');
  });

  await t.test('a tampered signature is the vendor\'s 400; a redacted block goes back byte for byte', async () => {
    const err = await client.messages
      .create({
        model: 'via-anthropic',
        max_tokens: 4096,
        thinking: THINKING,
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'edited', signature: 'c2lnbmF0dXJl' }, { type: 'text', text: 'a' }] },
          { role: 'user', content: 'again' },
        ],
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.match(err.message, /signature/);
    await client.messages.create({
      model: 'via-anthropic',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' }, { type: 'text', text: 'a' }] },
        { role: 'user', content: 'again' },
      ],
    });
    const sent = (stack.sims.anthropic.received.at(-1)?.body as { messages: { content: unknown[] }[] }).messages[1]?.content[0];
    assert.deepEqual(sent, { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' });
  });

  await t.test('an OpenAI-protocol vendor gets neither the thinking setting nor thinking blocks', async () => {
    const res = await client.messages.create({
      model: 'via-openai',
      max_tokens: 4096,
      thinking: THINKING,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'mine', signature: 'c2ln' }, { type: 'text', text: 'a' }] },
        { role: 'user', content: 'again' },
      ],
    });
    assert.deepEqual(res.content.map((b) => b.type), ['text']);
    assert.doesNotMatch(JSON.stringify(stack.sims.openai.received.at(-1)?.body), /thinking|c2ln/);
  });
});

test('images in tool results (a screenshot, an image file read) reach every vendor in its own form', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { 'via-anthropic': ['sim-anthropic/claude-sim'], 'via-openai': ['sim-openai/gpt-sim'], 'via-gemini': ['sim-gemini/gemini-sim'] },
  });
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const turn = (model: string, result: Anthropic.ToolResultBlockParam['content']): Anthropic.MessageCreateParamsNonStreaming => ({
    model,
    max_tokens: 100,
    tools: [lookup],
    messages: [
      { role: 'user', content: 'read the chart' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'chart.png' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: result }] },
    ],
  });
  const withImage: Anthropic.ToolResultBlockParam['content'] = [
    { type: 'text', text: 'chart.png' },
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
  ];

  await t.test('anthropic: the image stays inside the tool result', async () => {
    const res = await client.messages.create(turn('via-anthropic', withImage));
    assert.equal(res.content[0]?.type === 'text' ? res.content[0].text : '', 'tool result: chart.png');
    const sent = (stack.sims.anthropic.received.at(-1)?.body as { messages: { content: unknown[] }[] }).messages[2]?.content[0];
    assert.deepEqual(sent, { type: 'tool_result', tool_use_id: 'toolu_1', content: withImage });
  });

  await t.test('openai: the tool message keeps the text; the image follows as a labelled user message', async () => {
    await client.messages.create(turn('via-openai', withImage));
    const messages = (stack.sims.openai.received.at(-1)?.body as { messages: { role: string; content: unknown }[] }).messages;
    assert.deepEqual(messages.slice(-2), [
      { role: 'tool', tool_call_id: 'toolu_1', content: 'chart.png' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'images returned by tool call toolu_1:' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        ],
      },
    ]);
  });

  await t.test('gemini: the image follows the function response in the same user turn', async () => {
    await client.messages.create(turn('via-gemini', withImage));
    const contents = (stack.sims.gemini.received.at(-1)?.body as { contents: { role: string; parts: Record<string, unknown>[] }[] }).contents;
    const last = contents.at(-1);
    assert.equal(last?.role, 'user');
    assert.deepEqual(last?.parts.map((p) => Object.keys(p)[0]), ['functionResponse', 'inlineData']);
    assert.deepEqual(last?.parts[1], { inlineData: { mimeType: 'image/png', data: png } });
  });

  await t.test('a search result inside a tool result is refused, naming the block (PDFs there: pdf-documents.test.ts)', async () => {
    const doc = [{ type: 'search_result', source: 'https://example.org', title: 't', content: [{ type: 'text', text: 'x' }] }] as unknown as Anthropic.ToolResultBlockParam['content'];
    const err = await client.messages.create(turn('via-anthropic', doc)).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.match(err.message, /messages\.2\.content\.0\.content\.0/);
  });
});

test('OpenAI-format callers mark cache breakpoints for Anthropic vendors the LiteLLM way: on parts, messages and tools', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { 'via-anthropic': ['sim-anthropic/claude-sim'], 'via-openai': ['sim-openai/gpt-sim'] },
    extra: { prices: { 'sim-anthropic/claude-sim': PRICE } },
  });
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  // cache_control is not in the openai SDK's types: a caller adds it as LiteLLM documents
  const request = (model: string, question: string): OpenAI.ChatCompletionCreateParamsNonStreaming =>
    ({
      model,
      messages: [
        { role: 'system', content: [{ type: 'text', text: MANUAL, cache_control: EPHEMERAL }] },
        { role: 'user', content: [{ type: 'text', text: 'context', cache_control: EPHEMERAL }, { type: 'text', text: 'more context' }] },
        { role: 'assistant', content: 'noted', cache_control: EPHEMERAL },
        { role: 'user', content: question },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } }, cache_control: EPHEMERAL }],
    }) as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;

  await t.test('the marks reach the Anthropic vendor on the same blocks, and the prefix is cached and priced so', async () => {
    const first = await client.chat.completions.create(request('via-anthropic', 'one'));
    const { body } = received(stack, 'anthropic');
    assert.deepEqual(body.system, [{ type: 'text', text: MANUAL, cache_control: EPHEMERAL }]);
    assert.deepEqual((body.tools as { cache_control?: unknown }[])[0]?.cache_control, EPHEMERAL);
    const messages = body.messages as { role: string; content: { text?: string; cache_control?: unknown }[] }[];
    assert.deepEqual(messages.map((m) => m.content.map((b) => b.cache_control ?? null)), [[EPHEMERAL, null], [EPHEMERAL], [null]]);
    const { data: second, response } = await client.chat.completions.create(request('via-anthropic', 'two')).withResponse();
    // the last breakpoint (the assistant turn) ends the prefix that is the same in both requests
    const cached = inputTokens(MANUAL.length + 'context'.length + 'more context'.length + 'noted'.length);
    assert.equal(first.usage?.prompt_tokens_details?.cached_tokens ?? 0, 0);
    assert.equal(second.usage?.prompt_tokens_details?.cached_tokens, cached);
    assert.ok(Number(response.headers.get('x-airlock-cost-usd')) < (inputTokens(MANUAL.length) * PRICE.input) / 1e6, 'the cached prefix is billed at the read price');
  });

  await t.test('an OpenAI-protocol vendor gets the request without them', async () => {
    await client.chat.completions.create(request('via-openai', 'one'));
    assert.doesNotMatch(JSON.stringify(received(stack, 'openai').body), /cache_control|ephemeral/);
  });
});

test("Anthropic's client-run tools (computer, text editor, bash) reach Anthropic vendors as defined; other vendors are skipped", { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { 'via-anthropic': ['sim-anthropic/claude-sim'], 'via-openai': ['sim-openai/gpt-sim'], 'openai-then-anthropic': ['sim-openai/gpt-sim', 'sim-anthropic/claude-sim'] },
  });
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const bash = { type: 'bash_20250124', name: 'bash' } as const;
  const computer = { type: 'computer_20250124', name: 'computer', display_width_px: 1024, display_height_px: 768, display_number: 1 } as const;
  const params = (model: string): Anthropic.Beta.MessageCreateParamsNonStreaming => ({
    model,
    max_tokens: 100,
    tools: [bash, { ...computer, cache_control: EPHEMERAL }, lookup],
    messages: [{ role: 'user', content: 'list the files' }],
  });

  await t.test('anthropic: the definitions arrive as the caller wrote them, beside custom tools', async () => {
    await client.beta.messages.create(params('via-anthropic'), { headers: { 'anthropic-beta': 'computer-use-2025-01-24' } });
    const { headers, body } = received(stack, 'anthropic');
    assert.equal(headers['anthropic-beta'], 'computer-use-2025-01-24');
    assert.deepEqual(body.tools, [bash, { ...computer, cache_control: EPHEMERAL }, { name: 'lookup', input_schema: lookup.input_schema }]);
  });

  await t.test('a chain whose first vendor cannot run them falls to one that can; alone, it is a 400 naming the tool', async () => {
    const before = stack.sims.openai.received.length;
    const { response } = await client.beta.messages.create(params('openai-then-anthropic')).withResponse();
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
    assert.equal(stack.sims.openai.received.length, before, 'nothing was sent to the vendor that could not take it');
    const err = await client.beta.messages.create(params('via-openai')).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.match(err.message, /tools\.0.*bash_20250124/);
  });

  await t.test('server tools stay refused: they would send the conversation on to the web', async () => {
    const err = await client.messages
      .create({ model: 'via-anthropic', max_tokens: 100, tools: [{ type: 'web_search_20250305', name: 'web_search' }], messages: [{ role: 'user', content: 'news?' }] })
      .catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.match(err.message, /server tools/);
  });
});
