// LangChain's ChatOpenAI against every out-protocol, in both release lines: @langchain/openai 1.5.8 (openai 6), the
// last for Node 20, and 1.6.0 (openai 7), the latest (engines Node >= 22). It reaches Airlock through the openai SDK's
// chat completions, as PRODUCT.md's drop-in promise names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatOpenAI } from '@langchain/openai';
import { ChatOpenAI as ChatOpenAI16 } from 'langchain-openai-1-6';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { KEY, startStack } from '../helpers/stack.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, WEATHER_SCHEMA, inputTokens } from './shared.ts';

const weatherTool = { type: 'function' as const, function: { name: 'get_weather', description: 'weather', parameters: WEATHER_SCHEMA } };

type Fields = ConstructorParameters<typeof ChatOpenAI>[0];
// 1.6's types are 1.5's under another package name: the cast lets one body drive both.
const LINES: [string, (fields: Fields) => ChatOpenAI][] = [
  ['1.5', (fields) => new ChatOpenAI(fields)],
  ['1.6', (fields) => new ChatOpenAI16(fields as ConstructorParameters<typeof ChatOpenAI16>[0]) as unknown as ChatOpenAI],
];

for (const [line, make] of LINES) test(`LangChain ChatOpenAI ${line} × every out-protocol`, { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const chat = (model: string): ChatOpenAI => make({ model, apiKey: KEY, maxRetries: 0, configuration: { baseURL: `${stack.url}/v1` } });

  for (const out of OUT) {
    const model = `via-${out}`;
    await t.test(`${out}: invoke`, async () => {
      const res = await chat(model).invoke([new SystemMessage('be brief'), new HumanMessage(PROMPT)]);
      assert.equal(res.content, ECHO);
      assert.equal(res.usage_metadata?.input_tokens, inputTokens('be brief'.length + PROMPT.length));
      assert.equal(res.usage_metadata?.output_tokens, inputTokens(ECHO.length));
      assert.equal(res.response_metadata.finish_reason, 'stop');
    });

    await t.test(`${out}: stream, with usage at the end`, async () => {
      let text = '';
      let chunks = 0;
      let usage: { input_tokens: number; output_tokens: number } | undefined;
      for await (const chunk of await chat(model).stream(PROMPT)) {
        chunks++;
        text += typeof chunk.content === 'string' ? chunk.content : '';
        if (chunk.usage_metadata) usage = chunk.usage_metadata;
      }
      assert.equal(text, ECHO);
      assert.ok(chunks >= 4, `streamed in ${chunks} chunks`);
      assert.equal(usage?.output_tokens, inputTokens(ECHO.length));
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
        new AIMessage({ content: '', tool_calls: first.tool_calls ?? [] }),
        new ToolMessage({ content: 'sunny, 21C', tool_call_id: call.id }),
      ]);
      assert.equal(second.content, 'tool result: sunny, 21C');
    });
  }
});
