// The Vercel AI SDK (ai 6 + @ai-sdk/openai-compatible 2, the Node 20 lines) against every out-protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { KEY, startStack } from '../helpers/stack.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

const tools = {
  get_weather: tool({ description: 'weather', inputSchema: jsonSchema<{ city: string; days?: number }>(WEATHER_SCHEMA) }),
};

test('AI SDK (openai-compatible) × every out-protocol', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const airlock = createOpenAICompatible({ name: 'airlock', baseURL: `${stack.url}/v1`, apiKey: KEY, includeUsage: true });

  for (const out of OUT) {
    const model = airlock(`via-${out}`);
    await t.test(`${out}: generateText`, async () => {
      const res = await generateText({ model, prompt: PROMPT, maxRetries: 0 });
      assert.equal(res.text, ECHO);
      assert.equal(res.finishReason, 'stop');
      assert.equal(res.usage.inputTokens, inputTokens(PROMPT.length));
      assert.equal(res.usage.outputTokens, inputTokens(ECHO.length));
    });

    await t.test(`${out}: streamText`, async () => {
      const res = streamText({ model, prompt: PROMPT, maxRetries: 0 });
      let text = '';
      for await (const delta of res.textStream) text += delta;
      assert.equal(text, ECHO);
      assert.equal((await res.usage).outputTokens, inputTokens(ECHO.length));
    });

    await t.test(`${out}: tool call, not streamed and streamed`, async () => {
      const res = await generateText({ model, prompt: 'weather in Oslo?', tools, maxRetries: 0 });
      assert.equal(res.finishReason, 'tool-calls');
      assert.equal(res.toolCalls[0]?.toolName, 'get_weather');
      assert.deepEqual(res.toolCalls[0]?.input, WEATHER_ARGS);
      const streamed = streamText({ model, prompt: 'weather in Oslo?', tools, maxRetries: 0 });
      const calls = await streamed.toolCalls;
      assert.deepEqual(calls.map((c) => [c.toolName, c.input]), [['get_weather', WEATHER_ARGS]]);
    });
  }
});
