// The token-count translators: Anthropic's count_tokens in and out, Gemini's countTokens out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../core/errors.ts';
import * as anthropic from './anthropic/count.ts';
import * as gemini from './gemini/count.ts';

const T = { timeout: 5_000 };
const tool = { name: 'get_weather', description: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
const body = {
  model: 'claude',
  system: 'be brief',
  messages: [{ role: 'user', content: 'hi' }],
  tools: [tool],
  tool_choice: { type: 'auto', disable_parallel_tool_use: true },
  thinking: { type: 'enabled', budget_tokens: 2048 },
};

test('anthropic: a count request reads as the Messages request it would be, without max_tokens', T, () => {
  const req = anthropic.parseCount(body);
  assert.equal(req.model, 'claude');
  assert.deepEqual(req.system, ['be brief']);
  assert.deepEqual(req.messages, [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }]);
  assert.equal(req.tools[0]?.name, 'get_weather');
  assert.equal(req.parallelToolCalls, false);
  assert.equal(req.stream, false);
});

test('anthropic: the settings of an answer are refused as the API refuses them, naming the field', T, () => {
  for (const key of ['max_tokens', 'stream', 'temperature', 'stop_sequences', 'top_k', 'metadata']) {
    assert.throws(
      () => anthropic.parseCount({ ...body, [key]: key === 'stop_sequences' ? ['x'] : 1 }),
      (err: unknown) => err instanceof AirlockError && err.code === 'invalid_request' && err.param === key && err.message === `${key}: Extra inputs are not permitted`,
    );
  }
  assert.throws(() => anthropic.parseCount({ model: 'claude' }), (err: unknown) => err instanceof AirlockError && err.param === 'messages');
  assert.throws(() => anthropic.parseCount('text'), (err: unknown) => err instanceof AirlockError && err.code === 'invalid_request');
});

test('anthropic: encoded for the vendor with its model, passthrough kept, no answer settings', T, () => {
  const out = anthropic.encodeCount(anthropic.parseCount(body), 'claude-sonnet-4-5');
  assert.equal(out.path, '/v1/messages/count_tokens');
  assert.equal(out.headers['anthropic-version'], '2023-06-01');
  assert.deepEqual(out.body, {
    model: 'claude-sonnet-4-5',
    system: [{ type: 'text', text: 'be brief' }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    tools: [{ name: 'get_weather', description: 'weather', input_schema: tool.input_schema }],
    tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    thinking: { type: 'enabled', budget_tokens: 2048 },
  });
  assert.deepEqual(anthropic.renderCount(42), { input_tokens: 42 });
});

test('anthropic: the count read back, or upstream_malformed', T, () => {
  assert.equal(anthropic.decodeCount({ input_tokens: 17 }), 17);
  assert.equal(anthropic.decodeCount({ input_tokens: 0 }), 0);
  for (const bad of [{}, { input_tokens: -1 }, { input_tokens: 1.5 }, { input_tokens: '3' }, null, []]) {
    assert.throws(() => anthropic.decodeCount(bad), (err: unknown) => err instanceof AirlockError && err.code === 'upstream_malformed', JSON.stringify(bad));
  }
});

test('gemini: the whole generateContentRequest goes to :countTokens, the model escaped as for a call', T, () => {
  const req = anthropic.parseCount(body);
  const out = gemini.encodeCount(req, 'gemini-2.5-flash');
  assert.equal(out.path, '/v1beta/models/gemini-2.5-flash:countTokens');
  const inner = out.body.generateContentRequest as Record<string, unknown>;
  assert.equal(inner.model, 'models/gemini-2.5-flash');
  assert.deepEqual(inner.systemInstruction, { parts: [{ text: 'be brief' }] });
  assert.deepEqual(inner.contents, [{ role: 'user', parts: [{ text: 'hi' }] }]);
  assert.ok(Array.isArray(inner.tools));
  assert.equal(gemini.encodeCount(req, 'a/b:c').path, '/v1beta/models/a%2Fb%3Ac:countTokens');
  assert.equal(gemini.encodeCount(req, 'tunedModels/mine').path, '/v1beta/tunedModels/mine:countTokens');
});

test('gemini: totalTokens read back (absent is proto3 JSON for 0), or upstream_malformed', T, () => {
  assert.equal(gemini.decodeCount({ totalTokens: 31, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 31 }] }), 31);
  assert.equal(gemini.decodeCount({}), 0);
  for (const bad of [null, 'x', { totalTokens: -2 }, { totalTokens: '31' }]) {
    assert.throws(() => gemini.decodeCount(bad), (err: unknown) => err instanceof AirlockError && err.code === 'upstream_malformed', JSON.stringify(bad));
  }
});
