import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { streamDecoder } from './stream-in.ts';

const recordings = new URL('../../simulator/recordings/anthropic/', import.meta.url);
const sseFixtures = readdirSync(recordings).filter((f) => f.endsWith('.sse')).sort();
const bytesOf = (name: string): Buffer => readFileSync(new URL(name, recordings));

/** Frames SSE bytes delivered in the given chunks, decoding UTF-8 across chunk edges as vendors/ does. */
function frame(chunks: Uint8Array[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: (e) => events.push({ data: e.data, ...(e.event === undefined ? {} : { event: e.event }), ...(e.id === undefined ? {} : { id: e.id }) }),
  });
  const utf8 = new TextDecoder();
  for (const chunk of chunks) parser.feed(utf8.decode(chunk, { stream: true }));
  parser.feed(utf8.decode());
  return events;
}

function decodeChunks(chunks: Uint8Array[]): StreamEvent[] {
  const decoder = streamDecoder();
  return [...frame(chunks).flatMap((e) => decoder(e)), ...decoder('end')];
}

function splitAt(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const edges = [0, ...points.sort((a, b) => a - b), bytes.length];
  return edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
}

/** mulberry32: a seeded PRNG so a failing split can be replayed */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('chunk-split law: whole, byte by byte and random splits decode identically', { timeout: 10_000 }, () => {
  assert.ok(sseFixtures.length >= 3);
  for (const name of sseFixtures) {
    const bytes = bytesOf(name);
    const whole = decodeChunks([bytes]);
    assert.ok(whole.length > 0, name);
    assert.deepEqual(decodeChunks(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1))), whole, `${name} byte by byte`);
    const next = random(name.length);
    for (let run = 0; run < 50; run++) {
      const points = Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * bytes.length));
      assert.deepEqual(decodeChunks(splitAt(bytes, points)), whole, `${name} split at ${points.join(',')}`);
    }
  }
});

test('decoder: text stream', { timeout: 1000 }, () => {
  assert.deepEqual(decodeChunks([bytesOf('message-text.sse')]), [
    { type: 'start', id: 'msg_01VX4nQ5yqgTnb3Q1L9d2Xo8', model: 'claude-sonnet-4-5-20250929', usage: { input: 25, output: 1, cacheRead: 0, cacheWrite: 0, reported: true } },
    { type: 'text', text: 'Hello' },
    { type: 'text', text: '! Grüße aus ' },
    { type: 'text', text: 'Zürich 🇨🇭, how can I help?' },
    { type: 'finish', finish: 'stop' },
    { type: 'usage', usage: { input: 25, output: 15, cacheRead: 0, cacheWrite: 0, reported: true } },
  ]);
});

test('decoder: thinking skipped, two tool calls by ordinal, empty fragments dropped', { timeout: 1000 }, () => {
  const events = decodeChunks([bytesOf('message-tools.sse')]);
  const text = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
  assert.equal(text, "I'll check the weather in both cities.");
  assert.deepEqual(events.filter((e) => e.type === 'tool_call'), [
    { type: 'tool_call', index: 0, id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather' },
    { type: 'tool_call', index: 1, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
  ]);
  const args = [0, 1].map((i) => events.map((e) => (e.type === 'tool_args' && e.index === i ? e.delta : '')).join(''));
  assert.deepEqual(args.map((a) => JSON.parse(a) as unknown), [{ location: 'Oslo, Norway', unit: 'celsius' }, { location: 'Zürich, Switzerland', unit: 'celsius' }]);
  assert.ok(events.every((e) => e.type !== 'tool_args' || e.delta !== ''));
  assert.deepEqual(events.slice(-2), [
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 472 + 1024 + 2048, output: 143, cacheRead: 2048, cacheWrite: 1024, reported: true } },
  ]);
});

test('decoder: an in-stream error maps its type', { timeout: 1000 }, () => {
  const last = decodeChunks([bytesOf('message-overloaded.sse')]).at(-1);
  assert.ok(last?.type === 'error');
  assert.equal(last.error.code, 'upstream_overloaded');
  const decoder = streamDecoder();
  const auth = decoder({ event: 'error', data: '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}' });
  assert.ok(auth[0]?.type === 'error' && auth[0].error.code === 'upstream_auth' && !auth[0].error.message.includes('x-api-key'));
});

test('decoder: stop sequences, usage-only deltas and message_delta input counts', { timeout: 1000 }, () => {
  const decoder = streamDecoder();
  decoder({ event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', model: 'c', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 1 } } }) });
  const delta = (d: object, usage: object): StreamEvent[] => decoder({ event: 'message_delta', data: JSON.stringify({ type: 'message_delta', delta: d, usage }) });
  assert.deepEqual(delta({ stop_reason: 'stop_sequence', stop_sequence: 'END' }, { output_tokens: 4 }), [
    { type: 'finish', finish: 'stop', stopSequence: 'END' },
    { type: 'usage', usage: { input: 15, output: 4, cacheRead: 5, reported: true } },
  ]);
  assert.deepEqual(delta({ stop_reason: null }, { output_tokens: 6, input_tokens: 12 }), [{ type: 'usage', usage: { input: 17, output: 6, cacheRead: 5, reported: true } }]);
  assert.deepEqual(delta({ stop_reason: 'model_context_window_exceeded' }, { output_tokens: 6 })[0], { type: 'finish', finish: 'length' });
  assert.deepEqual(delta({ stop_reason: 'refusal' }, { output_tokens: 6 })[0], { type: 'finish', finish: 'content_filter' });
  assert.deepEqual(delta({ stop_reason: 'pause_turn' }, { output_tokens: 6 })[0], { type: 'finish', finish: 'stop' });
});

test('decoder: pings, stops and unknown events yield nothing; garbage is upstream_malformed', { timeout: 1000 }, () => {
  const decoder = streamDecoder();
  for (const type of ['ping', 'message_stop', 'content_block_stop', 'some_future_event']) {
    assert.deepEqual(decoder({ event: type, data: JSON.stringify({ type, index: 0 }) }), []);
  }
  const broken = [decoder({ event: 'content_block_delta', data: '{"type":"content_block_del' }), decoder({ data: '{"type":"message_delta","delta":{}}' })];
  for (const out of broken) {
    assert.equal(out.length, 1);
    assert.ok(out[0]?.type === 'error' && out[0].error instanceof AirlockError && out[0].error.code === 'upstream_malformed');
  }
});

test('decoder: a delta the hand check does not vouch for goes to zod, which names what is wrong', { timeout: 1000 }, () => {
  const decoder = streamDecoder();
  const delta = (index: unknown, d: unknown): StreamEvent[] => decoder({ event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index, delta: d }) });
  assert.deepEqual(delta(0, { type: 'text_delta', text: 'Hi' }), [{ type: 'text', text: 'Hi' }]);
  // input for a block that never started as a tool: nothing to attach it to
  assert.deepEqual(delta(1, { type: 'input_json_delta', partial_json: '{"a"' }), []);
  assert.deepEqual(delta(0, { type: 'thinking_delta', thinking: 'hm' }), [{ type: 'reasoning', text: 'hm' }]);
  assert.deepEqual(delta(0, { type: 'signature_delta', signature: 'c2ln' }), [{ type: 'reasoning', signature: 'c2ln' }]);
  for (const [index, d] of [[0, { type: 'text_delta', text: 7 }], [0.5, { type: 'text_delta', text: 'x' }], [0, 'text'], [0, { type: 'input_json_delta' }], [0, { type: 'signature_delta' }]] as const) {
    const out = delta(index, d);
    assert.ok(out[0]?.type === 'error' && out[0].error.code === 'upstream_malformed', JSON.stringify([index, d]));
    assert.match(out[0].error.message, /malformed \(/);
  }
});
