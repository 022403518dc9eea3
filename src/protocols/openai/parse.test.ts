import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { parseChatRequest } from './parse.ts';
import { FULL_REQUEST } from './requests.fixture.ts';

test('a full request parses into the canonical form', { timeout: 1000 }, () => {
  const expected: ChatRequest = {
    model: 'chat',
    system: ['You are terse.', 'Answer in English.'],
    messages: [
      {
        role: 'user',
        parts: [
          { type: 'text', text: 'What is in this picture, and the weather?' },
          { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'image', url: 'https://example.com/a.jpg' },
        ],
      },
      {
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city": "Oslo" }' },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', content: 'sunny', isError: false }] },
    ],
    tools: [{ name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    toolChoice: { name: 'get_weather' },
    parallelToolCalls: false,
    maxTokens: 100,
    temperature: 0.2,
    topP: 0.9,
    n: 2,
    stop: ['END'],
    responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true, description: 'the answer' },
    stream: true,
    includeUsage: true,
    passthrough: {
      protocol: 'openai',
      fields: {
        seed: 42,
        user: 'user-123',
        logprobs: true,
        top_logprobs: 3,
        metadata: { team: 'a' },
        service_tier: 'auto',
        reasoning_effort: 'low',
        x_vendor_extension: { nested: [1, 'two', null] },
      },
    },
  };
  assert.deepEqual(parseChatRequest(FULL_REQUEST), expected);
});

test('a minimal request gets the canonical defaults; nulls mean "not set"', { timeout: 1000 }, () => {
  const req = parseChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: null, stop: null, max_tokens: 7, tools: null });
  assert.deepEqual(req, {
    model: 'm',
    system: [],
    messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    tools: [],
    toolChoice: 'auto',
    maxTokens: 7,
    stop: [],
    responseFormat: { type: 'text' },
    stream: false,
    includeUsage: false,
    passthrough: { protocol: 'openai', fields: {} },
  });
});

test('assistant turns: tool calls only, refusals, and json_object', { timeout: 1000 }, () => {
  const req = parseChatRequest({
    model: 'm',
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] },
      { role: 'assistant', content: null, refusal: 'no' },
      { role: 'tool', tool_call_id: 'c', content: 'done' },
    ],
    response_format: { type: 'json_object' },
    tool_choice: 'required',
    stream: false,
    stream_options: { include_usage: true },
  });
  assert.deepEqual(req.messages[1], { role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '' }] });
  assert.deepEqual(req.messages[2], { role: 'assistant', parts: [{ type: 'text', text: 'no' }] });
  assert.deepEqual(req.responseFormat, { type: 'json' });
  assert.equal(req.toolChoice, 'required');
  assert.equal(req.includeUsage, false, 'usage in a stream means nothing without a stream');
});

function rejects(body: unknown, code: string, param: string | null, secret?: string): void {
  assert.throws(
    () => parseChatRequest(body),
    (err: unknown) => {
      assert.ok(err instanceof AirlockError);
      assert.equal(err.code, code);
      assert.equal(err.param, param);
      assert.equal(err.status, 400);
      if (secret !== undefined) assert.ok(!err.message.includes(secret), `message echoes the value: ${err.message}`);
      return true;
    },
  );
}

test('validation errors name the param and never echo the value', { timeout: 1000 }, () => {
  const user = { role: 'user', content: 'hi' };
  rejects('nope', 'invalid_request', null);
  rejects({ messages: [user] }, 'invalid_request', 'model');
  rejects({ model: 'm', messages: [] }, 'invalid_request', 'messages');
  rejects({ model: 'm', messages: [user, { role: 'user', content: 4242 }] }, 'invalid_request', 'messages[1].content', '4242');
  rejects({ model: 'm', messages: [{ role: 'wizard', content: 'secret-text' }] }, 'invalid_request', 'messages[0].role', 'wizard');
  rejects({ model: 'm', messages: [user, { role: 'tool', content: 'x' }] }, 'invalid_request', 'messages[1].tool_call_id');
  rejects({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'invalid_request', 'messages[0].content[0].image_url.url');
  rejects({ model: 'm', messages: [user], temperature: 2.5 }, 'invalid_request', 'temperature', '2.5');
  rejects({ model: 'm', messages: [user], top_p: -1 }, 'invalid_request', 'top_p');
  rejects({ model: 'm', messages: [user], n: 129 }, 'invalid_request', 'n');
  rejects({ model: 'm', messages: [user], n: 1.5 }, 'invalid_request', 'n');
  rejects({ model: 'm', messages: [user], stop: [1] }, 'invalid_request', 'stop[0]');
  rejects({ model: 'm', messages: [user], tool_choice: 'sometimes' }, 'invalid_request', 'tool_choice', 'sometimes');
  rejects({ model: 'm', messages: [user], tool_choice: { type: 'function', function: {} } }, 'invalid_request', 'tool_choice.function.name');
  rejects({ model: 'm', messages: [user], tools: [{ type: 'function', function: { name: 'f', parameters: 'x' } }] }, 'invalid_request', 'tools[0].function.parameters');
  rejects({ model: 'm', messages: [user], response_format: { type: 'json_schema' } }, 'invalid_request', 'response_format.json_schema');
  rejects({ model: 'm', messages: [user], stream: 'yes' }, 'invalid_request', 'stream');
});

test('recognized but unsupported inputs are unsupported_parameter', { timeout: 1000 }, () => {
  const audio = { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] };
  rejects({ model: 'm', messages: [audio] }, 'unsupported_parameter', 'messages[0].content[0].type');
  rejects({ model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'unsupported_parameter', 'messages[0].role');
});
