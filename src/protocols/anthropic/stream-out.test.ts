import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { createParser } from 'eventsource-parser';
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { streamDecoder } from './stream-in.ts';
import { streamEncoder } from './stream-out.ts';

const meta = { id: 'msg_airlock1', model: 'smart', created: 1_700_000_000, includeUsage: true };
const recordings = new URL('../../simulator/recordings/anthropic/', import.meta.url);

function wire(events: SseEvent[]): string {
  return events.map((e) => `${e.event === undefined ? '' : `event: ${e.event}\n`}data: ${e.data}\n\n`).join('');
}

function frame(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e.event === undefined ? { data: e.data } : { event: e.event, data: e.data }) });
  parser.feed(text);
  return events;
}

function decodeText(text: string): StreamEvent[] {
  const decoder = streamDecoder();
  return [...frame(text).flatMap((e) => decoder(e)), ...decoder('end')];
}

function encodeAll(events: StreamEvent[]): SseEvent[] {
  const encoder = streamEncoder(meta);
  return [...events.flatMap((e) => encoder(e)), ...encoder('end')];
}

const types = (events: SseEvent[]): (string | undefined)[] => events.map((e) => e.event);
const dataOf = (e: SseEvent | undefined): Record<string, unknown> => JSON.parse(e?.data ?? 'null') as Record<string, unknown>;

test('every encoded event names its type in an event: line', { timeout: 2000 }, () => {
  for (const name of readdirSync(recordings).filter((f) => f.endsWith('.sse'))) {
    const out = encodeAll(decodeText(readFileSync(new URL(name, recordings), 'utf8')));
    for (const e of out) assert.equal(e.event, dataOf(e).type, name);
  }
});

test('encoder → decoder round trip keeps text, tool calls, finish and usage', { timeout: 2000 }, () => {
  for (const name of ['message-text.sse', 'message-tools.sse']) {
    const original = decodeText(readFileSync(new URL(name, recordings), 'utf8'));
    const again = decodeText(wire(encodeAll(original)));
    const withMeta = original.map((e) => (e.type === 'start' ? { ...e, id: meta.id, model: meta.model } : e));
    assert.deepEqual(again, withMeta, name);
  }
});

test('text stream: the exact event sequence', { timeout: 1000 }, () => {
  const out = encodeAll([
    { type: 'start', id: 'v', model: 'vm', usage: { input: 30, output: 0, cacheRead: 20, reported: true } },
    { type: 'text', text: 'Hi' },
    { type: 'text', text: '' },
    { type: 'text', text: ' there' },
    { type: 'finish', finish: 'stop', stopSequence: 'END' },
    { type: 'usage', usage: { input: 30, output: 2, cacheRead: 20, reported: true } },
  ]);
  assert.deepEqual(types(out), ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  assert.deepEqual(dataOf(out[0]).message, {
    id: 'msg_airlock1', type: 'message', role: 'assistant', model: 'smart', content: [], stop_reason: null, stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 20, service_tier: 'standard' },
  });
  assert.deepEqual(dataOf(out[2]), { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  assert.deepEqual(dataOf(out[6]), {
    type: 'message_delta',
    delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' },
    usage: { input_tokens: 10, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 20 },
  });
});

test('finish is held until usage arrives (OpenAI order), or until the end', { timeout: 1000 }, () => {
  const encoder = streamEncoder(meta);
  encoder({ type: 'start', id: 'v', model: 'vm' });
  encoder({ type: 'text', text: 'x' });
  assert.deepEqual(types(encoder({ type: 'finish', finish: 'length' })), ['content_block_stop']);
  const flushed = encoder({ type: 'usage', usage: { input: 7, output: 3, reported: true } });
  assert.deepEqual(types(flushed), ['message_delta', 'message_stop']);
  assert.deepEqual(dataOf(flushed[0]).usage, { input_tokens: 7, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  assert.equal((dataOf(flushed[0]).delta as { stop_reason: string }).stop_reason, 'max_tokens');
  assert.deepEqual(encoder('end'), []);

  const noUsage = streamEncoder(meta);
  noUsage({ type: 'start', id: 'v', model: 'vm' });
  noUsage({ type: 'finish', finish: 'stop' });
  const end = noUsage('end');
  assert.deepEqual(types(end), ['message_delta', 'message_stop']);
  assert.deepEqual(dataOf(end[0]).usage, { output_tokens: 0 });
});

test('end without finish reports end_turn; a bare end still frames a message', { timeout: 1000 }, () => {
  const out = encodeAll([{ type: 'text', text: 'cut' }]);
  assert.deepEqual(types(out), ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  assert.equal((dataOf(out[5]).delta as { stop_reason: string }).stop_reason, 'end_turn');
  assert.deepEqual(types(encodeAll([])), ['message_start', 'ping', 'message_delta', 'message_stop']);
});

test('tool calls are blocks of their own; other choices are ignored', { timeout: 1000 }, () => {
  const out = encodeAll([
    { type: 'start', id: 'v', model: 'vm' },
    { type: 'text', text: 'calling' },
    { type: 'text', choice: 1, text: 'other choice' },
    { type: 'tool_call', index: 0, id: 'call_a', name: 'f' },
    { type: 'tool_args', index: 0, delta: '{"a":' },
    { type: 'tool_call', index: 1, id: 'call_b', name: 'g' },
    { type: 'tool_args', index: 1, delta: '{}' },
    { type: 'tool_args', index: 0, delta: '1}' },
    { type: 'tool_args', index: 7, delta: 'lost' },
    { type: 'finish', choice: 1, finish: 'length' },
    { type: 'finish', finish: 'tool_calls' },
  ]);
  const blocks = out.map(dataOf).filter((d) => d.type === 'content_block_start').map((d) => [d.index, d.content_block]);
  assert.deepEqual(blocks, [[0, { type: 'text', text: '' }], [1, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }], [2, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }]]);
  const json = out.map(dataOf).filter((d) => (d.delta as { type?: string } | undefined)?.type === 'input_json_delta');
  assert.deepEqual(json.map((d) => [d.index, (d.delta as { partial_json: string }).partial_json]), [[1, '{"a":'], [2, '{}'], [1, '1}']]);
  assert.ok(!out.some((e) => e.data.includes('other choice')));
  assert.equal((dataOf(out.at(-2)).delta as { stop_reason: string }).stop_reason, 'tool_use');
});

test('an error ends the stream: an error event and nothing after', { timeout: 1000 }, () => {
  const encoder = streamEncoder(meta);
  encoder({ type: 'start', id: 'v', model: 'vm' });
  const out = encoder({ type: 'error', error: new AirlockError('upstream_overloaded', 'busy') });
  assert.deepEqual(out, [{ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"busy"}}' }]);
  assert.deepEqual(encoder({ type: 'text', text: 'late' }), []);
  assert.deepEqual(encoder('end'), []);
});

test("@anthropic-ai/sdk's MessageStream assembles the encoded stream, usage from message_delta", { timeout: 5000 }, async () => {
  const events = decodeText(readFileSync(new URL('message-tools.sse', recordings), 'utf8'));
  const body = wire(encodeAll(events));
  const fetch = (): Promise<Response> => Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  const client = new Anthropic({ apiKey: 'k', baseURL: 'http://sdk.invalid', maxRetries: 0, fetch });
  const final = await client.messages.stream({ model: 'smart', max_tokens: 10, messages: [{ role: 'user', content: 'weather' }] }).finalMessage();
  assert.equal(final.id, 'msg_airlock1');
  assert.equal(final.stop_reason, 'tool_use');
  assert.deepEqual(final.content.map((b) => (b.type === 'tool_use' ? b.input : b.type === 'text' ? b.text : b.type === 'thinking' ? [b.thinking, b.signature] : null)), [
    ["The user wants the weather in two cities; I'll call the tool for each.", 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds'],
    "I'll check the weather in both cities.",
    { location: 'Oslo, Norway', unit: 'celsius' },
    { location: 'Zürich, Switzerland', unit: 'celsius' },
  ]);
  assert.equal(final.usage.output_tokens, 143);
  assert.equal(final.usage.input_tokens, 472);
  assert.equal(final.usage.cache_read_input_tokens, 2048);
  assert.equal(final.usage.cache_creation_input_tokens, 1024);
});

test('a text delta is byte for byte what serializing the whole event gives, for any text and block', { timeout: 1000 }, () => {
  for (const text of ['hi', 'say "yes"\nthen \\ stop', 'Grüße 👋 \u2028', '</script>']) {
    const encoder = streamEncoder({ id: 'msg_1', model: 'chat', created: 0, includeUsage: false });
    encoder({ type: 'start', id: 'v', model: 'm' });
    // a tool block first, so the text block is not index 0
    encoder({ type: 'tool_call', index: 0, id: 'toolu_1', name: 'get_time' });
    const out = encoder({ type: 'text', text });
    const delta = out.at(-1);
    assert.equal(delta?.event, 'content_block_delta');
    assert.equal(delta?.data, JSON.stringify({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text } }));
  }
});

test('reasoning: thinking blocks with their deltas and signature, a new block after each signature, redacted blocks whole', { timeout: 1000 }, () => {
  const out = encodeAll([
    { type: 'start', id: 'v', model: 'vm' },
    { type: 'reasoning', text: 'first ' },
    { type: 'reasoning', text: 'thought' },
    { type: 'reasoning', signature: 'sig1' },
    { type: 'reasoning', text: 'second' },
    { type: 'reasoning', signature: 'sig2' },
    { type: 'reasoning', redactedData: 'opaque' },
    { type: 'text', text: 'answer' },
    { type: 'finish', finish: 'stop' },
  ]).map(dataOf);
  const starts = out.filter((d) => d.type === 'content_block_start').map((d) => [d.index, d.content_block]);
  assert.deepEqual(starts, [
    [0, { type: 'thinking', thinking: '', signature: '' }],
    [1, { type: 'thinking', thinking: '', signature: '' }],
    [2, { type: 'redacted_thinking', data: 'opaque' }],
    [3, { type: 'text', text: '' }],
  ]);
  const deltas = out.filter((d) => d.type === 'content_block_delta').map((d) => [d.index, d.delta]);
  assert.deepEqual(deltas, [
    [0, { type: 'thinking_delta', thinking: 'first ' }],
    [0, { type: 'thinking_delta', thinking: 'thought' }],
    [0, { type: 'signature_delta', signature: 'sig1' }],
    [1, { type: 'thinking_delta', thinking: 'second' }],
    [1, { type: 'signature_delta', signature: 'sig2' }],
    [3, { type: 'text_delta', text: 'answer' }],
  ]);
  assert.deepEqual(out.filter((d) => d.type === 'content_block_stop').map((d) => d.index), [0, 1, 2, 3]);
});
