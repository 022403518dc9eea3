// The Anthropic simulator against the official @anthropic-ai/sdk and raw HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startSimulator } from './server.ts';

const PROMPT = 'hello there, Airlock';
const ECHO = `echo: ${PROMPT}`;
const weather = { name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, days: { type: 'integer' } } } };
const time = { name: 'get_time', input_schema: { type: 'object' as const, properties: { zone: { type: 'string' } } } };

test('anthropic simulator', { timeout: 10_000 }, async (t) => {
  const sim = await startSimulator({ protocol: 'anthropic', port: 0 });
  t.after(() => sim.close());
  const client = new Anthropic({ baseURL: sim.url, apiKey: 'sk-ant-test', maxRetries: 0 });
  const post = (body: unknown, headers: Record<string, string>): Promise<Response> =>
    fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const good = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

  await t.test('text: message shape, usage, request-id; the SDK sends Bearer and a version', { timeout: 10_000 }, async () => {
    const { data, response } = await client.messages
      .create({ model: 'claude-3-5-haiku-20241022', max_tokens: 256, system: 'be brief', messages: [{ role: 'user', content: PROMPT }] })
      .withResponse();
    assert.match(data.id, /^msg_/);
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'claude-3-5-haiku-20241022');
    assert.deepEqual(data.content, [{ type: 'text', text: ECHO }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.equal(data.stop_sequence, null);
    assert.equal(data.usage.input_tokens, Math.ceil(('be brief'.length + PROMPT.length) / 4));
    assert.equal(data.usage.output_tokens, Math.ceil(ECHO.length / 4));
    assert.equal(data.usage.cache_read_input_tokens, 0);
    assert.equal(data.usage.service_tier, 'standard');
    assert.match(response.headers.get('request-id') ?? '', /^req_/);
    assert.ok(response.headers.get('anthropic-ratelimit-requests-remaining'));
    const sent = sim.received.at(-1)?.headers;
    assert.equal(sent?.authorization, 'Bearer sk-ant-test');
    assert.ok(sent?.['anthropic-version']);
  });

  await t.test('stream: every event named, in order; usage in message_start and message_delta', { timeout: 10_000 }, async () => {
    const stream = client.messages.stream({ model: 'claude-x', max_tokens: 256, messages: [{ role: 'user', content: PROMPT }] });
    let text = '';
    const types: string[] = [];
    stream.on('text', (d) => (text += d));
    stream.on('streamEvent', (ev) => types.push(ev.type));
    const final = await stream.finalMessage();
    assert.equal(text, ECHO);
    // the SDK swallows ping events; the raw check below sees it
    assert.deepEqual(types, ['message_start', 'content_block_start', ...Array<string>(8).fill('content_block_delta'), 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(final.usage.output_tokens, Math.ceil(ECHO.length / 4));
    assert.equal(final.usage.input_tokens, Math.ceil(PROMPT.length / 4));

    const raw = await (await post({ model: 'c', max_tokens: 9, stream: true, messages: [{ role: 'user', content: 'hi' }] }, good)).text();
    assert.match(raw, /^event: message_start\n[^]*\n\nevent: ping\ndata: \{"type":"ping"\}\n\n/);
    for (const block of raw.split('\n\n').filter(Boolean)) {
      const [ev, data] = block.split('\n');
      assert.equal(ev?.slice('event: '.length), (JSON.parse(data?.slice('data: '.length) ?? '') as { type: string }).type);
    }
  });

  await t.test('tools: parallel-2 streamed with input_json_delta; forced tool; tool_result', { timeout: 10_000 }, async () => {
    const final = await client.messages.stream({ model: 'claude-parallel-2', max_tokens: 256, tools: [weather, time], messages: [{ role: 'user', content: 'both' }] }).finalMessage();
    assert.equal(final.stop_reason, 'tool_use');
    const uses = final.content.flatMap((b) => (b.type === 'tool_use' ? [b] : []));
    assert.deepEqual(uses.map((u) => [u.name, u.input]), [['get_weather', { city: 'sim', days: 1 }], ['get_time', { zone: 'sim' }]]);
    assert.ok(uses.every((u) => u.id.startsWith('toolu_')));
    const forced = await client.messages.create({ model: 'c', max_tokens: 256, tools: [weather, time], tool_choice: { type: 'tool', name: 'get_time' }, messages: [{ role: 'user', content: 'x' }] });
    assert.deepEqual(forced.content.map((b) => (b.type === 'tool_use' ? b.name : b.type)), ['get_time']);
    const second = await client.messages.create({
      model: 'c',
      max_tokens: 256,
      tools: [weather],
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny, 21C' }] }] },
      ],
    });
    assert.deepEqual(second.content, [{ type: 'text', text: 'tool result: sunny, 21C' }]);
  });

  await t.test('json mode via output_config.format, stop_sequences, max_tokens', { timeout: 10_000 }, async () => {
    const json = await client.messages.create({ model: 'c', max_tokens: 256, output_config: { format: { type: 'json_schema', schema: { type: 'object' } } }, messages: [{ role: 'user', content: PROMPT }] });
    assert.deepEqual(JSON.parse(json.content[0]?.type === 'text' ? json.content[0].text : ''), { echo: PROMPT });
    const stopped = await client.messages.create({ model: 'c', max_tokens: 256, stop_sequences: ['there'], messages: [{ role: 'user', content: PROMPT }] });
    assert.deepEqual([stopped.stop_reason, stopped.stop_sequence, stopped.content[0]?.type === 'text' ? stopped.content[0].text : ''], ['stop_sequence', 'there', 'echo: hello ']);
    const cut = await client.messages.create({ model: 'c', max_tokens: 1, messages: [{ role: 'user', content: PROMPT }] });
    assert.deepEqual([cut.stop_reason, cut.content[0]?.type === 'text' ? cut.content[0].text : ''], ['max_tokens', 'echo']);
  });

  await t.test('errors in the Anthropic shape: 401, missing version, missing max_tokens, 404', { timeout: 10_000 }, async () => {
    const noKey = await post({ model: 'c', max_tokens: 5, messages: [] }, { 'anthropic-version': '2023-06-01' });
    assert.equal(noKey.status, 401);
    const body = (await noKey.json()) as { type: string; error: { type: string; message: string }; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'authentication_error');
    assert.equal(body.request_id, noKey.headers.get('request-id'));
    const noVersion = await post({ model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, { 'x-api-key': 'k' });
    assert.equal(noVersion.status, 400);
    assert.equal(((await noVersion.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    const err = await client.messages.create({ model: 'c', messages: [{ role: 'user', content: 'x' }] } as never).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError);
    assert.match(err.message, /max_tokens: Field required/);
    const missing = await fetch(`${sim.url}/v1/complete`, { method: 'POST', headers: good });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { type: string } }).error.type, 'not_found_error');
  });

  await t.test('enqueued 529 overloaded: the SDK retries; fail-429 maps to rate_limit_error', { timeout: 10_000 }, async () => {
    const retrying = new Anthropic({ baseURL: sim.url, apiKey: 'k', maxRetries: 2 });
    sim.enqueue({ status: 529, retryAfterS: 0.05 });
    const before = sim.received.length;
    const res = await retrying.messages.create({ model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
    assert.deepEqual(res.content, [{ type: 'text', text: 'echo: x' }]);
    assert.equal(sim.received.length - before, 2);
    const err = await client.messages.create({ model: 'claude-fail-429-retry-after-30', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.RateLimitError);
    assert.equal(err.headers.get('retry-after'), '30');
    assert.equal((err.error as { error: { type: string } }).error.type, 'rate_limit_error');
  });

  await t.test('truncate-2: the SDK stream fails instead of finishing', { timeout: 10_000 }, async () => {
    const stream = client.messages.stream({ model: 'claude-truncate-2', max_tokens: 100, messages: [{ role: 'user', content: PROMPT }] });
    let text = '';
    stream.on('text', (d) => (text += d));
    const err = await stream.finalMessage().catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(text, ECHO.slice(0, Math.floor((2 * ECHO.length) / 8)));
  });

  await t.test('count_tokens: the input tokens a call reports; answer settings refused as extra inputs', { timeout: 10_000 }, async () => {
    const params = { model: 'claude-3-5-haiku-20241022', system: 'be brief', messages: [{ role: 'user' as const, content: PROMPT }], tools: [weather] };
    const { data, response } = await client.messages.countTokens(params).withResponse();
    const billed = await client.messages.create({ ...params, max_tokens: 64 });
    assert.deepEqual(data, { input_tokens: billed.usage.input_tokens });
    assert.equal(data.input_tokens, Math.ceil(('be brief'.length + PROMPT.length) / 4));
    assert.match(response.headers.get('request-id') ?? '', /^req_011C/);
    const extra = await fetch(`${sim.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...good },
      body: JSON.stringify({ ...params, max_tokens: 10 }),
    });
    assert.equal(extra.status, 400);
    assert.equal(((await extra.json()) as { error: { message: string } }).error.message, 'max_tokens: Extra inputs are not permitted');
    const none = await fetch(`${sim.url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json', ...good }, body: JSON.stringify({ model: 'c' }) });
    assert.equal(none.status, 400);
    assert.equal(((await none.json()) as { error: { message: string } }).error.message, 'messages: Field required');
  });

  await t.test('prompt caching: a marked prefix of 1,024+ tokens is written, then read; a shorter one is not cached', { timeout: 10_000 }, async () => {
    const long = 'x'.repeat(4200); // 1,050 tokens at 4 characters each
    const params = (system: string, q: string): Anthropic.MessageCreateParamsNonStreaming => ({
      model: 'claude-sim',
      max_tokens: 64,
      system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: q }],
    });
    const first = await client.messages.create(params(long, 'one'));
    assert.equal(first.usage.cache_creation_input_tokens, 1050);
    assert.equal(first.usage.cache_creation?.ephemeral_1h_input_tokens, 1050);
    assert.equal(first.usage.cache_read_input_tokens, 0);
    assert.equal(first.usage.input_tokens, Math.ceil((4200 + 3) / 4) - 1050);
    const second = await client.messages.create(params(long, 'two'));
    assert.deepEqual([second.usage.cache_read_input_tokens, second.usage.cache_creation_input_tokens], [1050, 0]);
    const short = await client.messages.create(params('y'.repeat(400), 'one'));
    assert.deepEqual([short.usage.cache_read_input_tokens, short.usage.cache_creation_input_tokens, short.usage.input_tokens], [0, 0, Math.ceil(403 / 4)]);
  });
});
