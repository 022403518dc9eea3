// The OpenAI simulator against the official openai SDK and raw HTTP: what the SDK parses, and the exact bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startSimulator } from './server.ts';

const PROMPT = 'hello there, Airlock';
const ECHO = `echo: ${PROMPT}`;
const weather = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } } };
const time = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string', enum: ['UTC', 'CET'] }, exact: { type: 'boolean' }, tags: { type: 'array' } } } } };

test('openai simulator', { timeout: 10_000 }, async (t) => {
  const sim = await startSimulator({ protocol: 'openai', port: 0 });
  t.after(() => sim.close());
  const client = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
  const post = (body: unknown, headers: Record<string, string> = { authorization: 'Bearer sk-test' }): Promise<Response> =>
    fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  await t.test('text: exact content, usage and headers', { timeout: 10_000 }, async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: PROMPT }] })
      .withResponse();
    assert.match(data.id, /^chatcmpl-/);
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.model, 'gpt-4o-mini');
    assert.deepEqual(data.choices[0]?.message, { role: 'assistant', content: ECHO, refusal: null, annotations: [] });
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    assert.equal(data.choices[0]?.logprobs, null);
    assert.equal(data.usage?.prompt_tokens, Math.ceil(('be brief'.length + PROMPT.length) / 4));
    assert.equal(data.usage?.completion_tokens, Math.ceil(ECHO.length / 4));
    assert.equal(data.usage?.prompt_tokens_details?.cached_tokens, 0);
    assert.match(response.headers.get('x-request-id') ?? '', /^req_/);
    assert.ok(response.headers.get('openai-processing-ms'));
    assert.ok(response.headers.get('x-ratelimit-remaining-requests'));
    const last = sim.received.at(-1);
    assert.equal(last?.path, '/v1/chat/completions');
    assert.equal(last?.headers.authorization, 'Bearer sk-test');
    assert.equal((last?.body as { model: string }).model, 'gpt-4o-mini');
  });

  await t.test('stream: role chunk, pieces, finish, usage chunk only when asked, [DONE]', { timeout: 10_000 }, async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '', refusal: null });
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), ECHO);
    assert.equal(chunks.filter((c) => (c.choices[0]?.delta.content ?? '') !== '').length, 8);
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, Math.ceil(ECHO.length / 4));
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));

    const raw = await (await post({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] })).text();
    assert.ok(raw.endsWith('data: [DONE]\n\n'));
    assert.doesNotMatch(raw, /"usage"|^event:/m);
    for (const block of raw.split('\n\n').filter(Boolean)) assert.match(block, /^data: /);
  });

  await t.test('tools: parallel-2 streamed, args from the schema; tool result round trip', { timeout: 10_000 }, async () => {
    const stream = await client.chat.completions.create({ model: 'sim-parallel-2', messages: [{ role: 'user', content: 'both' }], tools: [weather, time], stream: true });
    const calls = new Map<number, { id?: string; name?: string; args: string }>();
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      finish = chunk.choices[0]?.finish_reason ?? finish;
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) {
        const c = calls.get(tc.index) ?? { args: '' };
        if (tc.id) c.id = tc.id;
        if (tc.function?.name) c.name = tc.function.name;
        c.args += tc.function?.arguments ?? '';
        calls.set(tc.index, c);
      }
    }
    assert.equal(finish, 'tool_calls');
    assert.deepEqual(JSON.parse(calls.get(0)?.args ?? ''), { city: 'sim', days: 1 });
    assert.deepEqual(JSON.parse(calls.get(1)?.args ?? ''), { zone: 'UTC', exact: true, tags: [] });
    assert.match(calls.get(1)?.id ?? '', /^call_/);

    const forced = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tools: [weather, time], tool_choice: { type: 'function', function: { name: 'get_time' } } });
    assert.equal(forced.choices[0]?.message.tool_calls?.[0]?.type === 'function' ? forced.choices[0].message.tool_calls[0].function.name : '', 'get_time');
    assert.equal(forced.choices[0]?.message.content, null);
    const none = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: 'none' });
    assert.equal(none.choices[0]?.message.content, 'echo: x');
    const second = await client.chat.completions.create({
      model: 'gpt-4o',
      tools: [weather],
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 21C' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'tool result: sunny, 21C');
  });

  await t.test('json mode, stop, max tokens, n', { timeout: 10_000 }, async () => {
    const json = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }], response_format: { type: 'json_object' } });
    assert.deepEqual(JSON.parse(json.choices[0]?.message.content ?? ''), { echo: PROMPT });
    const stopped = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }], stop: ['there'] });
    assert.equal(stopped.choices[0]?.message.content, 'echo: hello ');
    assert.equal(stopped.choices[0]?.finish_reason, 'stop');
    const cut = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: PROMPT }], max_completion_tokens: 2 });
    assert.equal(cut.choices[0]?.message.content, ECHO.slice(0, 8));
    assert.equal(cut.choices[0]?.finish_reason, 'length');
    const many = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], n: 3 });
    assert.deepEqual(many.choices.map((c) => [c.index, c.message.content]), [[0, 'echo: x'], [1, 'echo: x'], [2, 'echo: x']]);
  });

  await t.test('errors in the OpenAI shape: 401, 400, 404, malformed JSON', { timeout: 10_000 }, async () => {
    const noKey = await post({ model: 'gpt-4o', messages: [] }, {});
    assert.equal(noKey.status, 401);
    const body = (await noKey.json()) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(body.error.type, 'invalid_request_error');
    const empty = (await (await post({ model: 'gpt-4o', messages: [] })).json()) as { error: Record<string, unknown> };
    assert.deepEqual([empty.error.param, empty.error.code], ['messages', 'empty_array']);
    const bad = await client.chat.completions.create({ model: 'gpt-4o', messages: undefined as never }).catch((e: unknown) => e);
    assert.ok(bad instanceof OpenAI.BadRequestError);
    assert.equal(bad.param, 'messages');
    assert.equal((await post('{"model":')).status, 400);
    const missing = await fetch(`${sim.url}/v1/nope`, { method: 'POST', headers: { authorization: 'Bearer k' } });
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: { message: string } }).error.message, /Invalid URL \(POST \/v1\/nope\)/);
  });

  await t.test('enqueued 429 with retry-after: the SDK retries and succeeds', { timeout: 10_000 }, async () => {
    const retrying = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'sk-test', maxRetries: 2 });
    sim.enqueue({ status: 429, retryAfterS: 0.05 });
    const before = sim.received.length;
    const res = await retrying.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(res.choices[0]?.message.content, 'echo: x');
    assert.equal(sim.received.length - before, 2);
    const err = await client.chat.completions.create({ model: 'gpt-fail-429-retry-after-7', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.RateLimitError);
    assert.equal(err.code, 'rate_limit_exceeded');
    assert.equal(err.headers.get('retry-after'), '7');
    assert.equal(err.headers.get('retry-after-ms'), '7000');
    const down = await client.chat.completions.create({ model: 'sim-fail-503', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(down instanceof OpenAI.InternalServerError);
    assert.equal(down.type, 'server_error');
  });

  await t.test('truncate-2: two content chunks, then the connection ends with no finish or [DONE]', { timeout: 10_000 }, async () => {
    const raw = await post({ model: 'gpt-truncate-2', stream: true, messages: [{ role: 'user', content: PROMPT }] })
      .then((r) => r.text())
      .catch((e: unknown) => e);
    // fetch reports the cut as an error ("terminated"), which is the point
    assert.ok(raw instanceof Error, 'the body did not end cleanly');
    const stream = await client.chat.completions.create({ model: 'gpt-truncate-2', messages: [{ role: 'user', content: PROMPT }], stream: true });
    let text = '';
    const err = await (async () => {
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(text, ECHO.slice(0, Math.floor((2 * ECHO.length) / 8)));
  });

  await t.test('embeddings: the SDK decodes base64 to the exact float32 values; GET /v1/models', { timeout: 10_000 }, async () => {
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
    assert.equal((sim.received.at(-1)?.body as { encoding_format?: string }).encoding_format, 'base64');
    assert.equal(res.data.length, 2);
    assert.equal(res.data[0]?.embedding.length, 8);
    assert.notDeepEqual(res.data[0]?.embedding, res.data[1]?.embedding);
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'one', encoding_format: 'float' });
    assert.deepEqual(floats.data[0]?.embedding, res.data[0]?.embedding);
    const wide = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'one', dimensions: 20 });
    assert.equal(wide.data[0]?.embedding.length, 20);
    assert.equal(res.usage.prompt_tokens, 2);
    const models = await client.models.list();
    assert.ok(models.data.some((m) => m.id === 'gpt-4o-mini'));
  });
});
