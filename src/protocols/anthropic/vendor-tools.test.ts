// Anthropic-defined client tools through the pure layer: kept whole for Anthropic, refused by the other encoders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../../core/errors.ts';
import { encode as encodeGemini } from '../gemini/outbound.ts';
import { encodeChatRequest } from '../openai/encode.ts';
import { parse } from './inbound.ts';
import { encode } from './outbound.ts';

const T = { timeout: 5_000 };
const editor = { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10_000 };
const body = { model: 'm', max_tokens: 10, tools: [editor], messages: [{ role: 'user', content: 'fix it' }] };

test('parsed as a vendor-defined tool and written back to Anthropic exactly', T, () => {
  const req = parse(body);
  assert.deepEqual(req.tools, [{ name: 'str_replace_based_edit_tool', parameters: { type: 'object' }, vendorDefined: { protocol: 'anthropic', definition: editor } }]);
  assert.deepEqual(encode(req, 'claude').body.tools, [editor]);
});

test('the OpenAI and Gemini encoders refuse it, naming the tool, so fallback skips them', T, () => {
  const req = parse(body);
  for (const run of [() => encodeChatRequest(req, 'gpt'), () => encodeGemini(req, 'gemini')]) {
    assert.throws(run, (err: unknown) => err instanceof AirlockError && err.code === 'unsupported_parameter' && err.param === 'tools.0' && /text_editor_20250728/.test(err.message));
  }
});

test('server tools and unknown types stay refused; a client tool needs a name', T, () => {
  for (const type of ['web_search_20250305', 'web_fetch_20250910', 'code_execution_20250522', 'bash', 'mystery_20250101']) {
    assert.throws(() => parse({ ...body, tools: [{ type, name: 'x' }] }), (err: unknown) => err instanceof AirlockError && err.code === 'unsupported_parameter' && err.param === 'tools.0.type', type);
  }
  assert.throws(() => parse({ ...body, tools: [{ type: 'bash_20250124' }] }), (err: unknown) => err instanceof AirlockError && err.param === 'tools.0.name');
});
