// LangChain's ChatAnthropic (@langchain/anthropic 1.5, which brings its own @anthropic-ai/sdk 0.x: x-api-key and
// anthropic-version 2023-06-01) against every out-protocol: the Anthropic half of PRODUCT.md's LangChain promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatAnthropic } from '@langchain/anthropic';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { KEY, startStack } from '../helpers/stack.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

const weatherTool = { name: 'get_weather', description: 'weather', input_schema: WEATHER_SCHEMA };

test('LangChain ChatAnthropic × every out-protocol', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const chat = (model: string, apiKey = KEY): ChatAnthropic => new ChatAnthropic({ model, apiKey, maxRetries: 0, anthropicApiUrl: stack.url });

  for (const out of OUT) {
    const model = `via-${out}`;
    await t.test(`${out}: invoke`, async () => {
      const res = await chat(model).invoke([new SystemMessage('be brief'), new HumanMessage(PROMPT)]);
      assert.equal(res.content, ECHO);
      assert.equal(res.usage_metadata?.input_tokens, inputTokens('be brief'.length + PROMPT.length));
      assert.equal(res.usage_metadata?.output_tokens, inputTokens(ECHO.length));
      assert.equal(res.response_metadata.stop_reason, 'end_turn');
    });

    await t.test(`${out}: stream, with usage`, async () => {
      let text = '';
      let chunks = 0;
      let output = 0;
      for await (const chunk of await chat(model).stream(PROMPT)) {
        chunks++;
        text += typeof chunk.content === 'string' ? chunk.content : '';
        output += chunk.usage_metadata?.output_tokens ?? 0;
      }
      assert.equal(text, ECHO);
      assert.ok(chunks >= 4, `streamed in ${chunks} chunks`);
      // LangChain adds message_start's output_tokens to message_delta's final count. An Anthropic vendor says 1 there
      // (the simulator does, as Anthropic does) and Airlock forwards its stream as is, so LangChain counts one more than
      // the vendor bills, as it would talking to Anthropic directly; Airlock's own message_start for other vendors says 0.
      assert.equal(output, inputTokens(ECHO.length) + (out === 'anthropic' ? 1 : 0));
    });

    await t.test(`${out}: bound tools, and the tool's answer sent back`, async () => {
      const withTools = chat(model).bindTools([weatherTool]);
      const first = await withTools.invoke('weather in Oslo?');
      const call = first.tool_calls?.[0];
      assert.equal(call?.name, 'get_weather');
      assert.deepEqual(call?.args, WEATHER_ARGS);
      assert.ok(call?.id);
      const second = await withTools.invoke([
        new HumanMessage('weather in Oslo?'),
        new AIMessage({ content: first.content, tool_calls: first.tool_calls ?? [] }),
        new ToolMessage({ content: 'sunny, 21C', tool_call_id: call.id }),
      ]);
      assert.equal(second.content, 'tool result: sunny, 21C');
    });
  }

  await t.test('a wrong key: 401 in the Anthropic shape, raised with its status and type', async () => {
    const err = await chat('via-openai', 'sk-wrong')
      .invoke(PROMPT)
      .then(
        () => assert.fail('a wrong key was answered'),
        (e: unknown) => e as { status?: number; error?: { error?: { type?: string } } },
      );
    assert.equal(err.status, 401);
    assert.equal(err.error?.error?.type, 'authentication_error');
  });
});
