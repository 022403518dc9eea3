// The Vercel AI SDK with @ai-sdk/openai-compatible against every out-protocol, in both release lines: ai 6 +
// openai-compatible 2, the last for Node 20, and ai 7 + openai-compatible 3, the latest (engines Node >= 22).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, startStack } from '../helpers/stack.ts';
import { AI_SDK_LINES } from './lines.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

for (const { line, ai, createOpenAICompatible } of AI_SDK_LINES) test(`AI SDK (${line}, openai-compatible) × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const { generateText, jsonSchema, streamText, tool } = ai;
  const tools = {
    get_weather: tool({ description: 'weather', inputSchema: jsonSchema<{ city: string; days?: number }>(WEATHER_SCHEMA) }),
  };
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
