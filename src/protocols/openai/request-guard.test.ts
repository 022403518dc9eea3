import assert from 'node:assert/strict';
import test from 'node:test';
import { seeded } from '../../../test/helpers/seeded.ts';
import { translateChatRequest, validChatRequest } from './parse.ts';
import { isJsonValue } from '../../core/json.ts';
import { plainChatRequest } from './request-guard.ts';
import { chatRequestSchema } from './schema.ts';

type Body = Record<string, unknown>;

const schema = { type: 'object', properties: { city: { type: 'string', enum: ['Paris', 'Oslo'] }, days: { type: 'integer', minimum: 1 } }, required: ['city'] };

// Requests the guard must vouch for: every field and message shape it knows, as the SDKs send them.
const PLAIN: Array<[string, Body]> = [
  ['a system and a user message', { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }],
  ['every scalar option', {
    model: 'm', messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 10, max_tokens: 5, temperature: 2, top_p: 0, n: 128,
    stop: ['\n', 'END'], parallel_tool_calls: false, stream: true, stream_options: { include_usage: true, include_obfuscation: false }, user: 'u-1', seed: 7,
  }],
  ['nulls for "not set" (LangChain)', {
    model: 'm', messages: [{ role: 'user', content: 'x', name: null }], max_tokens: null, temperature: null, top_p: null, n: null, stop: null,
    response_format: null, tools: null, tool_choice: null, parallel_tool_calls: null, stream: null, stream_options: null,
  }],
  ['content parts, an image and a developer message', {
    model: 'm',
    messages: [
      { role: 'developer', content: [{ type: 'text', text: 'Rules.' }], name: 'ops' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
    ],
  }],
  ['a tool round trip', {
    model: 'm',
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }, { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
      { role: 'tool', content: 'rain', tool_call_id: 'call_1' },
      { role: 'tool', content: [{ type: 'text', text: 'sun' }], tool_call_id: 'call_2' },
      { role: 'assistant', content: [{ type: 'text', text: 'Mixed.' }, { type: 'refusal', refusal: 'no more' }], refusal: null },
    ],
    tools: [{ type: 'function', function: { name: 'weather', description: 'Weather by city', parameters: schema, strict: true } }, { type: 'function', function: { name: 'now' } }],
    tool_choice: { type: 'function', function: { name: 'weather' } },
  }],
  ['tool choice and formats', { model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: 'required', response_format: { type: 'json_object' }, stop: 'STOP' }],
  ['a json schema format', { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'answer', description: 'd', schema, strict: true } } }],
  ['a text format and fields Airlock does not read', { model: 'm', messages: [{ role: 'user', content: 'x', extra: 1 }], response_format: { type: 'text' }, logit_bias: { '50256': -100 }, metadata: { a: 'b' } }],
];

// Requests left to zod: zod refuses them, or they hold something the translation refuses by name.
const ASK_ZOD: Array<[string, Body]> = [
  ['an audio part', { model: 'm', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }] }],
  ['the deprecated function role', { model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }],
  ['no messages', { model: 'm', messages: [] }],
  ['an empty model', { model: '', messages: [{ role: 'user', content: 'x' }] }],
  ['a temperature above 2', { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 2.5 }],
  ['max_tokens 0', { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 0 }],
  ['a fractional n', { model: 'm', messages: [{ role: 'user', content: 'x' }], n: 1.5 }],
  ['a number too large to be exact', { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 2 ** 60 }],
  ['1e400 in a tool schema', { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f', parameters: { maximum: JSON.parse('1e400') as number } } }] }],
  ['a tool name of 65 characters', { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f'.repeat(65) } }] }],
  ['an image with an unknown detail', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'max' } }] }] }],
  ['a tool call without an id', { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: '', type: 'function', function: { name: 'f', arguments: '{}' } }] }] }],
  ['a tool message without its call id', { model: 'm', messages: [{ role: 'tool', content: 'x' }] }],
  ['a stop list holding a number', { model: 'm', messages: [{ role: 'user', content: 'x' }], stop: ['a', 1] }],
];

test('openai request guard: vouches for the common requests, and zod reads each the same way', { timeout: 10_000 }, () => {
  for (const [name, body] of PLAIN) {
    const plain = plainChatRequest(body);
    assert.equal(plain, body, `${name}: vouched for`);
    assert.deepEqual(translateChatRequest(body as never, body), translateChatRequest(validChatRequest(body), body), `${name}: the same canonical request`);
  }
});

test('openai request guard: odd parts, deprecated roles and invalid values go to zod', { timeout: 10_000 }, () => {
  for (const [name, body] of ASK_ZOD) assert.equal(plainChatRequest(body), null, name);
  // the audio part and the function role are valid to zod (the translation refuses them by name); the rest are not
  for (const [name, body] of ASK_ZOD.slice(2)) assert.equal(chatRequestSchema.safeParse(body).success, false, `${name}: zod refuses it`);
});

// Values a mutation puts in place of a field: the wrong type, out of range, empty, or just another valid value.
const ODD: unknown[] = [
  null, undefined, '', 'x', 'auto', 'none', 'text', 'function', 'user', 'image_url', 'json_schema', 0, 1, -1, 1.5, 2, 2.5, 128, 129, 2 ** 60,
  Infinity, NaN, true, false, [], [1], ['a'], {}, { type: 'text' }, { type: 'text', text: 'y' }, { type: 'function' },
  { type: 'refusal', refusal: 'r' }, { type: 'image_url', image_url: { url: 'u' } }, [{ type: 'text', text: 't' }], 'n'.repeat(64), 'n'.repeat(65),
];

const clone = (v: unknown): unknown => (v === undefined ? undefined : structuredClone(v));

/** every (container, key) in a body, the body's own keys included */
function slots(v: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []): Array<[Record<string, unknown> | unknown[], string | number]> {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out);
    }
  }
  return out;
}

test('openai request guard: on 20,000 mutated requests, whatever it vouches for zod accepts and reads the same', { timeout: 60_000 }, () => {
  const next = seeded(0x5eed);
  let vouched = 0;
  let zodOnly = 0;
  for (let i = 0; i < 20_000; i++) {
    const body = clone((PLAIN[Math.floor(next() * PLAIN.length)] as [string, Body])[1]) as Body;
    // one to three mutations: replace a value, delete a key, or add an unknown key
    for (let m = 0, n = 1 + Math.floor(next() * 3); m < n; m++) {
      const all = slots(body);
      if (all.length === 0) break;
      const [where, key] = all[Math.floor(next() * all.length)] as [Record<string, unknown>, string];
      const roll = next();
      if (roll < 0.15 && !Array.isArray(where)) delete where[key];
      else if (roll < 0.2 && !Array.isArray(where)) where[`extra${m}`] = ODD[Math.floor(next() * ODD.length)];
      else where[key] = clone(ODD[Math.floor(next() * ODD.length)]);
    }
    const plain = plainChatRequest(body);
    const zod = chatRequestSchema.safeParse(body);
    if (plain === null) {
      if (zod.success) zodOnly++;
      continue;
    }
    vouched++;
    assert.ok(zod.success, `vouched for a request zod refuses: ${JSON.stringify(body)}`);
    let ours: unknown;
    let theirs: unknown;
    try {
      ours = translateChatRequest(plain, body);
    } catch (err) {
      ours = String(err);
    }
    try {
      theirs = translateChatRequest(zod.data, body);
    } catch (err) {
      theirs = String(err);
    }
    assert.deepEqual(ours, theirs, `read differently: ${JSON.stringify(body)}`);
  }
  // both sides were exercised: the guard vouched for thousands, and zod still accepted some it did not
  assert.ok(vouched > 2000, `vouched for ${vouched}`);
  assert.ok(zodOnly > 0, `zod alone accepted ${zodOnly}`);
});

test('openai request guard: passthrough values from JSON are JSON; anything else is zod\'s', { timeout: 10_000 }, () => {
  for (const v of ['u', 1, 0, true, null, [1, 'a', null], { a: { b: [true] } }]) assert.equal(isJsonValue(v), true, JSON.stringify(v));
  const notJson: Array<[string, unknown]> = [['undefined', undefined], ['Infinity', Infinity], ['NaN', NaN], ['[undefined]', [undefined]], ['{ a: undefined }', { a: undefined }], ['a Map', new Map()], ['a function', () => 1], ['a bigint', 1n]];
  for (const [name, v] of notJson) assert.equal(isJsonValue(v), false, name);
  let deep: unknown = 1;
  for (let i = 0; i < 100; i++) deep = [deep];
  assert.equal(isJsonValue(deep), false, 'nested beyond the guard\'s depth');
});
