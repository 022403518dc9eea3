// The official openai SDK against the gateway, for every out-protocol, in both release lines: 6.x, the last for
// Node 20, and 7.x, the latest, which declares Node >= 22 (its only breaking change) and is what applications on
// Node 22 install. Both run here on Node 20.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';
import { OPENAI_LINES } from './lines.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'weather', parameters: WEATHER_SCHEMA } }];

for (const { line, client: makeClient } of OPENAI_LINES) test(`${line} SDK × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const client = makeClient({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });

  for (const out of OUT) {
    const model = `via-${out}`;
    await t.test(`${out}: text, not streamed`, async () => {
      const { data, response } = await client.chat.completions
        .create({ model, messages: [{ role: 'user', content: PROMPT }] })
        .withResponse();
      assert.equal(data.choices[0]?.message.content, ECHO);
      assert.equal(data.choices[0]?.finish_reason, 'stop');
      assert.equal(data.model, model);
      assert.equal(data.usage?.prompt_tokens, inputTokens(PROMPT.length));
      assert.equal(data.usage?.completion_tokens, inputTokens(ECHO.length));
      assert.equal(response.headers.get('x-airlock-vendor'), `sim-${out}`);
      assert.equal(response.headers.get('x-airlock-attempts'), '1');
      assert.equal(response.headers.get('x-airlock-redactions'), '0');
      assert.ok(response.headers.get('x-airlock-model'));
      assert.equal(response.headers.get('x-request-id'), response.headers.get('x-airlock-request-id'));
      assert.equal(response.headers.get('request-id'), response.headers.get('x-airlock-request-id'));
    });

    await t.test(`${out}: text, streamed with usage`, async () => {
      const stream = await client.chat.completions.create({
        model,
        messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: PROMPT }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let chunks = 0;
      let usage: OpenAI.CompletionUsage | null | undefined;
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chunk.usage;
      }
      assert.equal(text, ECHO);
      assert.equal(finish, 'stop');
      assert.ok(chunks >= 4, `streamed in ${chunks} chunks`);
      assert.equal(usage?.prompt_tokens, inputTokens('be brief'.length + PROMPT.length));
      assert.equal(usage?.completion_tokens, inputTokens(ECHO.length));
    });

    await t.test(`${out}: streamed without include_usage sends no usage chunk`, async () => {
      const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: PROMPT }], stream: true });
      let sawUsage = false;
      let text = '';
      for await (const chunk of stream) {
        if (chunk.usage) sawUsage = true;
        text += chunk.choices[0]?.delta.content ?? '';
      }
      assert.equal(text, ECHO);
      assert.equal(sawUsage, false);
    });

    await t.test(`${out}: tool call and tool result round trip`, async () => {
      const first = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'weather in Oslo?' }], tools });
      const call = first.choices[0]?.message.tool_calls?.[0];
      assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
      assert.ok(call && call.type === 'function');
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), WEATHER_ARGS);
      const second = await client.chat.completions.create({
        model,
        tools,
        messages: [
          { role: 'user', content: 'weather in Oslo?' },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: 'sunny, 21C' },
        ],
      });
      assert.equal(second.choices[0]?.message.content, 'tool result: sunny, 21C');
    });

    await t.test(`${out}: parallel tool calls, streamed`, async () => {
      const twoTools = [...tools, { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } }];
      const stream = await client.chat.completions.create({ model: `parallel-via-${out}`, messages: [{ role: 'user', content: 'both' }], tools: twoTools, stream: true });
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
      assert.deepEqual([...calls.values()].map((c) => c.name), ['get_weather', 'get_time']);
      assert.deepEqual(JSON.parse(calls.get(0)?.args ?? ''), WEATHER_ARGS);
      assert.deepEqual(JSON.parse(calls.get(1)?.args ?? ''), { zone: 'sim' });
      assert.ok([...calls.values()].every((c) => typeof c.id === 'string' && c.id.length > 0));
    });

    await t.test(`${out}: json_schema response format`, async () => {
      const res = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: PROMPT }],
        response_format: { type: 'json_schema', json_schema: { name: 'echo', schema: { type: 'object', properties: { echo: { type: 'string' } } }, strict: true } },
      });
      assert.deepEqual(JSON.parse(res.choices[0]?.message.content ?? ''), { echo: PROMPT });
    });
  }

  await t.test('embeddings (the SDK asks for base64 and decodes it)', async () => {
    const stack2 = await startStack(t);
    const c2 = makeClient({ baseURL: `${stack2.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const res = await c2.embeddings.create({ model: 'embed', input: ['one', 'two'] });
    assert.equal(res.data.length, 2);
    assert.equal(res.data[0]?.embedding.length, 8);
    assert.ok(res.data[0]?.embedding.every((x) => Number.isFinite(x)));
    assert.notDeepEqual(res.data[0]?.embedding, res.data[1]?.embedding);
    const floats = await c2.embeddings.create({ model: 'embed', input: 'one', encoding_format: 'float' });
    assert.deepEqual(floats.data[0]?.embedding.map((x) => Math.fround(x)), res.data[0]?.embedding.map((x) => Math.fround(x)));
  });

  await t.test('GET /v1/models lists the logical models', async () => {
    const list = await client.models.list();
    const ids = list.data.map((m) => m.id).sort();
    assert.deepEqual(ids, Object.keys(MATRIX_MODELS).sort());
  });
});
