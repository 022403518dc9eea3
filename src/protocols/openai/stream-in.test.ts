import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { createStreamDecoder } from './stream-in.ts';
import { frameSse, randomSplits, recordingText } from './recordings.fixture.ts';

const STREAMS = ['chat-text.sse', 'chat-usage.sse', 'chat-tools.sse', 'chat-parallel-tools.sse', 'chat-n2.sse', 'chat-error.sse'];

function decode(pieces: Iterable<string>): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...frameSse(pieces).flatMap((ev) => decoder(ev)), ...decoder('end')];
}

function comparable(events: StreamEvent[]): unknown[] {
  // AirlockError instances carry stack traces: compare what a caller would see.
  return events.map((e) => (e.type === 'error' ? { type: 'error', code: e.error.code, message: e.error.message } : e));
}

for (const name of STREAMS) {
  test(`chunk-split law: ${name} decodes identically whole, byte by byte and at random splits`, { timeout: 5000 }, () => {
    const text = recordingText(name);
    const whole = comparable(decode([text]));
    assert.ok(whole.length > 0);
    assert.deepEqual(comparable(decode(text)), whole, 'byte by byte');
    for (let seed = 1; seed <= 25; seed++) {
      assert.deepEqual(comparable(decode(randomSplits(text, seed, 1 + (seed % 9)))), whole, `seed ${seed}`);
    }
    // CRLF line endings are legal SSE too.
    assert.deepEqual(comparable(decode([text.replaceAll('\n', '\r\n')])), whole, 'CRLF');
  });
}

test('chat-usage.sse: start, text deltas, finish, usage', { timeout: 1000 }, () => {
  const events = decode([recordingText('chat-usage.sse')]);
  assert.deepEqual(events[0], { type: 'start', id: 'chatcmpl-CAb1eYr3Zl0gU4tWxMnO1qSaIf8vK', model: 'gpt-4o-mini-2024-07-18' });
  const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
  assert.equal(text, 'Hello! How can I help you today?');
  assert.ok(events.every((e) => e.type !== 'text' || e.text !== ''), 'the empty first delta is not an event');
  assert.deepEqual(events.slice(-2), [
    { type: 'finish', finish: 'stop' },
    { type: 'usage', usage: { input: 19, output: 10, cacheRead: 0, reported: true } },
  ]);
});

test('chat-text.sse: no usage chunk means no usage event', { timeout: 1000 }, () => {
  const events = decode([recordingText('chat-text.sse')]);
  assert.equal(events.filter((e) => e.type === 'usage').length, 0);
  assert.deepEqual(events.at(-1), { type: 'finish', finish: 'stop' });
});

test('chat-parallel-tools.sse: two calls, byte-exact arguments, cached tokens', { timeout: 1000 }, () => {
  const events = decode([recordingText('chat-parallel-tools.sse')]);
  const calls = events.filter((e) => e.type === 'tool_call');
  assert.deepEqual(calls, [
    { type: 'tool_call', index: 0, id: 'call_7hJk2LmQ9rS4tV6wX8yZ0aBc', name: 'get_weather' },
    { type: 'tool_call', index: 1, id: 'call_De3Fg5Hi7Jk9Lm1No3Pq5Rs7', name: 'get_time' },
  ]);
  const args = (i: number): string => events.flatMap((e) => (e.type === 'tool_args' && e.index === i ? [e.delta] : [])).join('');
  assert.equal(args(0), '{"city":"Oslo","unit":"c"}');
  assert.equal(args(1), '{"zone":"Europe/Oslo"}');
  assert.deepEqual(events.slice(-2), [
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 1240, output: 51, cacheRead: 1024, reported: true } },
  ]);
});

test('chat-n2.sse: choice 0 untagged, choice 1 tagged', { timeout: 1000 }, () => {
  const events = decode([recordingText('chat-n2.sse')]);
  assert.deepEqual(events.slice(1, -1), [
    { type: 'text', text: 'Red' },
    { type: 'text', choice: 1, text: 'Blue' },
    { type: 'text', text: ' apples' },
    { type: 'text', choice: 1, text: ' sky' },
    { type: 'finish', finish: 'stop' },
    { type: 'finish', choice: 1, finish: 'length' },
  ]);
});

test('chat-error.sse: a mid-stream error becomes an upstream_error event', { timeout: 1000 }, () => {
  const events = decode([recordingText('chat-error.sse')]);
  const last = events.at(-1);
  assert.equal(last?.type, 'error');
  assert.ok(last.error instanceof AirlockError);
  assert.equal(last.error.code, 'upstream_error');
  assert.match(last.error.message, /^vendor: The server had an error/);
});

test('an `event: error` line, unparsable JSON and [DONE]', { timeout: 1000 }, () => {
  const decoder = createStreamDecoder();
  assert.deepEqual(decoder({ data: '[DONE]' }), []);
  const named = decoder({ event: 'error', data: '{"message":"boom"}' });
  assert.equal(named[0]?.type === 'error' && named[0].error.code, 'upstream_error');
  const broken = decoder({ data: '{"id":' });
  assert.equal(broken[0]?.type === 'error' && broken[0].error.code, 'upstream_malformed');
});

test('compatible servers: repeated call ids open one call; arguments on the first fragment are kept', { timeout: 1000 }, () => {
  const decoder = createStreamDecoder();
  const chunk = (delta: object, finish: string | null = null): string =>
    JSON.stringify({ id: 'x', model: 'llama', choices: [{ index: 0, delta, finish_reason: finish }] });
  const events = [
    ...decoder({ data: chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{"a"' } }] }) }),
    ...decoder({ data: chunk({ tool_calls: [{ index: 0, id: 'c1', function: { arguments: ':1}' } }] }) }),
    ...decoder({ data: chunk({}, 'function_call') }),
  ];
  assert.deepEqual(events, [
    { type: 'start', id: 'x', model: 'llama' },
    { type: 'tool_call', index: 0, id: 'c1', name: 'f' },
    { type: 'tool_args', index: 0, delta: '{"a"' },
    { type: 'tool_args', index: 0, delta: ':1}' },
    { type: 'finish', finish: 'tool_calls' },
  ]);
});

test('a usage chunk decodes on the fast check; a count that is not a number goes to zod and is malformed', { timeout: 1000 }, () => {
  const chunk = (usage: unknown): string => JSON.stringify({ id: 'c1', model: 'm', choices: [], usage });
  const plain = createStreamDecoder()({ data: chunk({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10, prompt_tokens_details: { cached_tokens: 2 } }) });
  assert.deepEqual(plain, [
    { type: 'start', id: 'c1', model: 'm' },
    { type: 'usage', usage: { input: 7, output: 3, cacheRead: 2, reported: true } },
  ]);
  const bad = createStreamDecoder()({ data: chunk({ prompt_tokens: '7', completion_tokens: 3 }) });
  assert.equal(bad[0]?.type === 'error' && bad[0].error.code, 'upstream_malformed');
  const badDetails = createStreamDecoder()({ data: chunk({ prompt_tokens: 7, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 'two' } }) });
  assert.equal(badDetails[0]?.type === 'error' && badDetails[0].error.code, 'upstream_malformed');
});
