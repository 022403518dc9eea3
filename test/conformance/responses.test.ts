// POST /v1/responses: the openai SDK's responses API and @ai-sdk/openai's default model (both in both release lines,
// see lines.ts) against every out-protocol, plus what Airlock refuses because it keeps no state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { APICallError } from 'ai';
import { KEY, PROTOCOLS, startStack, type Stack } from '../helpers/stack.ts';
import { AI_SDK_LINES, OPENAI_LINES } from './lines.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

const tools = [{ type: 'function' as const, name: 'get_weather', description: 'weather', parameters: WEATHER_SCHEMA, strict: false }];

for (const { line, client: makeClient } of OPENAI_LINES) test(`${line} SDK responses API × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const client = makeClient({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });

  for (const out of OUT) {
    const model = `via-${out}`;
    await t.test(`${out}: text, not streamed`, async () => {
      const { data, response } = await client.responses.create({ model, input: PROMPT }).withResponse();
      assert.equal(data.object, 'response');
      assert.match(data.id, /^resp_/);
      assert.equal(data.status, 'completed');
      assert.equal(data.model, model);
      assert.equal(data.output_text, ECHO);
      assert.equal(data.output.length, 1);
      assert.equal(data.output[0]?.type, 'message');
      assert.equal(data.usage?.input_tokens, inputTokens(PROMPT.length));
      assert.equal(data.usage?.output_tokens, inputTokens(ECHO.length));
      assert.equal(data.usage?.total_tokens, inputTokens(PROMPT.length) + inputTokens(ECHO.length));
      assert.equal(response.headers.get('x-airlock-vendor'), `sim-${out}`);
      assert.equal(response.headers.get('x-request-id'), response.headers.get('x-airlock-request-id'));
      assert.match(response.headers.get('x-airlock-cost-usd') ?? '', /^\d+\.\d{8}$/);
      // instructions are the system prompt: the vendor counts them as input
      const briefed = await client.responses.create({ model, instructions: 'be brief', input: [{ role: 'user', content: PROMPT }] });
      assert.equal(briefed.usage?.input_tokens, inputTokens('be brief'.length + PROMPT.length));
    });

    await t.test(`${out}: text, streamed: the event sequence, numbered, with usage at the end`, async () => {
      const stream = await client.responses.create({ model, input: PROMPT, stream: true });
      const types: string[] = [];
      const seqs: number[] = [];
      let text = '';
      let completed: OpenAI.Responses.Response | null = null;
      for await (const ev of stream) {
        types.push(ev.type);
        seqs.push(ev.sequence_number);
        if (ev.type === 'response.output_text.delta') text += ev.delta;
        if (ev.type === 'response.completed') completed = ev.response;
      }
      assert.equal(text, ECHO);
      assert.deepEqual(seqs, seqs.map((_, i) => i));
      const shape = types.filter((ty, i) => ty !== 'response.output_text.delta' || types[i - 1] !== ty);
      assert.deepEqual(shape, [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      assert.ok(types.filter((ty) => ty === 'response.output_text.delta').length >= 3);
      const item = completed?.output[0];
      assert.equal(item?.type === 'message' && item.content[0]?.type === 'output_text' ? item.content[0].text : null, ECHO);
      assert.equal(completed?.usage?.output_tokens, inputTokens(ECHO.length));
    });

    await t.test(`${out}: the SDK's stream helper ends in the same response`, async () => {
      const final = await client.responses.stream({ model, input: PROMPT }).finalResponse();
      assert.equal(final.output_text, ECHO);
      assert.equal(final.status, 'completed');
    });

    await t.test(`${out}: function call, then its output sent back`, async () => {
      const first = await client.responses.create({ model, input: 'weather in Oslo?', tools });
      const call = first.output.find((o) => o.type === 'function_call');
      assert.ok(call && call.type === 'function_call');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), WEATHER_ARGS);
      assert.ok(call.call_id.length > 0);
      const second = await client.responses.create({
        model,
        tools,
        input: [
          { role: 'user', content: 'weather in Oslo?' },
          { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
          { type: 'function_call_output', call_id: call.call_id, output: 'sunny, 21C' },
        ],
      });
      assert.equal(second.output_text, 'tool result: sunny, 21C');
    });

    await t.test(`${out}: parallel function calls, streamed`, async () => {
      const twoTools = [...tools, { type: 'function' as const, name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } }, strict: false }];
      const stream = await client.responses.create({ model: `parallel-via-${out}`, input: 'both', tools: twoTools, stream: true });
      const args = new Map<string, string>();
      const done: OpenAI.Responses.ResponseFunctionToolCall[] = [];
      let completed: OpenAI.Responses.Response | null = null;
      for await (const ev of stream) {
        if (ev.type === 'response.function_call_arguments.delta') args.set(ev.item_id, (args.get(ev.item_id) ?? '') + ev.delta);
        if (ev.type === 'response.output_item.done' && ev.item.type === 'function_call') done.push(ev.item);
        if (ev.type === 'response.completed') completed = ev.response;
      }
      assert.deepEqual(done.map((c) => c.name), ['get_weather', 'get_time']);
      assert.deepEqual(JSON.parse(done[0]?.arguments ?? ''), WEATHER_ARGS);
      assert.deepEqual(JSON.parse(done[1]?.arguments ?? ''), { zone: 'sim' });
      // the deltas add up to the arguments each item ends with
      for (const c of done) assert.equal(args.get(c.id ?? ''), c.arguments);
      assert.deepEqual(completed?.output.map((o) => o.type), ['function_call', 'function_call']);
    });

    await t.test(`${out}: json_schema text format`, async () => {
      const res = await client.responses.create({
        model,
        input: PROMPT,
        text: { format: { type: 'json_schema', name: 'echo', schema: { type: 'object', properties: { echo: { type: 'string' } } }, strict: true } },
      });
      assert.deepEqual(JSON.parse(res.output_text), { echo: PROMPT });
    });
  }
});

for (const { line, ai, createOpenAI } of AI_SDK_LINES) test(`@ai-sdk/openai default model (${line}, responses) × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const { generateText, jsonSchema, stepCountIs, streamText, tool } = ai;
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const airlock = createOpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY });
  const weather = tool({
    description: 'weather',
    inputSchema: jsonSchema<{ city: string; days?: number }>(WEATHER_SCHEMA),
    execute: ({ city }) => Promise.resolve(`sunny in ${city}`),
  });

  for (const out of OUT) {
    const model = airlock(`via-${out}`);
    await t.test(`${out}: generateText and streamText`, async () => {
      const res = await generateText({ model, prompt: PROMPT, maxRetries: 0 });
      assert.equal(res.text, ECHO);
      assert.equal(res.finishReason, 'stop');
      assert.equal(res.usage.inputTokens, inputTokens(PROMPT.length));
      assert.equal(res.usage.outputTokens, inputTokens(ECHO.length));
      const streamed = streamText({ model, prompt: PROMPT, maxRetries: 0 });
      let text = '';
      for await (const delta of streamed.textStream) text += delta;
      assert.equal(text, ECHO);
      assert.equal((await streamed.usage).outputTokens, inputTokens(ECHO.length));
    });

    await t.test(`${out}: a tool loop of two steps, the second sending the call and its result back`, async () => {
      const res = await generateText({ model, prompt: 'weather in Oslo?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), maxRetries: 0 });
      assert.equal(res.steps.length, 2);
      assert.deepEqual(res.steps[0]?.toolCalls.map((c) => [c.toolName, c.input]), [['get_weather', WEATHER_ARGS]]);
      assert.equal(res.text, 'tool result: sunny in sim');
      const streamed = streamText({ model, prompt: 'weather in Oslo?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), maxRetries: 0 });
      assert.equal(await streamed.text, 'tool result: sunny in sim');
    });
  }

  await t.test('a second turn: item references are refused with the fix named; with store: false it works', async () => {
    const model = airlock('via-anthropic');
    const first = await generateText({ model, prompt: PROMPT, maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: PROMPT }, ...first.response.messages, { role: 'user' as const, content: 'and again' }];
    const err = await generateText({ model, messages, maxRetries: 0 }).catch((e: unknown) => e);
    assert.ok(APICallError.isInstance(err), String(err));
    assert.equal(err.statusCode, 400);
    assert.match(err.message, /providerOptions\.openai\.store = false/);
    assert.equal(err.isRetryable, false);
    const second = await generateText({ model, messages, providerOptions: { openai: { store: false } }, maxRetries: 0 });
    assert.equal(second.text, 'echo: and again');
    // the earlier answer went to the vendor as the assistant's turn
    const sent = JSON.stringify(stack.sims.anthropic.received.at(-1)?.body);
    assert.match(sent, new RegExp(`"role":"assistant","content":\\[\\{"type":"text","text":"${ECHO}"`));
  });
});

const lastBody = (stack: Stack, p: (typeof PROTOCOLS)[number]): string => JSON.stringify(stack.sims[p].received.at(-1)?.body ?? null);

test('responses: governance applies, errors come in the OpenAI shape, stored state is refused', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { 'via-openai': ['sim-openai/m'], 'via-anthropic': ['sim-anthropic/m'] },
    // approved for no personal data: an email is pseudonymized on its way to either
    reviews: { 'sim-openai': { status: 'approved', approved_data: ['public', 'internal'] }, 'sim-anthropic': { status: 'approved', approved_data: ['public', 'internal'] } },
    extra: { data_policy: { credentials: 'block', personal: 'pseudonymize' } },
  });
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const email = 'ada.lovelace@analytical.example';

  await t.test('an email is pseudonymized at the vendor and restored in the answer, streamed too', async () => {
    const res = await client.responses.create({ model: 'via-anthropic', input: `write to ${email}` });
    assert.doesNotMatch(lastBody(stack, 'anthropic'), /ada\.lovelace/);
    assert.equal(res.output_text, `echo: write to ${email}`);
    const final = await client.responses.stream({ model: 'via-openai', input: `write to ${email}` }).finalResponse();
    assert.doesNotMatch(lastBody(stack, 'openai'), /ada\.lovelace/);
    assert.equal(final.output_text, `echo: write to ${email}`);
  });

  await t.test('an OpenAI-protocol vendor gets a chat request: reasoning effort as reasoning_effort, nothing stored', async () => {
    await client.responses.create({
      model: 'via-openai',
      input: 'hi',
      reasoning: { effort: 'low' },
      store: true,
      metadata: { a: 'b' },
      max_output_tokens: 50,
      tools: [{ type: 'function', name: 'f', parameters: { type: 'object', properties: {}, additionalProperties: false }, strict: true }],
    });
    const sent = stack.sims.openai.received.at(-1);
    assert.equal(sent?.path, '/v1/chat/completions');
    const body = sent?.body as Record<string, unknown>;
    // strict schema adherence survives the translation to the chat API's function definition
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {}, additionalProperties: false }, strict: true } }]);
    assert.equal(body.reasoning_effort, 'low');
    assert.equal(body.max_completion_tokens ?? body.max_tokens, 50);
    assert.equal(body.store, undefined);
    assert.equal(body.metadata, undefined);
  });

  await t.test('a secret is blocked before any vendor', async () => {
    const before = stack.sims.openai.received.length;
    const err = await client.responses.create({ model: 'via-openai', input: 'key sk-proj-Q7vT2mX9kL4pR8sW1nB6yZ3cF5hJ0dG2aE7uK9iM4oN1qV8xT6rS3wP5lY2bC7' }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError);
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.equal(stack.sims.openai.received.length, before);
  });

  await t.test('no key: 401 in the OpenAI shape', async () => {
    const anon = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    const err = await anon.responses.create({ model: 'via-openai', input: 'hi' }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.AuthenticationError);
  });

  await t.test('previous_response_id, item_reference and hosted tools: 400 naming the field, not retried', async () => {
    const cases: [OpenAI.Responses.ResponseCreateParamsNonStreaming, string, RegExp][] = [
      [{ model: 'via-openai', input: 'hi', previous_response_id: 'resp_123' }, 'previous_response_id', /no Responses state/],
      [{ model: 'via-openai', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type', /store = false/],
      [{ model: 'via-openai', input: 'hi', tools: [{ type: 'web_search' }] }, 'tools[0].type', /hosted 'web_search' tool/],
      [{ model: 'via-openai', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }, 'input[0].content[0].file_id', /a file by id/],
      [{ model: 'via-openai', input: [{ role: 'user', content: [{ type: 'input_file', file_url: 'https://x/a.pdf' }] }] }, 'input[0].content[0].file_url', /a file by URL/],
    ];
    for (const [body, param, message] of cases) {
      const err = await client.responses.create(body).catch((e: unknown) => e);
      assert.ok(err instanceof OpenAI.BadRequestError, param);
      assert.equal((err.error as { param?: string }).param, param);
      assert.match(err.message, message);
      assert.equal(err.headers.get('x-should-retry'), 'false');
    }
    const gone = await client.responses.retrieve('resp_123').catch((e: unknown) => e);
    assert.ok(gone instanceof OpenAI.NotFoundError);
    assert.match(gone.message, /keeps no responses/);
    const unknown = await client.responses.create({ model: 'via-openai', input: 'hi', frobnicate: 1 } as OpenAI.Responses.ResponseCreateParamsNonStreaming).catch((e: unknown) => e);
    assert.ok(unknown instanceof OpenAI.BadRequestError);
    assert.match(unknown.message, /unknown parameter 'frobnicate'/);
  });

  await t.test('a vendor failure after the first byte ends the stream with an error the SDK throws', async () => {
    const failing = await startStack(t, { models: { cut: ['sim-anthropic/claude-truncate-2'] } });
    const c = new OpenAI({ baseURL: `${failing.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const stream = await c.responses.create({ model: 'cut', input: 'a fairly long prompt to split', stream: true });
    let text = '';
    const err = await (async () => {
      for await (const ev of stream) if (ev.type === 'response.output_text.delta') text += ev.delta;
    })().catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.APIError, String(err));
    assert.ok(text.length > 0 && text.length < 'echo: a fairly long prompt to split'.length, text);
    await failing.gateway.store.sink.flush();
    assert.equal((await failing.gateway.store.requestLog.recent(1))[0]?.errorCode, 'stream_interrupted');
  });

  await t.test('the request log records the route', async () => {
    await stack.gateway.store.sink.flush();
    const routes = new Set((await stack.gateway.store.requestLog.recent(100)).map((r) => r.route));
    assert.ok(routes.has('responses'));
  });
});
