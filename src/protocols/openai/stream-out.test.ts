import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import type { ResponseMeta } from '../types.ts';
import { createStreamDecoder } from './stream-in.ts';
import { createStreamEncoder, streamError } from './stream-out.ts';
import { frameSse, writeSse } from './recordings.fixture.ts';

const META: ResponseMeta = { id: 'chatcmpl-airlock1', model: 'chat', created: 1767225600, includeUsage: true };

const TOOL_EVENTS: StreamEvent[] = [
  { type: 'start', id: 'vendor-id', model: 'vendor-model' },
  { type: 'text', text: 'Let me check.' },
  { type: 'tool_call', index: 0, id: 'call_a', name: 'get_weather' },
  { type: 'tool_args', index: 0, delta: '{"city":' },
  { type: 'tool_call', index: 1, id: 'call_b', name: 'get_time' },
  { type: 'tool_args', index: 0, delta: '"Oslo"}' },
  { type: 'tool_args', index: 1, delta: '{}' },
  { type: 'finish', finish: 'tool_calls' },
  { type: 'usage', usage: { input: 30, output: 12, cacheRead: 8, reported: true } },
];

function encode(events: StreamEvent[], meta: ResponseMeta): SseEvent[] {
  const encoder = createStreamEncoder(meta);
  return [...events.flatMap((e) => encoder(e)), ...encoder('end')];
}

function chunks(out: SseEvent[]): Record<string, unknown>[] {
  return out.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Record<string, unknown>);
}

test('encoded events decode back to the same text, tool calls and usage', { timeout: 1000 }, () => {
  const text = writeSse(encode(TOOL_EVENTS, META));
  const decoder = createStreamDecoder();
  const back = [...frameSse(text).flatMap((e) => decoder(e)), ...decoder('end')];
  assert.deepEqual(back[0], { type: 'start', id: META.id, model: META.model });
  assert.deepEqual(back.slice(1), TOOL_EVENTS.slice(1));
});

test('every chunk has the full chunk shape; the first carries the role', { timeout: 1000 }, () => {
  const out = encode([{ type: 'start', id: 'v', model: 'm' }, { type: 'text', text: 'hi' }, { type: 'finish', finish: 'stop' }], META);
  assert.equal(out.at(-1)?.data, '[DONE]');
  assert.ok(out.every((e) => e.event === undefined), 'data-only: the openai SDK needs no event line');
  const [first, second, third] = chunks(out);
  assert.deepEqual(first, {
    id: META.id,
    object: 'chat.completion.chunk',
    created: META.created,
    model: 'chat',
    service_tier: 'default',
    system_fingerprint: null,
    choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }],
    usage: null,
  });
  assert.deepEqual((second?.choices as unknown[])[0], { index: 0, delta: { content: 'hi' }, logprobs: null, finish_reason: null });
  assert.deepEqual((third?.choices as unknown[])[0], { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
});

test('the usage chunk comes last, with empty choices, only when asked for', { timeout: 1000 }, () => {
  const withUsage = chunks(encode(TOOL_EVENTS, META));
  assert.deepEqual(withUsage.at(-1)?.choices, []);
  assert.deepEqual(withUsage.at(-1)?.usage, {
    prompt_tokens: 30,
    completion_tokens: 12,
    total_tokens: 42,
    prompt_tokens_details: { cached_tokens: 8, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  });
  const without = chunks(encode(TOOL_EVENTS, { ...META, includeUsage: false }));
  assert.ok(without.every((c) => !('usage' in c)), 'no usage key at all without include_usage');
  assert.ok(without.every((c) => (c.choices as unknown[]).length === 1));
});

test('no usage event, no usage chunk even when asked for', { timeout: 1000 }, () => {
  const out = chunks(encode([{ type: 'start', id: 'v', model: 'm' }, { type: 'finish', finish: 'stop' }], META));
  assert.ok(out.every((c) => c.usage === null));
});

test('a second choice gets its own role chunk before its first delta', { timeout: 1000 }, () => {
  const out = chunks(encode([{ type: 'start', id: 'v', model: 'm' }, { type: 'text', choice: 1, text: 'b' }, { type: 'text', choice: 1, text: 'c' }], META));
  const deltas = out.map((c) => (c.choices as { index: number; delta: unknown }[])[0]);
  assert.deepEqual(deltas.slice(0, 4), [
    { index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
    { index: 1, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
    { index: 1, delta: { content: 'b' }, logprobs: null, finish_reason: null },
    { index: 1, delta: { content: 'c' }, logprobs: null, finish_reason: null },
  ]);
});

test('an error event ends the stream: the error chunk, then nothing, not even [DONE]', { timeout: 1000 }, () => {
  const err = new AirlockError('stream_interrupted', 'the vendor stream broke off');
  const encoder = createStreamEncoder(META);
  const out = [
    ...encoder({ type: 'start', id: 'v', model: 'm' }),
    ...encoder({ type: 'text', text: 'par' }),
    ...encoder({ type: 'error', error: err }),
    ...encoder({ type: 'text', text: 'tial' }),
    ...encoder({ type: 'usage', usage: { input: 1, output: 1, reported: true } }),
    ...encoder('end'),
  ];
  assert.equal(out.length, 3);
  assert.deepEqual(JSON.parse(out[2]?.data ?? ''), {
    error: { message: 'the vendor stream broke off', type: 'api_error', param: null, code: 'stream_interrupted' },
  });
  assert.deepEqual(streamError(err, 'req_1'), [out[2]]);
});

test('a text delta is byte for byte what serializing the whole chunk gives, for any text and choice', { timeout: 1000 }, () => {
  for (const meta of [META, { ...META, includeUsage: false }]) {
    for (const choice of [0, 1]) {
      for (const text of ['hi', 'say "yes"\nthen \\ stop', 'Grüße 👋 \u2028', '</script>']) {
        const encoder = createStreamEncoder(meta);
        encoder({ type: 'start', id: 'v', model: 'm' });
        if (choice !== 0) encoder({ type: 'text', choice, text: 'opens the choice' });
        const [out, ...rest] = encoder(choice === 0 ? { type: 'text', text } : { type: 'text', choice, text });
        assert.equal(rest.length, 0);
        const whole = {
          id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model, service_tier: 'default', system_fingerprint: null,
          choices: [{ index: choice, delta: { content: text }, logprobs: null, finish_reason: null }],
          ...(meta.includeUsage ? { usage: null } : {}),
        };
        assert.equal(out?.data, JSON.stringify(whole));
      }
    }
  }
});
