import assert from 'node:assert/strict';
import test from 'node:test';
import { plainResponse } from './chunk-guard.ts';
import { responseSchema } from './schema.ts';

const text = (t: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  candidates: [{ content: { parts: [{ text: t }], role: 'model' }, index: 0, ...extra }],
  modelVersion: 'gemini-2.5-flash',
  responseId: 'r1',
});

// Chunks the guard vouches for: zod must accept each and give back the same value.
const PLAIN: Array<[string, unknown]> = [
  ['a text chunk', text('Hello')],
  ['with a running usage total', { ...text(' world'), usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 3, totalTokenCount: 15 } }],
  ['every usage field', { ...text('x'), usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2, cachedContentTokenCount: 0, thoughtsTokenCount: 4, toolUsePromptTokenCount: 5, totalTokenCount: 12 } }],
  ['the last chunk, with a finish reason', text('.', { finishReason: 'STOP' })],
  ['a thought part', { candidates: [{ content: { parts: [{ text: 'thinking', thought: true }, { text: 'answer' }], role: 'model' } }] }],
  ['two candidates, no index on the first', { candidates: [{ content: { parts: [{ text: 'a' }] } }, { content: { parts: [{ text: 'b' }] }, index: 1 }] }],
  ['fields Airlock does not read', { ...text('y'), groundingMetadata: { webSearchQueries: ['q'] }, createTime: '2026-01-01T00:00:00Z' }],
  ['a blocked prompt', { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } }],
  ['nulls where the fields are optional', { candidates: [{ content: { parts: null, role: null }, finishReason: null, index: null }], usageMetadata: null, modelVersion: null }],
  ['an empty object', {}],
];

// Chunks left to zod: either zod refuses them, or they hold something the guard does not check.
const ASK_ZOD: Array<[string, unknown]> = [
  ['a function call', { candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] } }] }],
  ['an error body', { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }],
  ['a negative index', text('a', { index: -1 })],
  ['a fractional token count', { ...text('a'), usageMetadata: { promptTokenCount: 1.5 } }],
  ['a negative token count', { ...text('a'), usageMetadata: { candidatesTokenCount: -2 } }],
  ['text that is not a string', { candidates: [{ content: { parts: [{ text: 42 }] } }] }],
  ['thought that is not a boolean', { candidates: [{ content: { parts: [{ text: 'a', thought: 'yes' }] } }] }],
  ['parts that are not a list', { candidates: [{ content: { parts: { text: 'a' } } }] }],
  ['candidates that are not a list', { candidates: { content: {} } }],
  ['a finish reason that is not a string', text('a', { finishReason: 1 })],
  ['a model version that is not a string', { ...text('a'), modelVersion: 2 }],
  ['a block reason that is not a string', { promptFeedback: { blockReason: true } }],
  ['not an object', ['a']],
];

test('gemini chunk guard: what it vouches for, zod accepts as it is', { timeout: 10_000 }, () => {
  for (const [name, chunk] of PLAIN) {
    assert.equal(plainResponse(chunk), chunk, `${name}: vouched for`);
    const parsed = responseSchema.safeParse(chunk);
    assert.ok(parsed.success, `${name}: zod accepts it`);
    assert.deepEqual(parsed.data, chunk, `${name}: zod's reading is the chunk itself`);
  }
});

test('gemini chunk guard: function calls, error bodies and odd values go to zod', { timeout: 10_000 }, () => {
  for (const [name, chunk] of ASK_ZOD) assert.equal(plainResponse(chunk), null, name);
  // the guard is only a shortcut: everything zod refuses, it refuses too
  for (const [name, chunk] of ASK_ZOD.slice(2)) assert.equal(responseSchema.safeParse(chunk).success, false, `${name}: zod refuses it`);
});
