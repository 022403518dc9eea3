// The Gemini output layer (render.ts, stream-out.ts, inbound-errors.ts), checked by decoding what it wrote with the
// vendor-side readers (response.ts, stream-in.ts), which parse the same wire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatResponse, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { googleStatus, renderError, streamError } from './inbound-errors.ts';
import { renderGenerateContent } from './render.ts';
import { decode } from './response.ts';
import { streamDecoder } from './stream-in.ts';
import { createStreamEncoder } from './stream-out.ts';

const meta = { id: 'req-1', model: 'chat', created: 0, includeUsage: true };

test('render: text and calls round-trip through the vendor-side reader; usage, finish, ids', () => {
  const res: ChatResponse = {
    id: 'vendor-id',
    model: 'gpt-4o-mini',
    choices: [
      { index: 0, finish: 'tool_calls', parts: [{ type: 'text', text: 'checking' }, { type: 'reasoning', text: 'hmm', signature: 's' }, { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      { index: 1, finish: 'length', parts: [{ type: 'text', text: 'cut' }] },
    ],
    usage: { input: 12, output: 5, cacheRead: 4, reported: true },
  };
  const body = renderGenerateContent(res, meta);
  assert.deepEqual(body.usageMetadata, { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17, cachedContentTokenCount: 4 });
  assert.equal(body.responseId, 'req-1');
  assert.equal(body.modelVersion, 'chat');
  const back = decode(body);
  assert.deepEqual(back.choices, [
    { index: 0, finish: 'tool_calls', parts: [{ type: 'text', text: 'checking' }, { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
    { index: 1, finish: 'length', parts: [{ type: 'text', text: 'cut' }] },
  ]);
  assert.deepEqual(back.usage, res.usage);
  // the finish table: STOP for calls as for text, SAFETY for a filter
  const reasons = (['stop', 'tool_calls', 'length', 'content_filter'] as const).map((finish) => {
    const one = renderGenerateContent({ ...res, choices: [{ index: 0, finish, parts: [] }], usage: null }, meta);
    assert.equal(one.usageMetadata, undefined);
    return (one.candidates as { finishReason: string }[])[0]?.finishReason;
  });
  assert.deepEqual(reasons, ['STOP', 'STOP', 'MAX_TOKENS', 'SAFETY']);
  // arguments that are not an object cannot go out on this wire: the vendor's answer is unusable, not the caller's request
  assert.throws(
    () => renderGenerateContent({ ...res, choices: [{ index: 0, finish: 'tool_calls', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '[1]' }] }] }, meta),
    (e: unknown) => e instanceof AirlockError && e.code === 'upstream_malformed',
  );
});

function encodeAll(events: StreamEvent[]): string[] {
  const encode = createStreamEncoder(meta);
  return [...events.flatMap((e) => encode(e)), ...encode('end')].map((e) => {
    assert.equal(e.event, undefined, 'Gemini events are data-only');
    return e.data;
  });
}

test('stream: text as it comes, parallel calls whole at the finish, the last chunk holding finish and usage', () => {
  const events: StreamEvent[] = [
    { type: 'start', id: 'v', model: 'm' },
    { type: 'text', text: 'one ' },
    { type: 'text', text: 'two' },
    { type: 'tool_call', index: 0, id: 'call_a', name: 'get_weather' },
    { type: 'tool_args', index: 0, delta: '{"city":' },
    { type: 'tool_call', index: 1, id: 'call_b', name: 'get_time' },
    { type: 'tool_args', index: 0, delta: '"Oslo"}' },
    { type: 'tool_args', index: 1, delta: '{}' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 7, output: 3, reported: true } },
  ];
  const data = encodeAll(events);
  assert.equal(data.length, 3);
  const last = JSON.parse(data[2] ?? '') as { candidates: { finishReason: string; content: { parts: unknown[] } }[]; usageMetadata: unknown };
  assert.equal(last.candidates[0]?.finishReason, 'STOP');
  assert.deepEqual(last.candidates[0]?.content.parts, [{ functionCall: { id: 'call_a', name: 'get_weather', args: { city: 'Oslo' } } }, { functionCall: { id: 'call_b', name: 'get_time', args: {} } }]);
  assert.deepEqual(last.usageMetadata, { promptTokenCount: 7, candidatesTokenCount: 3, totalTokenCount: 10 });
  // decoded by the vendor-side reader: the same content, the same usage
  const decodeChunk = streamDecoder();
  const back = [...data.flatMap((d) => decodeChunk({ data: d })), ...decodeChunk('end')];
  assert.deepEqual(back.filter((e) => e.type !== 'start'), [
    { type: 'text', text: 'one ' },
    { type: 'text', text: 'two' },
    { type: 'tool_call', index: 0, id: 'call_a', name: 'get_weather' },
    { type: 'tool_args', index: 0, delta: '{"city":"Oslo"}' },
    { type: 'tool_call', index: 1, id: 'call_b', name: 'get_time' },
    { type: 'tool_args', index: 1, delta: '{}' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 7, output: 3, reported: true } },
  ]);
});

test('stream: a finish with no usage goes out at the end; an error ends the stream in Google\'s shape', () => {
  const plain = encodeAll([{ type: 'text', text: 'hi' }, { type: 'finish', finish: 'length' }]);
  assert.equal((JSON.parse(plain[1] ?? '') as { candidates: { finishReason: string }[] }).candidates[0]?.finishReason, 'MAX_TOKENS');
  const failed = encodeAll([{ type: 'text', text: 'hi' }, { type: 'error', error: new AirlockError('stream_interrupted', 'vendor: cut') }, { type: 'text', text: 'late' }]);
  assert.equal(failed.length, 2);
  assert.deepEqual(JSON.parse(failed[1] ?? ''), {
    error: { code: 502, message: 'vendor: cut', status: 'UNAVAILABLE', details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'req-1' }] },
  });
});

test('errors: Google\'s status names, a spent budget as 429 RESOURCE_EXHAUSTED, the request id in details', () => {
  assert.deepEqual(
    [400, 401, 403, 404, 405, 409, 410, 413, 429, 499, 500, 502, 503, 504, 418, 507].map(googleStatus),
    ['INVALID_ARGUMENT', 'UNAUTHENTICATED', 'PERMISSION_DENIED', 'NOT_FOUND', 'UNIMPLEMENTED', 'ABORTED', 'NOT_FOUND', 'INVALID_ARGUMENT', 'RESOURCE_EXHAUSTED', 'CANCELLED', 'INTERNAL', 'UNAVAILABLE', 'UNAVAILABLE', 'DEADLINE_EXCEEDED', 'FAILED_PRECONDITION', 'INTERNAL'],
  );
  const budget = renderError(new AirlockError('budget_exceeded', 'the app budget is spent'), 'r');
  assert.equal(budget.status, 429);
  assert.deepEqual(budget.body, { error: { code: 429, message: 'the app budget is spent', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'r' }] } });
  assert.deepEqual(renderError(new AirlockError('policy_blocked', 'no'), '').body, { error: { code: 403, message: 'no', status: 'PERMISSION_DENIED' } });
  assert.equal(JSON.parse(streamError(new AirlockError('budget_exceeded', 'spent'), '')[0]?.data ?? '').error.code, 429);
});
