// The Responses codec as a pure layer: request → canonical, canonical answer → response object, canonical stream →
// Responses events. The SDKs' view of the same is in test/conformance/responses.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError, ERROR_SPECS } from '../../core/errors.ts';
import { parseResponsesRequest } from './parse.ts';
import { renderResponse } from './render.ts';
import { createStreamEncoder, streamError } from './stream-out.ts';

const meta = { id: 'resp_abc', model: 'smart', created: 1_700_000_000, includeUsage: true };

function refusal(body: unknown): AirlockError {
  try {
    parseResponsesRequest(body);
  } catch (err) {
    if (err instanceof AirlockError) return err;
    throw err;
  }
  assert.fail('expected a refusal');
}

test('parse: a conversation of items becomes canonical turns', { timeout: 1000 }, () => {
  const req = parseResponsesRequest({
    model: 'smart',
    instructions: 'be brief',
    input: [
      { role: 'developer', content: 'answer in English' },
      { role: 'user', content: [{ type: 'input_text', text: 'what is ' }, { type: 'input_text', text: 'this?' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA' }] },
      { type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Let me look.', annotations: [] }] },
      { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
      { type: 'function_call', call_id: 'call_2', name: 'lookup', arguments: '{"q":"y"}' },
      { type: 'reasoning', id: 'rs_1', summary: [] },
      { type: 'function_call_output', call_id: 'call_1', output: 'found x' },
      { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'found y' }] },
    ],
    tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true }],
    tool_choice: { type: 'function', name: 'lookup' },
    max_output_tokens: 200,
    temperature: 0.5,
    text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true } },
    metadata: { team: 'a' },
    reasoning: { effort: 'low' },
    store: true,
    stream: true,
  });
  assert.deepEqual(req.system, ['be brief', 'answer in English']);
  assert.deepEqual(req.messages, [
    { role: 'user', parts: [{ type: 'text', text: 'what is ' }, { type: 'text', text: 'this?' }, { type: 'image', url: 'data:image/png;base64,AAAA', mediaType: 'image/png' }] },
    // the answer's text and both calls are one assistant turn
    {
      role: 'assistant',
      parts: [
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
        { type: 'tool_call', id: 'call_2', name: 'lookup', arguments: '{"q":"y"}' },
      ],
    },
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', content: 'found x', isError: false }] },
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_2', content: 'found y', isError: false }] },
  ]);
  assert.deepEqual(req.tools, [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true }]);
  assert.deepEqual(req.toolChoice, { name: 'lookup' });
  assert.equal(req.maxTokens, 200);
  assert.equal(req.temperature, 0.5);
  assert.deepEqual(req.responseFormat, { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true });
  assert.equal(req.stream, true);
  assert.equal(req.includeUsage, true);
  // what the chat API has under a name of its own reaches an OpenAI vendor; `store` and `metadata` never do
  assert.deepEqual(req.passthrough, { protocol: 'openai', fields: { reasoning_effort: 'low' } });
});

test('parse: a string input is one user turn', { timeout: 1000 }, () => {
  const req = parseResponsesRequest({ model: 'smart', input: 'hi' });
  assert.deepEqual(req.messages, [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }]);
  assert.deepEqual(req.system, []);
  assert.equal(req.stream, false);
  assert.equal(req.includeUsage, false);
  assert.equal(req.toolChoice, 'auto');
  assert.deepEqual(req.responseFormat, { type: 'text' });
});

test('parse: a function output with images keeps them after its text; an image by file id is refused', { timeout: 1000 }, () => {
  const call = { type: 'function_call', call_id: 'c1', name: 'shot', arguments: '{}' };
  const output = [{ type: 'input_text', text: 'screen:' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA' }];
  const req = parseResponsesRequest({ model: 'm', input: [{ role: 'user', content: 'look' }, call, { type: 'function_call_output', call_id: 'c1', output }] });
  assert.deepEqual(req.messages.at(-1), {
    role: 'tool',
    parts: [{ type: 'tool_result', toolCallId: 'c1', content: 'screen:', isError: false, images: [{ type: 'image', url: 'data:image/png;base64,AAAA', mediaType: 'image/png' }] }],
  });
  const err = refusal({ model: 'm', input: [call, { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_image', file_id: 'file_1' }] }] });
  assert.equal(err.param, 'input[1].output[0].file_id');
});

test('parse: bad input names the field; what needs stored state or a hosted tool is unsupported', { timeout: 1000 }, () => {
  const cases: [unknown, string, string][] = [
    [{ input: 'hi' }, 'invalid_request', 'model'],
    [{ model: 'm', input: [] }, 'invalid_request', 'input'],
    [{ model: 'm', input: [{ role: 'user', content: 5 }] }, 'invalid_request', 'input[0].content'],
    [{ model: 'm', input: [{ type: 'message', role: 'user' }] }, 'invalid_request', 'input[0].content'],
    [{ model: 'm', input: [{ type: 'function_call', call_id: 'c', arguments: '{}' }] }, 'invalid_request', 'input[0].name'],
    [{ model: 'm', input: [{ type: 'reasoning', id: 'rs_1' }] }, 'invalid_request', 'input'],
    [{ model: 'm', input: 'hi', max_output_tokens: 0 }, 'invalid_request', 'max_output_tokens'],
    [{ model: 'm', input: 'hi', tools: [{ type: 'function' }] }, 'invalid_request', 'tools[0].name'],
    [{ model: 'm', input: 'hi', colour: 'blue' }, 'invalid_request', 'colour'],
    [{ model: 'm', input: 'hi', previous_response_id: 'resp_1' }, 'unsupported_parameter', 'previous_response_id'],
    [{ model: 'm', input: 'hi', conversation: 'conv_1' }, 'unsupported_parameter', 'conversation'],
    [{ model: 'm', input: 'hi', background: true }, 'unsupported_parameter', 'background'],
    [{ model: 'm', input: 'hi', top_logprobs: 2 }, 'unsupported_parameter', 'top_logprobs'],
    [{ model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'unsupported_parameter', 'input[0].type'],
    [{ model: 'm', input: [{ type: 'web_search_call', id: 'ws_1' }] }, 'unsupported_parameter', 'input[0].type'],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }, 'unsupported_parameter', 'input[0].content[0].file_id'],
    [{ model: 'm', input: [{ role: 'system', content: [{ type: 'input_image', image_url: 'https://x' }] }] }, 'unsupported_parameter', 'input[0].content[0].type'],
    [{ model: 'm', input: 'hi', tools: [{ type: 'file_search', vector_store_ids: [] }] }, 'unsupported_parameter', 'tools[0].type'],
    [{ model: 'm', input: 'hi', tool_choice: { type: 'web_search' } }, 'unsupported_parameter', 'tool_choice'],
  ];
  for (const [body, code, param] of cases) {
    const err = refusal(body);
    assert.equal(err.code, code, JSON.stringify(body));
    assert.equal(err.param, param, JSON.stringify(body));
  }
  assert.equal(refusal([1]).code, 'invalid_request');
});

test('render: text and calls become output items; a length stop is incomplete', { timeout: 1000 }, () => {
  const body = renderResponse(
    {
      id: 'vendor-id',
      model: 'gpt-x',
      choices: [{ index: 0, finish: 'tool_calls', parts: [{ type: 'text', text: 'Checking.' }, { type: 'tool_call', id: 'call_9', name: 'lookup', arguments: '{"q":1}' }] }],
      usage: { input: 10, output: 4, cacheRead: 3, reported: true },
    },
    meta,
  );
  assert.equal(body.id, 'resp_abc');
  assert.equal(body.object, 'response');
  assert.equal(body.created_at, 1_700_000_000);
  assert.equal(body.model, 'smart');
  assert.equal(body.status, 'completed');
  assert.deepEqual(body.output, [
    { id: 'msg_abc', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.', annotations: [], logprobs: [] }] },
    { id: 'fc_abc_0', type: 'function_call', status: 'completed', call_id: 'call_9', name: 'lookup', arguments: '{"q":1}' },
  ]);
  assert.deepEqual(body.usage, { input_tokens: 10, input_tokens_details: { cached_tokens: 3 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 14 });
  const cut = renderResponse({ id: 'v', model: 'm', choices: [{ index: 0, finish: 'length', parts: [{ type: 'text', text: 'abc' }] }], usage: null }, meta);
  assert.equal(cut.status, 'incomplete');
  assert.deepEqual(cut.incomplete_details, { reason: 'max_output_tokens' });
  assert.equal(cut.usage, null);
});

function encodeAll(events: StreamEvent[]): SseEvent[] {
  const encoder = createStreamEncoder(meta);
  return [...events.flatMap((e) => encoder(e)), ...encoder('end')];
}

const dataOf = (e: SseEvent | undefined): Record<string, unknown> => JSON.parse(e?.data ?? 'null') as Record<string, unknown>;

test('stream: text, then a call, numbered in order, each data naming its event', { timeout: 1000 }, () => {
  const out = encodeAll([
    { type: 'start', id: 'v', model: 'gpt-x' },
    { type: 'text', text: 'Hel' },
    { type: 'text', text: 'lo' },
    { type: 'tool_call', index: 0, id: 'call_1', name: 'lookup' },
    { type: 'tool_args', index: 0, delta: '{"q":' },
    { type: 'tool_args', index: 0, delta: '1}' },
    { type: 'text', choice: 1, text: 'another choice has nowhere to go' },
    { type: 'finish', finish: 'tool_calls' },
    { type: 'usage', usage: { input: 5, output: 2, reported: true } },
  ]);
  assert.deepEqual(out.map((e) => e.event), [
    'response.created',
    'response.in_progress',
    'response.output_item.added',
    'response.content_part.added',
    'response.output_text.delta',
    'response.output_text.delta',
    'response.output_text.done',
    'response.content_part.done',
    'response.output_item.done',
    'response.output_item.added',
    'response.function_call_arguments.delta',
    'response.function_call_arguments.delta',
    'response.function_call_arguments.done',
    'response.output_item.done',
    'response.completed',
  ]);
  out.forEach((e, i) => {
    assert.equal(dataOf(e).type, e.event);
    assert.equal(dataOf(e).sequence_number, i);
  });
  assert.deepEqual(dataOf(out[5]), { type: 'response.output_text.delta', sequence_number: 5, item_id: 'msg_abc', output_index: 0, content_index: 0, delta: 'lo', logprobs: [] });
  assert.equal(dataOf(out[0]).response && (dataOf(out[0]).response as Record<string, unknown>).status, 'in_progress');
  assert.deepEqual(dataOf(out[1]).response, dataOf(out[0]).response);
  assert.deepEqual(dataOf(out[6]), { type: 'response.output_text.done', sequence_number: 6, item_id: 'msg_abc', output_index: 0, content_index: 0, text: 'Hello', logprobs: [] });
  assert.deepEqual(dataOf(out[12]), { type: 'response.function_call_arguments.done', sequence_number: 12, item_id: 'fc_abc_0', output_index: 1, name: 'lookup', arguments: '{"q":1}' });
  const completed = dataOf(out[14]).response as Record<string, unknown>;
  assert.equal(completed.status, 'completed');
  assert.deepEqual(completed.output, [
    { id: 'msg_abc', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }] },
    { id: 'fc_abc_0', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'lookup', arguments: '{"q":1}' },
  ]);
  assert.deepEqual((completed.usage as Record<string, unknown>).total_tokens, 7);
});

test('stream: a length stop ends in response.incomplete; an error event ends the stream in both error shapes', { timeout: 1000 }, () => {
  const cut = encodeAll([{ type: 'start', id: 'v', model: 'm' }, { type: 'text', text: 'ab' }, { type: 'finish', finish: 'length' }]);
  const last = cut.at(-1);
  assert.equal(last?.event, 'response.incomplete');
  assert.deepEqual((dataOf(last).response as Record<string, unknown>).incomplete_details, { reason: 'max_output_tokens' });

  const err = new AirlockError('stream_interrupted', 'the vendor stream broke off');
  const broken = encodeAll([{ type: 'start', id: 'v', model: 'm' }, { type: 'text', text: 'ab' }, { type: 'error', error: err }, { type: 'text', text: 'late' }]);
  assert.equal(broken.at(-1)?.event, 'error');
  assert.equal(broken.filter((e) => e.event === 'error').length, 1, 'nothing after the error, no completed');
  const data = dataOf(broken.at(-1));
  assert.equal(data.sequence_number, broken.length - 1);
  assert.equal(data.message, 'the vendor stream broke off');
  const code = 'openaiCode' in ERROR_SPECS.stream_interrupted ? ERROR_SPECS.stream_interrupted.openaiCode : 'stream_interrupted';
  assert.equal(data.code, code);
  assert.deepEqual(data.error, { type: ERROR_SPECS.stream_interrupted.openai, code, message: 'the vendor stream broke off', param: null });
  assert.equal(streamError(err, 'id')[0]?.event, 'error');
});
