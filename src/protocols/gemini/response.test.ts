import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AirlockError } from '../../core/errors.ts';
import { decode } from './response.ts';

const T = { timeout: 5_000 };

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../simulator/recordings/gemini/${name}`, import.meta.url), 'utf8'));
}

const isMalformed = (e: unknown): boolean => e instanceof AirlockError && e.code === 'upstream_malformed';

test('golden: generate-text.json', T, () => {
  assert.deepEqual(decode(fixture('generate-text.json')), {
    id: 'mZtGaOC0N-GBz7IPq5DNsQ0',
    model: 'gemini-2.5-flash',
    choices: [{ index: 0, parts: [{ type: 'text', text: 'Paris is the capital of France.' }], finish: 'stop' }],
    // promptTokenCount already holds the 2048 cached tokens; thoughts are billed as output
    usage: { input: 2060, output: 46, cacheRead: 2048, reported: true },
  });
});

test('golden: generate-tools.json, two parallel calls without ids', T, () => {
  assert.deepEqual(decode(fixture('generate-tools.json')), {
    id: '3ZtGaLqEIpO_z7IP0dLw6Ao',
    model: 'gemini-2.5-flash',
    choices: [{
      index: 0,
      parts: [
        { type: 'tool_call', id: 'call_0_0', name: 'get_weather', arguments: '{"location":"Paris"}' },
        { type: 'tool_call', id: 'call_0_1', name: 'get_weather', arguments: '{"location":"Tokyo"}' },
      ],
      finish: 'tool_calls',
    }],
    usage: { input: 74, output: 110, reported: true },
  });
});

test('parts: adjacent text joins, thoughts are skipped, vendor ids and missing args are kept', T, () => {
  const res = decode({
    candidates: [{ content: { role: 'model', parts: [
      { text: 'Let me think.', thought: true },
      { text: 'A' },
      { text: 'B' },
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { text: 'C' },
      { functionCall: { id: 'fc-1', name: 'now' } },
      { text: 'D' },
    ] }, finishReason: 'STOP' }],
  });
  assert.deepEqual(res.choices[0]?.parts, [
    { type: 'text', text: 'ABC' },
    { type: 'tool_call', id: 'fc-1', name: 'now', arguments: '{}' },
    { type: 'text', text: 'D' },
  ]);
  assert.equal(res.choices[0]?.finish, 'tool_calls');
  assert.equal(res.usage, null, 'no usageMetadata is unknown usage, not zero');
});

test('finish reasons', T, () => {
  const finish = (finishReason?: string): string | undefined =>
    decode({ candidates: [{ content: { parts: [{ text: 'x' }] }, ...(finishReason === undefined ? {} : { finishReason }) }] }).choices[0]?.finish;
  assert.equal(finish('STOP'), 'stop');
  assert.equal(finish('MAX_TOKENS'), 'length');
  for (const r of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII']) assert.equal(finish(r), 'content_filter', r);
  assert.equal(finish('OTHER'), 'stop');
  assert.equal(finish('MALFORMED_FUNCTION_CALL'), 'stop');
  assert.equal(finish(), 'stop');
});

test('one choice per candidate, by index; a missing index is the position', T, () => {
  const res = decode({
    candidates: [
      { content: { parts: [{ text: 'zero' }] }, finishReason: 'STOP' },
      { content: { parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP', index: 1 },
    ],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 5, totalTokenCount: 8 },
  });
  assert.deepEqual(res.choices, [
    { index: 0, parts: [{ type: 'text', text: 'zero' }], finish: 'stop' },
    { index: 1, parts: [{ type: 'tool_call', id: 'call_1_0', name: 'f', arguments: '{"a":1}' }], finish: 'tool_calls' },
  ]);
  assert.deepEqual(res.usage, { input: 3, output: 5, reported: true });
});

test('a blocked prompt is one empty choice filtered by content', T, () => {
  const res = decode({
    promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
    usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 },
    modelVersion: 'gemini-2.0-flash',
    responseId: 'r1',
  });
  assert.deepEqual(res, {
    id: 'r1',
    model: 'gemini-2.0-flash',
    choices: [{ index: 0, parts: [], finish: 'content_filter' }],
    usage: { input: 7, output: 0, reported: true },
  });
});

test('without responseId the id is derived from the body, the same every time', T, () => {
  const body = { candidates: [{ content: { parts: [{ text: 'x' }] } }] };
  const id = decode(body).id;
  assert.match(id, /^gemini-[0-9a-f]{8}$/);
  assert.equal(decode(structuredClone(body)).id, id);
  assert.notEqual(decode({ candidates: [{ content: { parts: [{ text: 'y' }] } }] }).id, id);
});

test('malformed answers are upstream_malformed', T, () => {
  for (const body of [null, 'text', [], {}, { candidates: [] }, { candidates: {} }, { candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] }]) {
    assert.throws(() => decode(body), isMalformed, JSON.stringify(body));
  }
});
