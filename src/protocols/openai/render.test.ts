import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatResponse } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import type { ResponseMeta } from '../types.ts';
import { decodeChatResponse } from './decode.ts';
import { openaiCodec, renderModelList } from './index.ts';
import { renderChatResponse, renderError } from './render.ts';
import { recordingJson } from './recordings.fixture.ts';

const META: ResponseMeta = { id: 'chatcmpl-airlock1', model: 'chat', created: 1767225600, includeUsage: false };

test('vendor chat-text.json → canonical → rendered: the vendor body again, with Airlock id, model and time', { timeout: 1000 }, () => {
  const vendor = recordingJson('chat-text.json') as Record<string, unknown>;
  const rendered = renderChatResponse(decodeChatResponse(vendor), META);
  assert.deepEqual(rendered, { ...vendor, id: META.id, model: 'chat', created: META.created, system_fingerprint: null });
});

test('vendor chat-tools.json → canonical → rendered: content null, both calls byte-exact, cached tokens', { timeout: 1000 }, () => {
  const vendor = recordingJson('chat-tools.json') as Record<string, unknown>;
  const rendered = renderChatResponse(decodeChatResponse(vendor), META);
  assert.deepEqual(rendered, { ...vendor, id: META.id, model: 'chat', created: META.created, system_fingerprint: null });
});

test('several choices with text and calls; unknown usage omits the usage key', { timeout: 1000 }, () => {
  const res: ChatResponse = {
    id: 'v',
    model: 'vm',
    usage: null,
    choices: [
      { index: 0, parts: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], finish: 'length' },
      { index: 1, parts: [{ type: 'text', text: 'c' }, { type: 'tool_call', id: 'x', name: 'f', arguments: '{}' }], finish: 'tool_calls' },
    ],
  };
  const out = renderChatResponse(res, META);
  assert.equal('usage' in out, false);
  assert.deepEqual(out.choices, [
    { index: 0, message: { role: 'assistant', content: 'ab', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'length' },
    {
      index: 1,
      message: {
        role: 'assistant',
        content: 'c',
        refusal: null,
        tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{}' } }],
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    },
  ]);
});

test('errors: the status of the error, all four keys, the OpenAI type', { timeout: 1000 }, () => {
  assert.deepEqual(renderError(new AirlockError('invalid_request', "invalid value for 'n'", { param: 'n' }), 'req_1'), {
    status: 400,
    body: { error: { message: "invalid value for 'n'", type: 'invalid_request_error', param: 'n', code: 'invalid_request' } },
  });
  assert.deepEqual(renderError(new AirlockError('budget_exceeded', 'monthly budget spent'), 'req_1'), {
    status: 429,
    body: { error: { message: 'monthly budget spent', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
  });
  const passed = renderError(new AirlockError('upstream_invalid_request', 'vendor: nope', { status: 422 }), 'req_1');
  assert.equal(passed.status, 422);
});

test('the codec is wired: inbound renders errors the same way, models list shape', { timeout: 1000 }, () => {
  const err = new AirlockError('rate_limited', 'slow down');
  assert.deepEqual(openaiCodec.inbound?.renderError(err, 'r'), renderError(err, 'r'));
  assert.deepEqual(renderModelList(['a', 'b'], 1700000000), {
    object: 'list',
    data: [
      { id: 'a', object: 'model', created: 1700000000, owned_by: 'airlock' },
      { id: 'b', object: 'model', created: 1700000000, owned_by: 'airlock' },
    ],
  });
});
