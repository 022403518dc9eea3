import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { decodeError } from './errors.ts';
import { authHeaders, decode, encode } from './outbound.ts';

const recordings = new URL('../../simulator/recordings/anthropic/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, recordings), 'utf8'));

function request(over: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'smart',
    system: [],
    messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    tools: [],
    toolChoice: 'auto',
    stop: [],
    responseFormat: { type: 'text' },
    stream: false,
    includeUsage: false,
    passthrough: { protocol: 'openai', fields: {} },
    ...over,
  };
}

test('authHeaders carries the key in x-api-key', { timeout: 1000 }, () => {
  assert.deepEqual(authHeaders('sk-ant-1'), { 'x-api-key': 'sk-ant-1' });
});

test('encode: a full request', { timeout: 1000 }, () => {
  const out = encode(
    request({
      system: ['be brief', 'be kind'],
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'look' }, { type: 'image', url: 'data:image/png;base64,iVBORw0K', mediaType: 'image/png' }, { type: 'image', url: 'https://example.com/a.jpg' }] },
        { role: 'assistant', parts: [{ type: 'text', text: '' }, { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"location":"Oslo"}' }, { type: 'tool_call', id: 'call_2', name: 'now', arguments: '' }] },
        { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', content: 'sunny', isError: false }] },
        { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_2', content: 'boom', isError: true }] },
        { role: 'user', parts: [{ type: 'text', text: 'thanks' }] },
      ],
      tools: [{ name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } }, { name: 'now', parameters: {} }],
      toolChoice: { name: 'get_weather' },
      parallelToolCalls: false,
      maxTokens: 300,
      temperature: 1.6,
      topP: 0.8,
      stop: ['END'],
      responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' }, strict: true },
      stream: true,
    }),
    'claude-sonnet-4-5',
  );
  assert.deepEqual(out, {
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01' },
    body: {
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: [{ type: 'text', text: 'be brief' }, { type: 'text', text: 'be kind' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { location: 'Oslo' } }, { type: 'tool_use', id: 'call_2', name: 'now', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 'call_2', content: 'boom', is_error: true },
            { type: 'text', text: 'thanks' },
          ],
        },
      ],
      tools: [
        { name: 'get_weather', description: 'weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } },
        { name: 'now', input_schema: { type: 'object' } },
      ],
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      temperature: 1,
      top_p: 0.8,
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
      stream: true,
    },
  });
});

test('encode: a minimal request omits what was not asked for', { timeout: 1000 }, () => {
  assert.deepEqual(encode(request(), 'claude-haiku-4-5').body, {
    model: 'claude-haiku-4-5',
    max_tokens: 4096,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  });
});

test('encode: roles alternate, same-role turns merge, tool results lead the user turn', { timeout: 1000 }, () => {
  const body = encode(
    request({
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'a' }] },
        { role: 'user', parts: [{ type: 'text', text: 'b' }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 't', name: 'f', arguments: '{}' }] },
        { role: 'assistant', parts: [{ type: 'text', text: 'more' }] },
        { role: 'user', parts: [{ type: 'text', text: 'late' }] },
        { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 't', content: 'r', isError: false }] },
        { role: 'assistant', parts: [{ type: 'text', text: '' }] },
      ],
    }),
    'm',
  ).body;
  assert.deepEqual(body.messages, [
    { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }, { type: 'text', text: 'more' }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r' }, { type: 'text', text: 'late' }] },
  ]);
});

test('encode: tool choice forms', { timeout: 1000 }, () => {
  const tools = [{ name: 'f', parameters: { type: 'object' } }];
  const choice = (over: Partial<ChatRequest>) => encode(request({ tools, ...over }), 'm').body.tool_choice;
  assert.equal(choice({}), undefined);
  assert.deepEqual(choice({ parallelToolCalls: false }), { type: 'auto', disable_parallel_tool_use: true });
  assert.deepEqual(choice({ toolChoice: 'required' }), { type: 'any' });
  assert.deepEqual(choice({ toolChoice: 'none', parallelToolCalls: false }), { type: 'none' });
  // no tools: tool_choice alone is a 400 at Anthropic
  assert.equal(encode(request({ toolChoice: 'required' }), 'm').body.tool_choice, undefined);
});

test('encode: json mode becomes a system instruction', { timeout: 1000 }, () => {
  const body = encode(request({ system: ['sys', ''], responseFormat: { type: 'json' } }), 'm').body;
  assert.ok(Array.isArray(body.system) && body.system.length === 2);
  assert.deepEqual(body.system[0], { type: 'text', text: 'sys' });
  assert.match(JSON.stringify(body.system[1]), /single JSON object/);
  assert.equal(body.output_config, undefined);
});

test('encode: passthrough fills gaps for Anthropic only, never overriding', { timeout: 1000 }, () => {
  const fields = { top_k: 5, max_tokens: 1, output_config: { effort: 'low' }, metadata: { user_id: 'u' } };
  const schema = { type: 'json_schema' as const, name: 'response', schema: { type: 'object' }, strict: true };
  const ant = encode(request({ maxTokens: 99, responseFormat: schema, passthrough: { protocol: 'anthropic', fields } }), 'm').body;
  assert.equal(ant.top_k, 5);
  assert.equal(ant.max_tokens, 99);
  assert.deepEqual(ant.metadata, { user_id: 'u' });
  assert.deepEqual(ant.output_config, { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } });
  const other = encode(request({ passthrough: { protocol: 'gemini', fields } }), 'm').body;
  assert.equal(other.top_k, undefined);
});

test('encode: what Anthropic cannot express is refused with the param', { timeout: 1000 }, () => {
  const refuses = (over: Partial<ChatRequest>, code: string, param: string) =>
    assert.throws(() => encode(request(over), 'm'), (e: unknown) => e instanceof AirlockError && e.code === code && e.param === param);
  refuses({ n: 2 }, 'unsupported_parameter', 'n');
  refuses({ passthrough: { protocol: 'openai', fields: { logprobs: true } } }, 'unsupported_parameter', 'logprobs');
  refuses({ passthrough: { protocol: 'openai', fields: { top_logprobs: 2 } } }, 'unsupported_parameter', 'logprobs');
  refuses({ messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'a', name: 'b', arguments: '{"x' }] }] }, 'invalid_request', 'messages');
  refuses({ messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'a', name: 'b', arguments: '[1]' }] }] }, 'invalid_request', 'messages');
  refuses({ messages: [{ role: 'user', parts: [{ type: 'image', url: 'ftp://x/y.png' }] }] }, 'invalid_request', 'messages');
  assert.doesNotThrow(() => encode(request({ n: 1, passthrough: { protocol: 'openai', fields: { logprobs: false } } }), 'm'));
});

test('decode: a text message', { timeout: 1000 }, () => {
  assert.deepEqual(decode(fixture('message-text.json')), {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    model: 'claude-sonnet-4-5-20250929',
    choices: [{ index: 0, finish: 'stop', parts: [{ type: 'text', text: 'Hello! How can I help you today? ☕' }] }],
    usage: { input: 12, output: 11, cacheRead: 0, cacheWrite: 0, reported: true },
  });
});

test('decode: thinking kept as signed reasoning, tool_use kept, cache tokens added back into input', { timeout: 1000 }, () => {
  const res = decode(fixture('message-tools.json'));
  assert.deepEqual(res.choices, [
    {
      index: 0,
      finish: 'tool_calls',
      parts: [
        { type: 'reasoning', text: "The user wants the weather in two cities; I'll call the tool for each.", signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
        { type: 'text', text: "I'll check the weather in both cities." },
        { type: 'tool_call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"location":"Oslo, Norway","unit":"celsius"}' },
        { type: 'tool_call', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: '{"location":"Zürich, Switzerland","unit":"celsius"}' },
      ],
    },
  ]);
  assert.deepEqual(res.usage, { input: 412 + 1024 + 2048, output: 97, cacheRead: 2048, cacheWrite: 1024, reported: true });
});

test('decode: stop_sequence keeps the sequence', { timeout: 1000 }, () => {
  const choice = decode(fixture('message-stop-sequence.json')).choices[0];
  assert.equal(choice?.finish, 'stop');
  assert.equal(choice?.stopSequence, 'there');
});

test('decode: malformed answers are upstream_malformed', { timeout: 1000 }, () => {
  for (const body of [null, 'text', { id: 'x' }, { id: 'x', model: 'm', content: [{ type: 'text' }], stop_reason: null, usage: { input_tokens: 1, output_tokens: 1 } }]) {
    assert.throws(() => decode(body), (e: unknown) => e instanceof AirlockError && e.code === 'upstream_malformed' && e.param === null);
  }
});

test('decodeError: status and type decide code and retry', { timeout: 1000 }, () => {
  const cases: [number, string, string, boolean][] = [
    [429, 'error-429.json', 'upstream_rate_limited', true],
    [529, 'error-529.json', 'upstream_overloaded', true],
    [500, 'error-500.json', 'upstream_error', true],
    [400, 'error-400.json', 'upstream_invalid_request', false],
    [401, 'error-401.json', 'upstream_auth', false],
  ];
  for (const [status, file, code, retryable] of cases) {
    const f = decodeError(status, fixture(file), {});
    assert.deepEqual([f.status, f.code, f.retryable, f.retryAfterMs], [status, code, retryable, undefined], file);
  }
  assert.equal(decodeError(400, fixture('error-400.json'), {}).message, 'vendor: max_tokens: Field required');
  assert.ok(!decodeError(401, fixture('error-401.json'), {}).message.includes('x-api-key'));
  assert.equal(decodeError(503, 'not json', {}).code, 'upstream_overloaded');
  assert.equal(decodeError(502, null, {}).message, 'vendor: HTTP 502');
  for (const s of [408, 409, 504]) assert.deepEqual([decodeError(s, {}, {}).code, decodeError(s, {}, {}).retryable], ['upstream_error', true]);
  for (const s of [403, 402]) assert.deepEqual([decodeError(s, {}, {}).code, decodeError(s, {}, {}).retryable], ['upstream_auth', false]);
  for (const s of [404, 413, 422]) assert.deepEqual([decodeError(s, {}, {}).status, decodeError(s, {}, {}).code], [s, 'upstream_invalid_request']);
});
