import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { streamDecoder } from './stream-in.ts';

const T = { timeout: 10_000 };
const FIXTURES = ['stream-text.sse', 'stream-tools.sse'];

const bytes = (name: string): Buffer => readFileSync(new URL(`../../simulator/recordings/gemini/${name}`, import.meta.url));

/** Feeds the bytes through the spec SSE parser in the given pieces, as vendors/ does, then ends the stream. */
function decodeSplit(buf: Buffer, cuts: number[]): StreamEvent[] {
  const decode = streamDecoder();
  const events: StreamEvent[] = [];
  const parser = createParser({ onEvent: (ev) => events.push(...decode({ data: ev.data } satisfies SseEvent)) });
  const text = new StringDecoder('utf8');
  let from = 0;
  for (const at of [...cuts, buf.length]) {
    parser.feed(text.write(buf.subarray(from, at)));
    from = at;
  }
  parser.feed(text.end());
  events.push(...decode('end'));
  return events;
}

/** mulberry32: random split points that are the same on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const feed = (datas: unknown[]): StreamEvent[] => {
  const decode = streamDecoder();
  return [...datas.flatMap((d) => decode({ data: typeof d === 'string' ? d : JSON.stringify(d) })), ...decode('end')];
};

test('golden: stream-text.sse', T, () => {
  assert.deepEqual(decodeSplit(bytes('stream-text.sse'), []), [
    { type: 'start', id: 'kJxGaNjYK5e_z7IPmKCX6Qk', model: 'gemini-2.0-flash' },
    { type: 'text', text: 'Un café' },
    { type: 'text', text: ' à Paris ☕ coûte environ' },
    { type: 'text', text: ' 2,50 €.\n' },
    { type: 'finish', finish: 'stop' },
    { type: 'usage', usage: { input: 9, output: 14, reported: true } },
  ]);
});

test('golden: stream-tools.sse, whole function calls', T, () => {
  assert.deepEqual(decodeSplit(bytes('stream-tools.sse'), []), [
    { type: 'start', id: 'opxGaIXzGdG_z7IPp5Gg0Qk', model: 'gemini-2.5-flash' },
    { type: 'tool_call', index: 0, id: 'call_0_0', name: 'get_weather' },
    { type: 'tool_args', index: 0, delta: '{"location":"Paris"}' },
    { type: 'tool_call', index: 1, id: 'call_0_1', name: 'get_weather' },
    { type: 'tool_args', index: 1, delta: '{"location":"Tokyo"}' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 74, output: 96, reported: true } },
  ]);
});

test('chunk-split law: whole, byte by byte and at random points yield the same events', T, () => {
  const random = seeded(20261127);
  for (const name of FIXTURES) {
    const buf = bytes(name);
    const whole = decodeSplit(buf, []);
    assert.deepEqual(decodeSplit(buf, Array.from({ length: buf.length - 1 }, (_, i) => i + 1)), whole, `${name} byte by byte`);
    for (let run = 0; run < 50; run++) {
      const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * buf.length)).sort((a, b) => a - b);
      assert.deepEqual(decodeSplit(buf, cuts), whole, `${name} cut at ${cuts.join(',')}`);
    }
  }
});

test('usage is the latest reported, sent once even when end comes twice', T, () => {
  const decode = streamDecoder();
  decode({ data: JSON.stringify({ candidates: [{ content: { parts: [{ text: 'a' }] } }], usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } }) });
  decode({ data: JSON.stringify({ candidates: [{ finishReason: 'MAX_TOKENS' }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2, cachedContentTokenCount: 0 } }) });
  assert.deepEqual(decode('end'), [{ type: 'usage', usage: { input: 4, output: 2, cacheRead: 0, reported: true } }]);
  assert.deepEqual(decode('end'), []);
  assert.deepEqual(feed([{ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] }]).at(-1), { type: 'finish', finish: 'stop' }, 'no usageMetadata, no usage event');
});

test('several candidates: events carry their choice, tool ordinals count per choice', T, () => {
  const events = feed([
    { candidates: [
      { content: { parts: [{ text: 'A', thought: true }, { text: 'a' }] } },
      { content: { parts: [{ functionCall: { name: 'f', args: {} } }] }, index: 1 },
    ], responseId: 'r', modelVersion: 'm' },
    { candidates: [
      { content: { parts: [{ functionCall: { id: 'own', name: 'g' } }] }, finishReason: 'STOP', index: 0 },
      { content: { parts: [{ text: '' }] }, finishReason: 'STOP', index: 1 },
    ] },
    // a repeated finishReason is not a second finish
    { candidates: [{ finishReason: 'STOP', index: 1 }] },
  ]);
  assert.deepEqual(events, [
    { type: 'start', id: 'r', model: 'm' },
    { type: 'text', text: 'a' },
    { type: 'tool_call', choice: 1, index: 0, id: 'call_1_0', name: 'f' },
    { type: 'tool_args', choice: 1, index: 0, delta: '{}' },
    { type: 'tool_call', index: 0, id: 'own', name: 'g' },
    { type: 'tool_args', index: 0, delta: '{}' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'finish', choice: 1, finish: 'tool_calls' },
  ]);
});

test('a blocked prompt streams a content_filter finish', T, () => {
  const events = feed([{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 }, responseId: 'b', modelVersion: 'm' }]);
  assert.deepEqual(events, [
    { type: 'start', id: 'b', model: 'm' },
    { type: 'finish', finish: 'content_filter' },
    { type: 'usage', usage: { input: 5, output: 0, reported: true } },
  ]);
});

test('an error chunk becomes an error event in Airlock\'s codes', T, () => {
  const [first] = feed([{ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }]);
  assert.ok(first?.type === 'error');
  assert.equal(first.error.code, 'upstream_overloaded');
  assert.equal(first.error.message, 'vendor: The model is overloaded. Please try again later.');
  const [named] = feed([{ error: { message: 'quota', status: 'RESOURCE_EXHAUSTED' } }]);
  assert.ok(named?.type === 'error' && named.error.code === 'upstream_rate_limited');
  const [bad] = feed([{ error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' } }]);
  assert.ok(bad?.type === 'error' && bad.error.code === 'upstream_invalid_request' && bad.error.status === 400);
});

test('data that is not a chunk is upstream_malformed; blank data is skipped', T, () => {
  for (const data of ['{"candidates":', '{"candidates":{}}', '[1]']) {
    const events = feed([data]);
    assert.equal(events.length, 1, data);
    assert.ok(events[0]?.type === 'error' && events[0].error instanceof AirlockError && events[0].error.code === 'upstream_malformed', data);
  }
  assert.deepEqual(feed(['  ']), []);
});
