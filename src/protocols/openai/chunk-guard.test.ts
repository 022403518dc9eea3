import assert from 'node:assert/strict';
import test from 'node:test';
import { seeded } from '../../../test/helpers/seeded.ts';
import { plainCompletion } from './chunk-guard.ts';
import { vendorCompletion } from './vendor-schema.ts';

type Body = Record<string, unknown>;

const answer = (message: Body, extra: Body = {}): Body => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12, prompt_tokens_details: { cached_tokens: 0 } },
  ...extra,
});

// Answers the guard vouches for: zod must accept each and read it the same.
const PLAIN: Array<[string, Body]> = [
  ['a text answer (OpenAI)', answer({ content: 'Hello', refusal: null, annotations: [] }, { service_tier: 'default', system_fingerprint: 'fp' })],
  ['parallel tool calls', answer({ content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }, { id: 'c2', type: 'function', function: { name: 'g', arguments: null } }] })],
  ['a refusal', answer({ content: null, refusal: 'I cannot help with that.' })],
  ['a compatible server: no id, no usage, no index, no finish reason', { choices: [{ message: { content: 'hi' } }] }],
  ['two choices (n = 2)', { ...answer({ content: 'a' }), choices: [{ index: 0, message: { content: 'a' }, finish_reason: 'stop' }, { index: 1, message: { content: 'b' }, finish_reason: 'length' }] }],
  ['nulls where fields are optional', { id: null, model: null, usage: null, choices: [{ index: null, message: { content: null, refusal: null, tool_calls: null }, finish_reason: null }] }],
  ['usage without details', answer({ content: 'x' }, { usage: { prompt_tokens: 1, completion_tokens: 2 } })],
];

// Answers left to zod: zod refuses each.
const ASK_ZOD: Array<[string, unknown]> = [
  ['no choices', { id: 'x' }],
  ['choices that are not a list', { choices: { message: {} } }],
  ['a choice without a message', { choices: [{ index: 0 }] }],
  ['content that is not a string', answer({ content: 42 })],
  ['a tool call without an id', answer({ tool_calls: [{ function: { name: 'f', arguments: '{}' } }] })],
  ['a tool call without a name', answer({ tool_calls: [{ id: 'c', function: { arguments: '{}' } }] })],
  ['token counts that are not numbers', answer({ content: 'x' }, { usage: { prompt_tokens: '9', completion_tokens: 3 } })],
  ['an infinite token count (1e400)', answer({ content: 'x' }, { usage: { prompt_tokens: JSON.parse('1e400') as number, completion_tokens: 3 } })],
  ['an id that is not a string', answer({ content: 'x' }, { id: 7 })],
  ['not an object', ['x']],
];

test('openai answer guard: what it vouches for, zod accepts and reads the same', { timeout: 10_000 }, () => {
  for (const [name, body] of PLAIN) {
    assert.equal(plainCompletion(body), body, `${name}: vouched for`);
    const parsed = vendorCompletion.safeParse(body);
    assert.ok(parsed.success, `${name}: zod accepts it`);
    assert.deepEqual(parsed.data, body, `${name}: zod's reading is the answer itself`);
  }
});

test('openai answer guard: malformed answers go to zod, which refuses them', { timeout: 10_000 }, () => {
  for (const [name, body] of ASK_ZOD) {
    assert.equal(plainCompletion(body), null, name);
    assert.equal(vendorCompletion.safeParse(body).success, false, `${name}: zod refuses it`);
  }
});

const ODD: unknown[] = [null, undefined, '', 'x', 0, 1, -1, 1.5, Infinity, NaN, true, [], [1], {}, { content: 'y' }, { id: 'c', function: { name: 'f' } }];

test('openai answer guard: on 10,000 mutated answers, whatever it vouches for zod accepts as it is', { timeout: 60_000 }, () => {
  const next = seeded(0xa115);
  let vouched = 0;
  for (let i = 0; i < 10_000; i++) {
    const body = structuredClone((PLAIN[Math.floor(next() * PLAIN.length)] as [string, Body])[1]);
    const all: Array<[Record<string, unknown>, string]> = [];
    const walk = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      for (const [k, x] of Object.entries(v)) {
        all.push([v as Record<string, unknown>, k]);
        walk(x);
      }
    };
    walk(body);
    const [where, key] = all[Math.floor(next() * all.length)] as [Record<string, unknown>, string];
    if (next() < 0.2 && !Array.isArray(where)) delete where[key];
    else where[key] = ODD[Math.floor(next() * ODD.length)];
    if (plainCompletion(body) === null) continue;
    vouched++;
    const parsed = vendorCompletion.safeParse(body);
    assert.ok(parsed.success, `vouched for an answer zod refuses: ${JSON.stringify(body)}`);
    assert.deepEqual(parsed.data, body, `read differently: ${JSON.stringify(body)}`);
  }
  assert.ok(vouched > 3000, `vouched for ${vouched}`);
});
