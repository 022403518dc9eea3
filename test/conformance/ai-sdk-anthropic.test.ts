// The Vercel AI SDK's Anthropic provider (x-api-key, anthropic-version 2023-06-01, baseURL with /v1) against every
// out-protocol, and, to Anthropic vendors, what it asks through providerOptions: extended thinking carried across a
// tool loop, and prompt-cache breakpoints. Both release lines: ai 6 + @ai-sdk/anthropic 3, the last for Node 20, and
// ai 7 + @ai-sdk/anthropic 4, the latest (engines Node >= 22).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, startStack } from '../helpers/stack.ts';
import { AI_SDK_LINES } from './lines.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

for (const { line, ai, createAnthropic } of AI_SDK_LINES) test(`AI SDK (${line}, @ai-sdk/anthropic) × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const { generateText, jsonSchema, stepCountIs, streamText, tool } = ai;
  const weather = tool({
    description: 'weather',
    inputSchema: jsonSchema<{ city: string; days?: number }>(WEATHER_SCHEMA),
    execute: ({ city }) => Promise.resolve(`sunny in ${city}`),
  });
  const stack = await startStack(t, { models: { ...MATRIX_MODELS, thinker: ['sim-anthropic/claude-sim'] } });
  const airlock = createAnthropic({ baseURL: `${stack.url}/v1`, apiKey: KEY });

  for (const out of OUT) {
    const model = airlock(`via-${out}`);
    await t.test(`${out}: generateText and streamText, with usage`, async () => {
      const res = await generateText({ model, prompt: PROMPT, maxRetries: 0 });
      assert.equal(res.text, ECHO);
      assert.equal(res.finishReason, 'stop');
      assert.equal(res.usage.inputTokens, inputTokens(PROMPT.length));
      assert.equal(res.usage.outputTokens, inputTokens(ECHO.length));
      const streamed = streamText({ model, prompt: PROMPT, maxRetries: 0 });
      let text = '';
      for await (const delta of streamed.textStream) text += delta;
      assert.equal(text, ECHO);
    });

    await t.test(`${out}: a two-step tool loop`, async () => {
      const res = await generateText({ model, prompt: 'weather in Oslo?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), maxRetries: 0 });
      assert.deepEqual(res.steps[0]?.toolCalls.map((c) => [c.toolName, c.input]), [['get_weather', WEATHER_ARGS]]);
      assert.equal(res.text, 'tool result: sunny in sim');
    });
  }

  await t.test('anthropic: thinking through providerOptions, carried back across a streamed tool loop', async () => {
    const res = streamText({
      model: airlock('thinker'),
      prompt: 'weather in Oslo?',
      tools: { get_weather: weather },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
      providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } },
    });
    const steps = await res.steps;
    assert.equal(steps.length, 2);
    assert.equal(steps[0]?.reasoningText, 'The user wrote: weather in Oslo?');
    assert.equal(await res.text, 'tool result: sunny in sim');
    // the second call sent the first step's signed thinking back, and the vendor accepted it
    const second = stack.sims.anthropic.received.at(-1)?.body as { messages: { role: string; content: { type: string }[] }[] };
    assert.deepEqual(second.messages[1]?.content.map((b) => b.type), ['thinking', 'tool_use']);
  });

  await t.test('anthropic: a cache breakpoint set through providerOptions reaches the vendor', async () => {
    await generateText({
      model: airlock('via-anthropic'),
      maxRetries: 0,
      // `system` as a message, not inside `messages`: ai 7 refuses system messages there by default
      system: { role: 'system', content: 'a long, stable system prompt', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
      messages: [{ role: 'user', content: PROMPT }],
    });
    const body = stack.sims.anthropic.received.at(-1)?.body as { system: unknown };
    assert.deepEqual(body.system, [{ type: 'text', text: 'a long, stable system prompt', cache_control: { type: 'ephemeral' } }]);
  });
});
