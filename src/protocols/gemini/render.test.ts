// The Gemini answer and error writers (render.ts, inbound-errors.ts). What they write is read back with the
// vendor-side reader (response.ts), which parses the same wire: the canonical content must survive the trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatResponse, Choice, Finish } from '../../core/canonical.ts';
import { AirlockError, ERROR_CODES, ERROR_SPECS } from '../../core/errors.ts';
import { googleStatus, renderError, streamError } from './inbound-errors.ts';
import { renderGenerateContent, usageMetadata } from './render.ts';
import { decode } from './response.ts';

const meta = { id: 'req-1', model: 'chat', created: 0, includeUsage: false };
const answer = (choices: Choice[], usage: ChatResponse['usage'] = null): ChatResponse => ({ id: 'vendor-id', model: 'gpt-4o-mini', choices, usage });

test('render: golden answer with text, parallel calls and usage', () => {
  const res = answer(
    [
      {
        index: 0,
        finish: 'tool_calls',
        parts: [
          { type: 'text', text: 'checking' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo","days":[1,2]}' },
          { type: 'tool_call', id: 'call_2', name: 'get_time', arguments: '' },
        ],
      },
    ],
    { input: 12, output: 5, reported: true },
  );
  assert.deepEqual(renderGenerateContent(res, meta), {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { text: 'checking' },
            { functionCall: { id: 'call_1', name: 'get_weather', args: { city: 'Oslo', days: [1, 2] } } },
            // some vendors stream a call without arguments as empty text
            { functionCall: { id: 'call_2', name: 'get_time', args: {} } },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17 },
    modelVersion: 'chat',
    responseId: 'req-1',
  });
});

test('render: round trip through response.ts keeps choices, calls, ids and usage', () => {
  const res = answer(
    [
      {
        index: 0,
        finish: 'tool_calls',
        parts: [
          { type: 'text', text: 'checking' },
          { type: 'reasoning', text: 'hmm', signature: 'sig' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
          { type: 'tool_call', id: 'toolu_2', name: 'get_time', arguments: '{"tz":"UTC"}' },
        ],
      },
      { index: 1, finish: 'length', parts: [{ type: 'text', text: 'cut' }] },
      { index: 2, finish: 'stop', parts: [{ type: 'text', text: 'plain' }] },
    ],
    { input: 12, output: 5, cacheRead: 4, reported: true },
  );
  const body = renderGenerateContent(res, meta);
  assert.deepEqual(body.usageMetadata, { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17, cachedContentTokenCount: 4 });
  const back = decode(JSON.parse(JSON.stringify(body)));
  assert.equal(back.id, 'req-1');
  assert.equal(back.model, 'chat');
  // reasoning is not shown; everything else comes back as it was
  assert.deepEqual(back.choices, res.choices.map((c) => ({ ...c, parts: c.parts.filter((p) => p.type !== 'reasoning') })));
  assert.deepEqual(back.usage, res.usage);
});

test('render: finish table; STOP for calls as for text, decoded back to tool_calls only when calls are there', () => {
  const table: [Finish, string, Finish][] = [
    ['stop', 'STOP', 'stop'],
    ['tool_calls', 'STOP', 'tool_calls'],
    ['length', 'MAX_TOKENS', 'length'],
    ['content_filter', 'SAFETY', 'content_filter'],
  ];
  for (const [finish, wire, decoded] of table) {
    const parts: Choice['parts'] = finish === 'tool_calls' ? [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] : [{ type: 'text', text: 'x' }];
    const body = renderGenerateContent(answer([{ index: 0, finish, parts }]), meta);
    assert.equal((body.candidates as { finishReason: string }[])[0]?.finishReason, wire, finish);
    assert.equal(decode(body).choices[0]?.finish, decoded, finish);
  }
});

test('render: reasoning, media and empty text are not rendered; null usage leaves usageMetadata out', () => {
  const body = renderGenerateContent(
    answer([
      {
        index: 0,
        finish: 'stop',
        parts: [
          { type: 'reasoning', text: 'thinking', signature: 'sig' },
          { type: 'reasoning', text: '', signature: '', redactedData: 'opaque' },
          { type: 'text', text: '' },
          { type: 'image', url: 'data:image/png;base64,AAAA', mediaType: 'image/png' },
          { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=' },
          { type: 'text', text: 'answer' },
        ],
      },
    ]),
    meta,
  );
  assert.deepEqual(body, { candidates: [{ content: { role: 'model', parts: [{ text: 'answer' }] }, finishReason: 'STOP', index: 0 }], modelVersion: 'chat', responseId: 'req-1' });
  // an empty answer (a filter that cut it all): one empty text part, so the SDK's chats keep the turn
  const empty = renderGenerateContent(answer([{ index: 0, finish: 'content_filter', parts: [] }]), meta);
  assert.deepEqual(empty.candidates, [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'SAFETY', index: 0 }]);
  assert.deepEqual(decode(empty).choices, [{ index: 0, finish: 'content_filter', parts: [] }]);
});

test('render: usageMetadata is the inverse of usageOf; a zero cache read is left out, as Gemini leaves it', () => {
  assert.deepEqual(usageMetadata({ input: 0, output: 0, reported: false }), { promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 });
  assert.deepEqual(usageMetadata({ input: 9, output: 1, cacheRead: 0, cacheWrite: 3, reported: true }), { promptTokenCount: 9, candidatesTokenCount: 1, totalTokenCount: 10 });
  const usage = { input: 100, output: 20, cacheRead: 64, reported: true };
  assert.deepEqual(decode({ candidates: [{ content: { parts: [{ text: 'x' }] } }], usageMetadata: usageMetadata(usage) }).usage, usage);
});

test('render: a call whose arguments are not a JSON object is left out, and the finish says why', () => {
  const bad = (finish: Finish, args: string): ChatResponse =>
    answer([{ index: 0, finish, parts: [{ type: 'text', text: 'a' }, { type: 'tool_call', id: 'c1', name: 'f', arguments: args }, { type: 'tool_call', id: 'c2', name: 'g', arguments: '{"ok":true}' }] }]);
  const malformed = renderGenerateContent(bad('tool_calls', '[1,2]'), meta);
  assert.deepEqual(malformed.candidates, [
    { content: { role: 'model', parts: [{ text: 'a' }, { functionCall: { id: 'c2', name: 'g', args: { ok: true } } }] }, finishReason: 'MALFORMED_FUNCTION_CALL', index: 0 },
  ]);
  // cut off by the token limit: the limit is the reason
  const cut = renderGenerateContent(bad('length', '{"city":"Os'), meta);
  assert.equal((cut.candidates as { finishReason: string }[])[0]?.finishReason, 'MAX_TOKENS');
  assert.equal(decode(cut).choices[0]?.finish, 'tool_calls');
});

test('errors: Google status names by HTTP status, the rest by class', () => {
  const table: [number, string][] = [
    [400, 'INVALID_ARGUMENT'], [401, 'UNAUTHENTICATED'], [403, 'PERMISSION_DENIED'], [404, 'NOT_FOUND'], [405, 'UNIMPLEMENTED'],
    [409, 'ABORTED'], [410, 'NOT_FOUND'], [413, 'INVALID_ARGUMENT'], [429, 'RESOURCE_EXHAUSTED'], [499, 'CANCELLED'], [500, 'INTERNAL'],
    [501, 'UNIMPLEMENTED'], [502, 'UNAVAILABLE'], [503, 'UNAVAILABLE'], [504, 'DEADLINE_EXCEEDED'], [408, 'FAILED_PRECONDITION'],
    [418, 'FAILED_PRECONDITION'], [422, 'FAILED_PRECONDITION'], [507, 'INTERNAL'], [529, 'INTERNAL'],
  ];
  for (const [status, name] of table) assert.equal(googleStatus(status), name, String(status));
});

test('errors: every code renders as google.rpc.Status with its spec status; a spent budget is 429', () => {
  for (const code of ERROR_CODES) {
    const { status, body } = renderError(new AirlockError(code, `about ${code}`), 'req-9');
    const expected = code === 'budget_exceeded' ? 429 : ERROR_SPECS[code].status;
    assert.equal(status, expected, code);
    assert.deepEqual(body, {
      error: { code: expected, message: `about ${code}`, status: googleStatus(expected), details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'req-9' }] },
    }, code);
  }
  assert.deepEqual(renderError(new AirlockError('budget_exceeded', 'the app budget is spent'), 'r').body, {
    error: { code: 429, message: 'the app budget is spent', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'r' }] },
  });
  assert.deepEqual(renderError(new AirlockError('payload_too_large', 'too big'), 'r').status, 413);
});

test('errors: no details without a request id; param stays out of the message; a vendor status passes through', () => {
  assert.deepEqual(renderError(new AirlockError('invalid_request', "invalid value for 'contents.0.parts': empty", { param: 'contents.0.parts' }), ''), {
    status: 400,
    body: { error: { code: 400, message: "invalid value for 'contents.0.parts': empty", status: 'INVALID_ARGUMENT' } },
  });
  assert.deepEqual(renderError(new AirlockError('upstream_invalid_request', 'vendor: nope', { status: 422 }), '').body, { error: { code: 422, message: 'vendor: nope', status: 'FAILED_PRECONDITION' } });
  // a status that is no error cannot be answered as one
  assert.equal(renderError(new AirlockError('internal', 'odd', { status: 200 }), '').status, 500);
});

test('errors: the mid-stream frame is data-only and carries the same body, with a code @google/genai throws for', () => {
  const err = new AirlockError('upstream_overloaded', 'vendor: busy');
  const frames = streamError(err, 'req-2');
  assert.equal(frames.length, 1);
  assert.equal(frames[0]?.event, undefined);
  assert.deepEqual(JSON.parse(frames[0]?.data ?? ''), renderError(err, 'req-2').body);
  for (const status of [0, 200, 302, 600, 999]) {
    const code: unknown = JSON.parse(streamError(new AirlockError('internal', 'odd', { status }), '')[0]?.data ?? '').error.code;
    assert.equal(code, 500, String(status));
  }
  assert.equal(JSON.parse(streamError(new AirlockError('budget_exceeded', 'spent'), '')[0]?.data ?? '').error.status, 'RESOURCE_EXHAUSTED');
});
