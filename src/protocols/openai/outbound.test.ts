import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { openaiOutbound } from './outbound.ts';
import { parseChatRequest } from './parse.ts';
import { FULL_REQUEST } from './requests.fixture.ts';
import { recordingJson } from './recordings.fixture.ts';

test('round trip: OpenAI request → canonical → OpenAI body is the same request', { timeout: 1000 }, () => {
  const { max_tokens: _deprecated, stream_options: _ours, ...rest } = FULL_REQUEST;
  const { body, path, headers } = openaiOutbound.encode(parseChatRequest(FULL_REQUEST), 'gpt-4o-2024-08-06');
  assert.equal(path, '/chat/completions');
  assert.deepEqual(headers, {});
  assert.deepEqual(body, {
    ...rest,
    model: 'gpt-4o-2024-08-06',
    // Normalizations, each on purpose: one string per system message, a single stop as a list, no image detail,
    // max_tokens folded into max_completion_tokens, tool text parts joined, and usage always asked for.
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'system', content: 'Answer in English.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture, and the weather?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
        ],
      },
      FULL_REQUEST.messages[3],
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ],
    stop: ['END'],
    stream_options: { include_usage: true },
  });
});

test('round trip of a plain request adds nothing', { timeout: 1000 }, () => {
  const plain = { model: 'm', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }], temperature: 0 };
  assert.deepEqual(openaiOutbound.encode(parseChatRequest(plain), 'm').body, plain);
});

test('streams always ask for usage, whatever the caller said', { timeout: 1000 }, () => {
  const req = parseChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  assert.equal(req.includeUsage, false);
  assert.deepEqual(openaiOutbound.encode(req, 'm').body.stream_options, { include_usage: true });
});

test('canonical from other protocols: tool results in user turns, no passthrough to a foreign vendor', { timeout: 1000 }, () => {
  const req: ChatRequest = {
    model: 'chat',
    system: [],
    messages: [
      {
        role: 'user',
        parts: [
          { type: 'tool_result', toolCallId: 'a', content: 'one', isError: false },
          { type: 'tool_result', toolCallId: 'b', content: 'two', isError: true },
          { type: 'text', text: 'and now?' },
        ],
      },
    ],
    tools: [],
    toolChoice: 'none',
    stop: [],
    responseFormat: { type: 'json' },
    stream: false,
    includeUsage: false,
    passthrough: { protocol: 'anthropic', fields: { top_k: 5 } },
  };
  assert.deepEqual(openaiOutbound.encode(req, 'gpt').body, {
    model: 'gpt',
    messages: [
      { role: 'tool', tool_call_id: 'a', content: 'one' },
      { role: 'tool', tool_call_id: 'b', content: 'two' },
      { role: 'user', content: 'and now?' },
    ],
    tool_choice: 'none',
    response_format: { type: 'json_object' },
  });
});

test("a tool's strict flag goes to the vendor as the caller set it, and not at all when unset", { timeout: 1000 }, () => {
  const schema = { type: 'object', properties: {}, additionalProperties: false };
  const req = parseChatRequest({
    model: 'm',
    messages: [{ role: 'user', content: 'hi' }],
    tools: [
      { type: 'function', function: { name: 'strict_one', parameters: schema, strict: true } },
      { type: 'function', function: { name: 'lax_one', parameters: schema, strict: false } },
      { type: 'function', function: { name: 'unset', parameters: schema, strict: null } },
    ],
  });
  assert.deepEqual(req.tools.map((t) => t.strict), [true, false, undefined]);
  assert.deepEqual(openaiOutbound.encode(req, 'gpt').body.tools, [
    { type: 'function', function: { name: 'strict_one', parameters: schema, strict: true } },
    { type: 'function', function: { name: 'lax_one', parameters: schema, strict: false } },
    { type: 'function', function: { name: 'unset', parameters: schema } },
  ]);
});

test('passthrough never overrides a translated field', { timeout: 1000 }, () => {
  const req = parseChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], seed: 1 });
  req.passthrough.fields.model = 'sneaky';
  const body = openaiOutbound.encode(req, 'gpt').body;
  assert.equal(body.model, 'gpt');
  assert.equal(body.seed, 1);
});

test('auth header', { timeout: 1000 }, () => {
  assert.deepEqual(openaiOutbound.authHeaders('sk-test'), { authorization: 'Bearer sk-test' });
});

test('decode: text, tool calls, refusal; usage reported', { timeout: 1000 }, () => {
  assert.deepEqual(openaiOutbound.decode(recordingJson('chat-text.json')), {
    id: 'chatcmpl-CAb1jDw8Eq5lZ9yBcRsT6vXfNk3aP',
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, parts: [{ type: 'text', text: 'Hello! How can I help you today?' }], finish: 'stop' }],
    usage: { input: 19, output: 10, cacheRead: 0, reported: true },
  });
  const tools = openaiOutbound.decode(recordingJson('chat-tools.json'));
  assert.deepEqual(tools.choices[0]?.parts, [
    { type: 'tool_call', id: 'call_7hJk2LmQ9rS4tV6wX8yZ0aBc', name: 'get_weather', arguments: '{"city":"Oslo","unit":"c"}' },
    { type: 'tool_call', id: 'call_De3Fg5Hi7Jk9Lm1No3Pq5Rs7', name: 'get_time', arguments: '{"zone": "Europe/Oslo"}' },
  ]);
  assert.equal(tools.choices[0]?.finish, 'tool_calls');
  assert.deepEqual(tools.usage, { input: 1240, output: 51, cacheRead: 1024, reported: true });
  const refusal = openaiOutbound.decode(recordingJson('chat-refusal.json'));
  assert.deepEqual(refusal.choices[0]?.parts, [{ type: 'text', text: "I'm sorry, I can't help with that." }]);
});

test('decode: a compatible server without usage or finish reason; malformed bodies', { timeout: 1000 }, () => {
  const res = openaiOutbound.decode({ id: 'x', model: 'llama', choices: [{ message: { content: 'hi' }, finish_reason: 'function_call' }] });
  assert.equal(res.usage, null);
  assert.deepEqual(res.choices, [{ index: 0, parts: [{ type: 'text', text: 'hi' }], finish: 'tool_calls' }]);
  for (const bad of [null, 'text', {}, { choices: [{}] }, { choices: [{ message: { content: 5 } }] }]) {
    assert.throws(() => openaiOutbound.decode(bad), (err: unknown) => err instanceof AirlockError && err.code === 'upstream_malformed');
  }
});

test('decodeError: every status class', { timeout: 1000 }, () => {
  const d = (status: number, file: string | null): ReturnType<typeof openaiOutbound.decodeError> =>
    openaiOutbound.decodeError(status, file === null ? null : recordingJson(file), {});
  const limited = d(429, 'error-429.json');
  assert.deepEqual({ ...limited, message: '' }, { status: 429, code: 'upstream_rate_limited', message: '', retryable: true });
  assert.match(limited.message, /^vendor: Rate limit reached/);
  assert.equal(limited.retryAfterMs, undefined, 'vendors/ owns Retry-After');
  assert.deepEqual({ ...d(429, 'error-429-quota.json'), message: '' }, { status: 502, code: 'upstream_auth', message: '', retryable: false });
  const auth = d(401, 'error-401.json');
  assert.deepEqual(auth, { status: 502, code: 'upstream_auth', message: "the vendor rejected Airlock's credentials", retryable: false });
  assert.equal(d(403, null).code, 'upstream_auth');
  assert.deepEqual(d(400, 'error-400.json'), {
    status: 400,
    code: 'upstream_invalid_request',
    message: "vendor: Invalid type for 'messages[1].content': expected one of a string or array of objects, but got an integer instead.",
    retryable: false,
    param: 'messages[1].content',
  });
  assert.deepEqual({ ...d(404, 'error-404.json'), message: '' }, { status: 404, code: 'upstream_invalid_request', message: '', retryable: false });
  assert.equal(d(422, null).status, 422);
  assert.equal(d(422, null).message, 'vendor: HTTP 422');
  for (const status of [408, 409, 500, 502, 504]) {
    const f = d(status, status === 500 ? 'error-500.json' : null);
    assert.deepEqual([f.code, f.retryable, f.status], ['upstream_error', true, status], `status ${status}`);
  }
  assert.deepEqual({ ...d(503, 'error-503.json'), message: '' }, { status: 503, code: 'upstream_overloaded', message: '', retryable: true });
});
