import assert from 'node:assert/strict';
import test from 'node:test';
import type { z } from 'zod';
import { seeded } from '../../../test/helpers/seeded.ts';
import { plainBody, plainMessage, plainRequest, textOf } from './guard.ts';
import { bodySchema, messageSchema, requestSchema } from './schema.ts';

type Body = Record<string, unknown>;

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

// Requests the guard must vouch for, as the SDKs send them.
const REQUESTS: Array<[string, Body]> = [
  ['a user message', { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] }],
  ['every option', {
    model: 'm', max_tokens: 1, system: 'Be brief.', messages: [{ role: 'user', content: 'x' }], stop_sequences: ['END'], temperature: 1, top_p: 0,
    stream: true, metadata: { user_id: 'u' }, top_k: 5,
  }],
  ['system blocks and content blocks of every kind', {
    model: 'm', max_tokens: 10, system: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'rain' }] },
      { role: 'system', content: 'late system note' },
    ],
  }],
  ['tools, a tool choice and an output format', {
    model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }],
    tools: [{ name: 'weather', description: 'd', input_schema: schema }, { type: 'custom', name: 'now', input_schema: { type: 'object' } }, { type: null, name: 'n', input_schema: {} }],
    tool_choice: { type: 'tool', name: 'weather', disable_parallel_tool_use: true }, output_config: { format: { type: 'json_schema', schema }, effort: 'low' },
  }],
  ['no messages (the API decides), a null format', { model: 'm', max_tokens: 3, messages: [], output_config: { format: null } }],
];

const BAD_REQUESTS: Array<[string, Body]> = [
  ['no max_tokens', { model: 'm', messages: [] }],
  ['max_tokens 0', { model: 'm', max_tokens: 0, messages: [] }],
  ['a temperature above 1', { model: 'm', max_tokens: 1, messages: [], temperature: 1.5 }],
  ['a null temperature (optional is not nullable here)', { model: 'm', max_tokens: 1, messages: [], temperature: null }],
  ['a role of tool', { model: 'm', max_tokens: 1, messages: [{ role: 'tool', content: 'x' }] }],
  ['a block without a type', { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ text: 'x' }] }] }],
  ['a system block that is not text', { model: 'm', max_tokens: 1, messages: [], system: [{ type: 'image' }] }],
  ['a stop sequence that is a number', { model: 'm', max_tokens: 1, messages: [], stop_sequences: [1] }],
];

const MESSAGES: Array<[string, Body]> = [
  ['a text answer', {
    id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Hello' }], stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' },
  }],
  ['a tool call, thinking and no cache fields', {
    id: 'msg_2', model: 'm', content: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'tool_use', id: 'tu', name: 'f', input: {} }], stop_reason: 'tool_use',
    usage: { input_tokens: 1, output_tokens: 2 },
  }],
  ['a stop sequence, null cache fields', {
    id: 'msg_3', model: 'm', content: [], stop_reason: 'stop_sequence', stop_sequence: 'END', usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: null, cache_creation_input_tokens: null },
  }],
];

const BAD_MESSAGES: Array<[string, unknown]> = [
  ['no stop_reason', { id: 'a', model: 'm', content: [], usage: { input_tokens: 1, output_tokens: 1 } }],
  ['no input_tokens', { id: 'a', model: 'm', content: [], stop_reason: null, usage: { output_tokens: 1 } }],
  ['a negative count', { id: 'a', model: 'm', content: [], stop_reason: null, usage: { input_tokens: -1, output_tokens: 1 } }],
  ['a fractional count', { id: 'a', model: 'm', content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 1.5 } }],
  ['content that is not a list', { id: 'a', model: 'm', content: 'x', stop_reason: null, usage: { input_tokens: 1, output_tokens: 1 } }],
  ['no id', { model: 'm', content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 1 } }],
  ['an error body', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
];

function agrees<S extends z.ZodType>(guard: (v: never) => unknown, schema: S, name: string, value: unknown): void {
  assert.equal(guard(value as never), value, `${name}: vouched for`);
  const parsed = schema.safeParse(value);
  assert.ok(parsed.success, `${name}: zod accepts it`);
  assert.deepEqual(parsed.data, value, `${name}: zod reads it as it is`);
}

test('anthropic guards: the common requests and answers are vouched for, and zod reads each the same', { timeout: 10_000 }, () => {
  for (const [name, body] of REQUESTS) {
    agrees(plainBody, bodySchema, name, body);
    agrees(plainRequest, requestSchema, name, body);
  }
  for (const [name, message] of MESSAGES) agrees(plainMessage, messageSchema, name, message);
});

test('anthropic guards: what zod refuses goes to zod', { timeout: 10_000 }, () => {
  for (const [name, body] of BAD_REQUESTS) {
    assert.equal(plainRequest(body), null, name);
    assert.equal(requestSchema.safeParse(body).success, false, `${name}: zod refuses it`);
  }
  for (const [name, message] of BAD_MESSAGES) {
    assert.equal(plainMessage(message), null, name);
    assert.equal(messageSchema.safeParse(message).success, false, `${name}: zod refuses it`);
  }
  for (const v of [{ a: undefined }, { a: JSON.parse('1e400') as number }, new Map(), ['x']]) assert.equal(plainBody(v), null);
});

test('anthropic guards: a text block gives its text; anything else goes through zod, which names its path', { timeout: 10_000 }, () => {
  assert.equal(textOf({ type: 'text', text: 'hi', citations: [] }, ['system', 0]), 'hi');
  assert.throws(() => textOf({ type: 'text', text: 3 }, ['system', 0]), /system\.0\.text/);
  assert.throws(() => textOf({ type: 'text' }, ['content', 1], 'upstream_malformed'), (err: Error & { code?: string }) => err.code === 'upstream_malformed');
});

const ODD: unknown[] = [null, undefined, '', 'x', 'text', 'user', 'assistant', 'system', 0, 1, -1, 0.5, 1.5, 2 ** 60, Infinity, NaN, true, [], ['a'], [1], {}, { type: 'text' }, { type: 'text', text: 'y' }];

/** every (container, key) in a value */
function slots(v: unknown, out: Array<[Record<string, unknown>, string]> = []): Array<[Record<string, unknown>, string]> {
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, x] of Object.entries(v)) {
    out.push([v as Record<string, unknown>, k]);
    slots(x, out);
  }
  return out;
}

function mutated(next: () => number, base: Body): Body {
  const body = structuredClone(base);
  for (let m = 0, n = 1 + Math.floor(next() * 2); m < n; m++) {
    const all = slots(body);
    if (all.length === 0) break;
    const [where, key] = all[Math.floor(next() * all.length)] as [Record<string, unknown>, string];
    if (next() < 0.15 && !Array.isArray(where)) delete where[key];
    else where[key] = structuredClone(ODD[Math.floor(next() * ODD.length)]);
  }
  return body;
}

test('anthropic guards: on 20,000 mutated requests and answers, whatever they vouch for zod accepts as it is', { timeout: 60_000 }, () => {
  const next = seeded(0xc1a0de);
  const cases: Array<[(v: never) => unknown, z.ZodType, Array<[string, Body]>]> = [
    [plainRequest, requestSchema, REQUESTS],
    [plainMessage, messageSchema, MESSAGES],
  ];
  for (const [guard, schema, bases] of cases) {
    let vouched = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = mutated(next, (bases[Math.floor(next() * bases.length)] as [string, Body])[1]);
      if (guard(value as never) === null) continue;
      vouched++;
      const parsed = schema.safeParse(value);
      assert.ok(parsed.success, `vouched for a value zod refuses: ${JSON.stringify(value)}`);
      assert.deepEqual(parsed.data, value, `read differently: ${JSON.stringify(value)}`);
    }
    assert.ok(vouched > 2000, `vouched for ${vouched}`);
  }
});
