// The Vercel AI SDK's Google provider (@ai-sdk/google: x-goog-api-key, baseURL with /v1beta) against every
// out-protocol, through Airlock's Gemini front door, in both release lines (lines.ts: ai 6 + @ai-sdk/google 3, the
// Node 20 line; ai 7 + @ai-sdk/google 4, the latest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, startStack } from '../helpers/stack.ts';
import { AI_SDK_LINES } from './lines.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

for (const { line, ai, createGoogleGenerativeAI } of AI_SDK_LINES) test(`AI SDK (${line}, @ai-sdk/google) × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const { generateText, jsonSchema, stepCountIs, streamText, tool } = ai;
  const weather = tool({
    description: 'weather',
    inputSchema: jsonSchema<{ city: string; days?: number }>(WEATHER_SCHEMA),
    execute: ({ city }) => Promise.resolve(`sunny in ${city}`),
  });
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const airlock = createGoogleGenerativeAI({ baseURL: `${stack.url}/v1beta`, apiKey: KEY });

  for (const out of OUT) {
    const model = airlock(`via-${out}`);
    await t.test(`${out}: generateText and streamText, with usage`, async () => {
      const res = await generateText({ model, system: 'be brief', prompt: PROMPT, maxRetries: 0 });
      assert.equal(res.text, ECHO);
      assert.equal(res.finishReason, 'stop');
      assert.equal(res.usage.inputTokens, inputTokens('be brief'.length + PROMPT.length));
      assert.equal(res.usage.outputTokens, inputTokens(ECHO.length));
      const streamed = streamText({ model, prompt: PROMPT, maxRetries: 0 });
      let text = '';
      for await (const delta of streamed.textStream) text += delta;
      assert.equal(text, ECHO);
      assert.equal((await streamed.usage).outputTokens, inputTokens(ECHO.length));
    });

    await t.test(`${out}: a two-step tool loop, not streamed and streamed`, async () => {
      const res = await generateText({ model, prompt: 'weather in Oslo?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), maxRetries: 0 });
      assert.deepEqual(res.steps[0]?.toolCalls.map((c) => [c.toolName, c.input]), [['get_weather', WEATHER_ARGS]]);
      // @ai-sdk/google sends a tool's result as the object { name, content }; other protocols get it as JSON text, and
      // a Gemini vendor gets it under `output`, the key the API documents (outbound.ts), which the simulator echoes
      const result = JSON.stringify({ name: 'get_weather', content: 'sunny in sim' });
      const expected = `tool result: ${out === 'gemini' ? `{"output":${result}}` : result}`;
      assert.equal(res.text, expected);
      const streamed = streamText({ model, prompt: 'weather in Oslo?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), maxRetries: 0 });
      assert.equal(await streamed.text, expected);
    });
  }
});
