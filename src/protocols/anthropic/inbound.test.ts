import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type { ChatResponse } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { anthropicCodec } from './index.ts';
import { parse, render } from './inbound.ts';
import { renderError, streamError } from './errors.ts';

const meta = { id: 'msg_airlock1', model: 'smart', created: 1_700_000_000, includeUsage: true };

test('parse: a full request maps onto the canonical form', { timeout: 1000 }, () => {
  const req = parse({
    model: 'smart',
    max_tokens: 512,
    system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } }] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }, { type: 'text', text: 'calling' }, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'text', text: 'also this' }, { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }, { type: 'text', text: '21C' }] }] },
      { role: 'system', content: 'answer in English' },
      { role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc text' } }] },
    ],
    stop_sequences: ['END'],
    temperature: 0.5,
    top_p: 0.9,
    top_k: 40,
    metadata: { user_id: 'u1' },
    tools: [{ name: 'get_weather', description: 'weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }, { type: 'custom', name: 'noop', input_schema: { type: 'object' } }],
    tool_choice: { type: 'any', disable_parallel_tool_use: true },
    output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } },
    stream: true,
  });
  assert.deepEqual(req, {
    model: 'smart',
    system: ['be brief', 'answer in English'],
    systemCache: [{ type: 'ephemeral' }, null],
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'look' }, { type: 'image', url: 'data:image/png;base64,iVBORw0K', mediaType: 'image/png' }, { type: 'image', url: 'https://example.com/a.jpg' }] },
      // signed reasoning is kept, for Anthropic-protocol vendors
      { role: 'assistant', parts: [{ type: 'reasoning', text: 'hmm', signature: 'sig' }, { type: 'text', text: 'calling' }, { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"location":"Oslo"}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'toolu_1', content: 'sunny\n21C', isError: false }] },
      { role: 'user', parts: [{ type: 'text', text: 'also this' }] },
      { role: 'user', parts: [{ type: 'text', text: 'doc text' }] },
    ],
    tools: [
      { name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
      { name: 'noop', parameters: { type: 'object' } },
    ],
    toolChoice: 'required',
    parallelToolCalls: false,
    maxTokens: 512,
    temperature: 0.5,
    topP: 0.9,
    stop: ['END'],
    responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'object' }, strict: true },
    stream: true,
    includeUsage: true,
    passthrough: { protocol: 'anthropic', fields: { top_k: 40, metadata: { user_id: 'u1' }, output_config: { effort: 'low' } } },
  });
});

test('parse: tool_result blocks become a tool message before the rest of their user turn', { timeout: 1000 }, () => {
  const req = parse({
    model: 'm',
    max_tokens: 10,
    messages: [
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: 'one' }, { type: 'text', text: 'and' }, { type: 'tool_result', tool_use_id: 'b', is_error: true }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c', content: 'only' }] },
    ],
  });
  assert.deepEqual(req.messages, [
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'a', content: 'one', isError: false }, { type: 'tool_result', toolCallId: 'b', content: '', isError: true }] },
    { role: 'user', parts: [{ type: 'text', text: 'and' }] },
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c', content: 'only', isError: false }] },
  ]);
});

test('parse: tool_choice forms and defaults', { timeout: 1000 }, () => {
  const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };
  const minimal = parse(base);
  assert.equal(minimal.toolChoice, 'auto');
  assert.equal(minimal.parallelToolCalls, undefined);
  assert.equal(minimal.stream, false);
  assert.deepEqual(minimal.responseFormat, { type: 'text' });
  assert.deepEqual(minimal.passthrough, { protocol: 'anthropic', fields: {} });
  assert.equal(parse({ ...base, tool_choice: { type: 'none' } }).toolChoice, 'none');
  assert.deepEqual(parse({ ...base, tool_choice: { type: 'tool', name: 'x' } }).toolChoice, { name: 'x' });
  const auto = parse({ ...base, tool_choice: { type: 'auto', disable_parallel_tool_use: true } });
  assert.equal(auto.toolChoice, 'auto');
  assert.equal(auto.parallelToolCalls, false);
  assert.deepEqual(parse({ ...base, system: 'sys' }).system, ['sys']);
});

function rejects(body: unknown, code: string, param: string | null): void {
  assert.throws(() => parse(body), (err: unknown) => {
    assert.ok(err instanceof AirlockError);
    assert.equal(err.code, code);
    assert.equal(err.param, param);
    assert.ok(!err.message.includes('SECRET'), 'the message must not echo values');
    return true;
  });
}

test('parse: errors name the offending field and never echo it', { timeout: 1000 }, () => {
  const ok = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
  rejects('SECRET', 'invalid_request', null);
  rejects({ ...ok, max_tokens: undefined }, 'invalid_request', 'max_tokens');
  rejects({ ...ok, max_tokens: 0 }, 'invalid_request', 'max_tokens');
  rejects({ ...ok, max_tokens: 1.5 }, 'invalid_request', 'max_tokens');
  rejects({ ...ok, model: 7 }, 'invalid_request', 'model');
  rejects({ ...ok, messages: [{ role: 'SECRET', content: 'x' }] }, 'invalid_request', 'messages.0.role');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'invalid_request', 'messages.0.content.0.text');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'SECRET' } }] }] }, 'unsupported_parameter', 'messages.0.content.0.source.type');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x/SECRET.pdf' } }] }] }, 'unsupported_parameter', 'messages.0.content.0.source.type');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'file', file_id: 'SECRET' } }] }] }, 'unsupported_parameter', 'messages.0.content.0.source.type');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/msword', data: 'SECRET' } }] }] }, 'invalid_request', 'messages.0.content.0.source.media_type');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'SECRET' }, context: 'SECRET' }] }] }, 'unsupported_parameter', 'messages.0.content.0.context');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'search_result', source: 'SECRET' }] }] }, 'unsupported_parameter', 'messages.0.content.0.type');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] }] }, 'invalid_request', 'messages.0.content.0');
  rejects({ ...ok, messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'a' }] }] }, 'invalid_request', 'messages.0.content.0');
  // images and documents in a tool result are read like any; search results there have no canonical form
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: [{ type: 'image', source: {} }] }] }] }, 'invalid_request', 'messages.0.content.0.content.0.source.type');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: [{ type: 'search_result', source: 'SECRET' }] }] }] }, 'unsupported_parameter', 'messages.0.content.0.content.0');
  rejects({ ...ok, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: [{ type: 'document', source: { type: 'url', url: 'https://x/SECRET.pdf' } }] }] }] }, 'unsupported_parameter', 'messages.0.content.0.content.0.source.type');
  rejects({ ...ok, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'unsupported_parameter', 'tools.0.type');
  rejects({ ...ok, tools: [{ name: 'x' }] }, 'invalid_request', 'tools.0.input_schema');
  rejects({ ...ok, tool_choice: { type: 'tool' } }, 'invalid_request', 'tool_choice.name');
  rejects({ ...ok, output_config: { format: { type: 'json_schema' } } }, 'invalid_request', 'output_config.format.schema');
  rejects({ ...ok, temperature: 1.5 }, 'invalid_request', 'temperature');
});

const answer: ChatResponse = {
  id: 'vendor-id',
  model: 'vendor-model',
  choices: [
    {
      index: 0,
      finish: 'tool_calls',
      parts: [
        { type: 'text', text: 'checking' },
        { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"location":"Oslo"}' },
        { type: 'tool_call', id: 'call_2', name: 'broken', arguments: '{"loc' },
      ],
    },
    { index: 1, finish: 'stop', parts: [{ type: 'text', text: 'ignored' }] },
  ],
  usage: { input: 100, output: 20, cacheRead: 60, cacheWrite: 10, reported: true },
};

test('render: the message object, with uncached input tokens', { timeout: 1000 }, () => {
  assert.deepEqual(render(answer, meta), {
    id: 'msg_airlock1',
    type: 'message',
    role: 'assistant',
    model: 'smart',
    content: [
      { type: 'text', text: 'checking' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { location: 'Oslo' } },
      { type: 'tool_use', id: 'call_2', name: 'broken', input: {} },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 30, output_tokens: 20, cache_creation_input_tokens: 10, cache_read_input_tokens: 60, service_tier: 'standard' },
  });
});

test('render: stop reasons and unknown usage', { timeout: 1000 }, () => {
  const one = (finish: 'stop' | 'length' | 'content_filter', stopSequence?: string) =>
    render({ id: 'x', model: 'y', usage: null, choices: [{ index: 0, finish, parts: [], ...(stopSequence === undefined ? {} : { stopSequence }) }] }, meta);
  assert.equal(one('stop').stop_reason, 'end_turn');
  assert.deepEqual([one('stop', 'END').stop_reason, one('stop', 'END').stop_sequence], ['stop_sequence', 'END']);
  assert.equal(one('length').stop_reason, 'max_tokens');
  assert.equal(one('content_filter').stop_reason, 'refusal');
  assert.deepEqual(one('stop').usage, { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' });
});

test('renderError and streamError use the Anthropic error shape', { timeout: 1000 }, () => {
  const err = new AirlockError('upstream_overloaded', 'every vendor is busy');
  assert.deepEqual(renderError(err, 'req_1'), {
    status: 503,
    body: { type: 'error', error: { type: 'overloaded_error', message: 'every vendor is busy' }, request_id: 'req_1' },
  });
  const events = streamError(new AirlockError('invalid_request', 'bad', { param: 'max_tokens' }), 'req_2');
  assert.deepEqual(events, [{ event: 'error', data: '{"type":"error","error":{"type":"invalid_request_error","message":"bad"},"request_id":"req_2"}' }]);
});

/** The official SDK reads what render and renderError produce. */
function sdkAnswering(status: number, body: unknown): Anthropic {
  const fetch = (): Promise<Response> =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'request-id': 'req_sdk' } }));
  return new Anthropic({ apiKey: 'k', baseURL: 'http://sdk.invalid', maxRetries: 0, fetch });
}

test('@anthropic-ai/sdk reads rendered messages and errors', { timeout: 5000 }, async () => {
  const params = { model: 'smart', max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
  const message = await sdkAnswering(200, render(answer, meta)).messages.create(params);
  assert.equal(message.stop_reason, 'tool_use');
  assert.deepEqual(message.content[1], { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { location: 'Oslo' } });
  const limited = renderError(new AirlockError('rate_limited', 'slow down'), 'req_sdk');
  await assert.rejects(sdkAnswering(limited.status, limited.body).messages.create(params), (err: unknown) => {
    assert.ok(err instanceof Anthropic.RateLimitError);
    assert.deepEqual(err.error, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' }, request_id: 'req_sdk' });
    return true;
  });
  const bad = renderError(new AirlockError('invalid_request', 'max_tokens: too small', { param: 'max_tokens' }), 'req_sdk');
  await assert.rejects(sdkAnswering(bad.status, bad.body).messages.create(params), Anthropic.BadRequestError);
});

test('the codec exposes both directions', { timeout: 1000 }, () => {
  assert.equal(typeof anthropicCodec.inbound?.parse, 'function');
  assert.equal(typeof anthropicCodec.outbound.streamDecoder, 'function');
});
