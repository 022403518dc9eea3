// The official @anthropic-ai/sdk (1.x: Bearer auth, anthropic-version 2026-10-21) against every out-protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

const tools = [{ name: 'get_weather', description: 'weather', input_schema: WEATHER_SCHEMA }];

test('@anthropic-ai/sdk × every out-protocol', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });

  for (const out of OUT) {
    const model = `via-${out}`;
    await t.test(`${out}: text, not streamed`, async () => {
      const { data, response } = await client.messages
        .create({ model, max_tokens: 256, system: 'be brief', messages: [{ role: 'user', content: PROMPT }] })
        .withResponse();
      assert.equal(data.type, 'message');
      assert.equal(data.content[0]?.type, 'text');
      assert.equal(data.content[0]?.type === 'text' ? data.content[0].text : '', ECHO);
      assert.equal(data.stop_reason, 'end_turn');
      assert.equal(data.model, model);
      assert.equal(data.usage.input_tokens, inputTokens('be brief'.length + PROMPT.length));
      assert.equal(data.usage.output_tokens, inputTokens(ECHO.length));
      assert.equal(response.headers.get('x-airlock-vendor'), `sim-${out}`);
      assert.equal(response.headers.get('request-id'), response.headers.get('x-airlock-request-id'));
    });

    await t.test(`${out}: text, streamed (every event named)`, async () => {
      const stream = client.messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }] });
      let text = '';
      const types: string[] = [];
      stream.on('text', (delta) => (text += delta));
      stream.on('streamEvent', (ev) => types.push(ev.type));
      const final = await stream.finalMessage();
      assert.equal(text, ECHO);
      assert.equal(types[0], 'message_start');
      assert.equal(types.at(-1), 'message_stop');
      assert.ok(types.includes('content_block_delta') && types.includes('message_delta'));
      assert.equal(final.stop_reason, 'end_turn');
      assert.equal(final.usage.output_tokens, inputTokens(ECHO.length));
      assert.equal(final.usage.input_tokens, inputTokens(PROMPT.length));
    });

    await t.test(`${out}: tool_use and tool_result round trip, not streamed`, async () => {
      const first = await client.messages.create({ model, max_tokens: 256, tools, messages: [{ role: 'user', content: 'weather in Oslo?' }] });
      assert.equal(first.stop_reason, 'tool_use');
      const use = first.content.find((b) => b.type === 'tool_use');
      assert.ok(use && use.type === 'tool_use');
      assert.equal(use.name, 'get_weather');
      assert.deepEqual(use.input, WEATHER_ARGS);
      const second = await client.messages.create({
        model,
        max_tokens: 256,
        tools,
        messages: [
          { role: 'user', content: 'weather in Oslo?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'sunny, 21C' }] },
        ],
      });
      assert.equal(second.content[0]?.type === 'text' ? second.content[0].text : '', 'tool result: sunny, 21C');
    });

    await t.test(`${out}: parallel tool_use, streamed`, async () => {
      const twoTools = [...tools, { name: 'get_time', input_schema: { type: 'object' as const, properties: { zone: { type: 'string' } } } }];
      const final = await client.messages
        .stream({ model: `parallel-via-${out}`, max_tokens: 256, tools: twoTools, messages: [{ role: 'user', content: 'both' }] })
        .finalMessage();
      const uses = final.content.filter((b) => b.type === 'tool_use');
      assert.equal(final.stop_reason, 'tool_use');
      assert.deepEqual(uses.map((u) => (u.type === 'tool_use' ? u.name : '')), ['get_weather', 'get_time']);
      assert.deepEqual(uses[0]?.type === 'tool_use' ? uses[0].input : null, WEATHER_ARGS);
      assert.deepEqual(uses[1]?.type === 'tool_use' ? uses[1].input : null, { zone: 'sim' });
    });

    await t.test(`${out}: stop_sequences`, async () => {
      const res = await client.messages.create({ model, max_tokens: 256, stop_sequences: ['there'], messages: [{ role: 'user', content: PROMPT }] });
      assert.equal(res.content[0]?.type === 'text' ? res.content[0].text : '', 'echo: hello ');
      // only Anthropic says which stop sequence fired; OpenAI and Gemini report a plain stop
      assert.equal(res.stop_reason, out === 'anthropic' ? 'stop_sequence' : 'end_turn');
    });
  }

  await t.test('x-api-key with anthropic-version 2023-06-01 (older clients, @ai-sdk/anthropic)', async () => {
    const res = await fetch(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'via-anthropic', max_tokens: 64, messages: [{ role: 'user', content: PROMPT }] }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { content: { text: string }[] };
    assert.equal(body.content[0]?.text, ECHO);
  });
});
