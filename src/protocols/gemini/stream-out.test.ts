// The Gemini stream writer (stream-out.ts). What it writes is read back with the vendor-side stream reader
// (stream-in.ts), which parses the same wire: the canonical events must survive the trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { streamError } from './inbound-errors.ts';
import { streamDecoder } from './stream-in.ts';
import { createStreamEncoder } from './stream-out.ts';

const meta = { id: 'req-1', model: 'chat', created: 0, includeUsage: false };

interface Chunk {
  candidates?: { content: { role: string; parts: Record<string, unknown>[] }; finishReason?: string; index: number }[];
  usageMetadata?: Record<string, number>;
  modelVersion: string;
  responseId: string;
}

function encodeAll(events: StreamEvent[]): SseEvent[] {
  const encode = createStreamEncoder(meta);
  // as pumpStream drives it: every event, then 'end' once
  const out = [...events.flatMap((e) => encode(e)), ...encode('end')];
  for (const e of out) assert.deepEqual(Object.keys(e), ['data'], 'Gemini events are data-only');
  return out;
}

const chunks = (events: StreamEvent[]): Chunk[] => encodeAll(events).map((e) => JSON.parse(e.data) as Chunk);

/** decodes with the vendor-side reader, leaving out its `start` (whose id and model are ours, checked elsewhere) */
function roundTrip(events: StreamEvent[]): StreamEvent[] {
  const decoder = streamDecoder();
  const back = [...encodeAll(events).flatMap((e) => decoder(e)), ...decoder('end')];
  assert.deepEqual(back[0], { type: 'start', id: 'req-1', model: 'chat' });
  return back.slice(1);
}

/** @google/genai's isValidResponse: a chat keeps a streamed turn only when every chunk passes it */
function validForChats(c: Chunk): boolean {
  const parts = c.candidates?.[0]?.content.parts;
  return parts !== undefined && parts.length > 0 && parts.every((p) => Object.keys(p).length > 0);
}

test('stream: golden text stream, the last chunk holding finishReason and usageMetadata', () => {
  const data = encodeAll([
    { type: 'start', id: 'vendor-id', model: 'gpt-4o-mini' },
    { type: 'text', text: 'Hello' },
    { type: 'reasoning', text: 'hidden' },
    { type: 'text', text: '' },
    { type: 'text', text: ' "world"\n' },
    { type: 'finish', finish: 'stop' },
    { type: 'usage', usage: { input: 7, output: 3, cacheRead: 2, reported: true } },
  ]).map((e) => e.data);
  assert.deepEqual(data, [
    '{"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"index":0}],"modelVersion":"chat","responseId":"req-1"}',
    '{"candidates":[{"content":{"role":"model","parts":[{"text":" \\"world\\"\\n"}]},"index":0}],"modelVersion":"chat","responseId":"req-1"}',
    '{"candidates":[{"content":{"role":"model","parts":[{"text":""}]},"finishReason":"STOP","index":0}],' +
      '"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":3,"totalTokenCount":10,"cachedContentTokenCount":2},"modelVersion":"chat","responseId":"req-1"}',
  ]);
});

test('stream: the text fast path writes what JSON.stringify writes', () => {
  const text = 'ünïcödé \u2028 </script> \\ "q" \u0000 😀';
  const [first] = encodeAll([{ type: 'text', choice: 3, text }]);
  assert.equal(first?.data, JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 3 }], modelVersion: 'chat', responseId: 'req-1' }));
});

test('stream: parallel calls go out whole in one chunk at the finish, in order, with the usage', () => {
  const events: StreamEvent[] = [
    { type: 'start', id: 'v', model: 'm' },
    { type: 'text', text: 'one ' },
    { type: 'tool_call', index: 0, id: 'call_a', name: 'get_weather' },
    { type: 'tool_args', index: 0, delta: '{"city":' },
    { type: 'tool_call', index: 1, id: 'call_b', name: 'get_time' },
    { type: 'tool_args', index: 0, delta: '"Oslo"}' },
    { type: 'tool_args', index: 1, delta: '' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 7, output: 3, reported: true } },
  ];
  const out = chunks(events);
  assert.equal(out.length, 2);
  assert.deepEqual(out[1], {
    candidates: [
      {
        content: { role: 'model', parts: [{ functionCall: { id: 'call_a', name: 'get_weather', args: { city: 'Oslo' } } }, { functionCall: { id: 'call_b', name: 'get_time', args: {} } }] },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 3, totalTokenCount: 10 },
    modelVersion: 'chat',
    responseId: 'req-1',
  });
  assert.deepEqual(roundTrip(events), [
    { type: 'text', text: 'one ' },
    { type: 'tool_call', index: 0, id: 'call_a', name: 'get_weather' },
    { type: 'tool_args', index: 0, delta: '{"city":"Oslo"}' },
    { type: 'tool_call', index: 1, id: 'call_b', name: 'get_time' },
    { type: 'tool_args', index: 1, delta: '{}' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 7, output: 3, reported: true } },
  ]);
});

test('stream: every chunk of a text answer and of a call answer is one a @google/genai chat keeps', () => {
  const text = chunks([{ type: 'text', text: 'hi' }, { type: 'finish', finish: 'stop' }, { type: 'usage', usage: { input: 1, output: 1, reported: true } }]);
  const calls = chunks([{ type: 'tool_call', index: 0, id: 'c', name: 'f' }, { type: 'tool_args', index: 0, delta: '{}' }, { type: 'finish', finish: 'tool_calls' }]);
  for (const c of [...text, ...calls]) assert.ok(validForChats(c), JSON.stringify(c));
  // and the chat sees the finish on the last chunk's first candidate
  assert.equal(text.at(-1)?.candidates?.[0]?.finishReason, 'STOP');
});

test('stream: several choices stream apart; their finishes and the usage close the stream in one chunk', () => {
  const events: StreamEvent[] = [
    { type: 'start', id: 'v', model: 'm' },
    { type: 'text', text: 'zero' },
    { type: 'text', choice: 1, text: 'one' },
    { type: 'tool_call', choice: 1, index: 0, id: 'call_1', name: 'f' },
    { type: 'tool_args', choice: 1, index: 0, delta: '{"a":1}' },
    { type: 'finish', finish: 'length' },
    { type: 'text', choice: 1, text: ' more' },
    { type: 'finish', choice: 1, finish: 'tool_calls' },
    { type: 'usage', usage: { input: 4, output: 6, reported: true } },
  ];
  const out = chunks(events);
  assert.deepEqual(out.map((c) => c.candidates?.map((k) => [k.index, k.finishReason ?? null])), [[[0, null]], [[1, null]], [[1, null]], [[0, 'MAX_TOKENS'], [1, 'STOP']]]);
  assert.deepEqual(roundTrip(events), [
    { type: 'text', text: 'zero' },
    { type: 'text', choice: 1, text: 'one' },
    { type: 'text', choice: 1, text: ' more' },
    { type: 'finish', finish: 'length' },
    { type: 'tool_call', choice: 1, index: 0, id: 'call_1', name: 'f' },
    { type: 'tool_args', choice: 1, index: 0, delta: '{"a":1}' },
    { type: 'finish', choice: 1, finish: 'tool_calls' },
    { type: 'usage', usage: { input: 4, output: 6, reported: true } },
  ]);
});

test('stream: usage known only at start still reaches the last chunk; no usage at all leaves it out', () => {
  const early = chunks([{ type: 'start', id: 'v', model: 'm', usage: { input: 5, output: 1, reported: true } }, { type: 'text', text: 'hi' }, { type: 'finish', finish: 'stop' }]);
  assert.deepEqual(early.at(-1)?.usageMetadata, { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 6 });
  const later = chunks([{ type: 'start', id: 'v', model: 'm', usage: { input: 5, output: 1, reported: true } }, { type: 'finish', finish: 'stop' }, { type: 'usage', usage: { input: 5, output: 9, reported: true } }]);
  assert.deepEqual(later.at(-1)?.usageMetadata, { promptTokenCount: 5, candidatesTokenCount: 9, totalTokenCount: 14 });
  // a second finish of the same choice changes nothing
  const none = chunks([{ type: 'text', text: 'hi' }, { type: 'finish', finish: 'content_filter' }, { type: 'finish', finish: 'stop' }]);
  assert.equal(none.length, 2);
  assert.deepEqual(none[1], { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'SAFETY', index: 0 }], modelVersion: 'chat', responseId: 'req-1' });
  // start, reasoning and an empty stream produce nothing
  assert.deepEqual(encodeAll([{ type: 'start', id: 'v', model: 'm' }, { type: 'reasoning', text: 'x', signature: 's' }]), []);
});

test('stream: a streamed call with arguments that are no object is left out, and the finish says why', () => {
  const out = chunks([
    { type: 'tool_call', index: 0, id: 'c1', name: 'f' },
    { type: 'tool_args', index: 0, delta: '"just text"' },
    { type: 'tool_call', index: 1, id: 'c2', name: 'g' },
    { type: 'tool_args', index: 1, delta: '{}' },
    { type: 'finish', finish: 'tool_calls' },
  ]);
  assert.deepEqual(out.at(-1)?.candidates, [{ content: { role: 'model', parts: [{ functionCall: { id: 'c2', name: 'g', args: {} } }] }, finishReason: 'MALFORMED_FUNCTION_CALL', index: 0 }]);
  const cut = chunks([{ type: 'tool_call', index: 0, id: 'c1', name: 'f' }, { type: 'tool_args', index: 0, delta: '{"a":' }, { type: 'finish', finish: 'length' }]);
  assert.deepEqual(cut.at(-1)?.candidates, [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'MAX_TOKENS', index: 0 }]);
});

test('stream: calls of a choice that never finished still go out at the end, with no finishReason', () => {
  const out = chunks([
    { type: 'text', text: 'a' },
    { type: 'finish', finish: 'stop' },
    { type: 'tool_call', choice: 1, index: 0, id: 'c', name: 'f' },
    { type: 'tool_args', choice: 1, index: 0, delta: '{"x":1}' },
  ]);
  assert.deepEqual(out.at(-1)?.candidates, [
    { content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 },
    { content: { role: 'model', parts: [{ functionCall: { id: 'c', name: 'f', args: { x: 1 } } }] }, index: 1 },
  ]);
});

test('stream: an error event ends the stream with the error frame; nothing held and nothing later goes out', () => {
  const err = new AirlockError('stream_interrupted', 'the vendor ended the stream early');
  const encode = createStreamEncoder(meta);
  assert.equal(encode({ type: 'text', text: 'hi' }).length, 1);
  assert.deepEqual(encode({ type: 'tool_call', index: 0, id: 'c', name: 'f' }), []);
  const frames = encode({ type: 'error', error: err });
  assert.deepEqual(frames, streamError(err, 'req-1'));
  assert.deepEqual(JSON.parse(frames[0]?.data ?? ''), {
    error: { code: 502, message: 'the vendor ended the stream early', status: 'UNAVAILABLE', details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'req-1' }] },
  });
  assert.deepEqual(encode({ type: 'text', text: 'late' }), []);
  assert.deepEqual(encode({ type: 'finish', finish: 'stop' }), []);
  assert.deepEqual(encode('end'), []);
  // the vendor-side reader, which reads Gemini's own error chunks, takes it for the same failure
  const [back] = streamDecoder()(frames[0] ?? { data: '' });
  assert.equal(back?.type, 'error');
  assert.equal(back.type === 'error' ? back.error.status : 0, 502);
});

test('stream: a spent budget mid-stream is 429 RESOURCE_EXHAUSTED, like the JSON answer', () => {
  const [frame] = createStreamEncoder(meta)({ type: 'error', error: new AirlockError('budget_exceeded', 'spent') });
  const body = JSON.parse(frame?.data ?? '') as { error: { code: number; status: string } };
  assert.equal(body.error.code, 429);
  assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
});
