// Prompt-cache breakpoints through the pure layer: read from every block that can carry one, kept through the
// governance rewrite, written back only by the Anthropic encoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapTexts } from '../../governance/text-slots.ts';
import { encode as encodeGemini } from '../gemini/outbound.ts';
import { encodeChatRequest } from '../openai/encode.ts';
import { parse } from './inbound.ts';
import { encode } from './outbound.ts';

const T = { timeout: 5_000 };
const HOUR = { type: 'ephemeral', ttl: '1h' };
const MARK = { type: 'ephemeral' };

const body = {
  model: 'claude',
  max_tokens: 100,
  system: [{ type: 'text', text: 'a' }, { type: 'text', text: '' }, { type: 'text', text: 'b', cache_control: HOUR }],
  tools: [{ name: 't', input_schema: { type: 'object' }, cache_control: MARK }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'mail ada@example.org', cache_control: MARK }, { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' }, cache_control: MARK }] },
    { role: 'system', content: [{ type: 'text', text: 'late rule', cache_control: MARK }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'u1', name: 't', input: {}, cache_control: MARK }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'u1', content: 'r', cache_control: MARK }, { type: 'text', text: 'plain' }] },
  ],
};

test('parse: every breakpoint lands on its part, tool or system entry; unmarked ones carry none', T, () => {
  const req = parse(body);
  assert.deepEqual(req.system, ['a', '', 'b', 'late rule']);
  assert.deepEqual(req.systemCache, [null, null, HOUR, MARK]);
  assert.deepEqual(req.tools[0]?.cache, MARK);
  const marks = req.messages.map((m) => m.parts.map((p) => [p.type, p.cache ?? null]));
  assert.deepEqual(marks, [
    [['text', MARK], ['text', MARK]],
    [['tool_call', MARK]],
    [['tool_result', MARK]],
    [['text', null]],
  ]);
  assert.equal('cache' in (req.messages[3]?.parts[0] ?? {}), false);
  assert.equal(parse({ ...body, system: 'plain', messages: [{ role: 'user', content: 'hi' }] }).systemCache, undefined);
});

test('encode: breakpoints written back where they were, empty system entries dropped without shifting them', T, () => {
  const out = encode(parse(body), 'claude-x').body;
  assert.deepEqual(out.system, [{ type: 'text', text: 'a' }, { type: 'text', text: 'b', cache_control: HOUR }, { type: 'text', text: 'late rule', cache_control: MARK }]);
  assert.deepEqual((out.tools as { cache_control?: unknown }[])[0]?.cache_control, MARK);
  const messages = out.messages as { content: { type: string; cache_control?: unknown }[] }[];
  assert.deepEqual(messages.map((m) => m.content.map((b) => b.cache_control ?? null)), [[MARK, MARK], [MARK], [MARK, null]]);
});

test('the governance rewrite keeps breakpoints; other protocols never see them', T, () => {
  const req = parse(body);
  const rewritten = mapTexts(req, (text) => text.replace('ada@example.org', '<EMAIL_1>'));
  assert.deepEqual(rewritten.messages[0]?.parts[0], { type: 'text', text: 'mail <EMAIL_1>', cache: MARK });
  assert.deepEqual(rewritten.systemCache, req.systemCache);
  assert.deepEqual(rewritten.tools[0]?.cache, MARK);
  assert.doesNotMatch(JSON.stringify(encodeChatRequest(rewritten, 'gpt').body), /cache_control|ephemeral/);
  assert.doesNotMatch(JSON.stringify(encodeGemini(rewritten, 'gemini').body), /cache_control|ephemeral/);
});
