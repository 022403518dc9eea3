import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest, Message } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { authHeaders, encode } from './outbound.ts';

const T = { timeout: 5_000 };

function req(over: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'chat',
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

const weatherCall = (id: string, city: string): Message => ({
  role: 'assistant',
  parts: [{ type: 'tool_call', id, name: 'get_weather', arguments: JSON.stringify({ location: city }) }],
});

test('auth goes in x-goog-api-key', T, () => {
  assert.deepEqual(authHeaders('k-1'), { 'x-goog-api-key': 'k-1' });
});

test('golden: a full request encodes to the GenerateContentRequest shape', T, () => {
  const out = encode(req({
    system: ['Be brief.', 'Answer in French.'],
    messages: [
      { role: 'user', parts: [
        { type: 'text', text: 'What is in these pictures, and the weather?' },
        { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
        { type: 'image', url: 'https://example.com/cat.JPG?size=2' },
        { type: 'image', url: 'https://example.com/blob', mediaType: 'image/webp' },
      ] },
      { role: 'assistant', parts: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_call', id: 'call_a', name: 'get_weather', arguments: '{"location":"Paris"}' },
        { type: 'tool_call', id: 'call_b', name: 'get_time', arguments: '' },
      ] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_a', content: '{"temp_c":21}', isError: false }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_b', content: 'clock unavailable', isError: true }] },
    ],
    tools: [
      { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
      { name: 'get_time', parameters: {} },
    ],
    toolChoice: { name: 'get_weather' },
    maxTokens: 256,
    temperature: 1.5,
    topP: 0.9,
    stop: ['END'],
    n: 2,
    responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
  }), 'gemini-2.5-flash');
  assert.equal(out.path, '/v1beta/models/gemini-2.5-flash:generateContent');
  assert.deepEqual(out.headers, {});
  assert.deepEqual(out.body, {
    contents: [
      { role: 'user', parts: [
        { text: 'What is in these pictures, and the weather?' },
        { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        { fileData: { fileUri: 'https://example.com/cat.JPG?size=2', mimeType: 'image/jpeg' } },
        { fileData: { fileUri: 'https://example.com/blob', mimeType: 'image/webp' } },
      ] },
      { role: 'model', parts: [
        { text: 'Checking.' },
        { functionCall: { id: 'call_a', name: 'get_weather', args: { location: 'Paris' } }, thoughtSignature: 'skip_thought_signature_validator' },
        { functionCall: { id: 'call_b', name: 'get_time', args: {} } },
      ] },
      { role: 'user', parts: [
        { functionResponse: { id: 'call_a', name: 'get_weather', response: { output: { temp_c: 21 } } } },
        { functionResponse: { id: 'call_b', name: 'get_time', response: { error: 'clock unavailable' } } },
      ] },
    ],
    systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
    tools: [{ functionDeclarations: [
      { name: 'get_weather', description: 'Weather for a city', parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } } } },
      { name: 'get_time', parametersJsonSchema: {} },
    ] }],
    toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    generationConfig: {
      maxOutputTokens: 256,
      temperature: 1.5,
      topP: 0.9,
      stopSequences: ['END'],
      candidateCount: 2,
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object' },
    },
  });
});

test('a minimal request sends only contents', T, () => {
  assert.deepEqual(encode(req(), 'gemini-2.0-flash').body, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
});

test('streaming asks for SSE framing', T, () => {
  assert.equal(encode(req({ stream: true }), 'gemini-2.0-flash').path, '/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
});

test('model names: API resource names are kept, anything else is escaped', T, () => {
  assert.equal(encode(req(), 'models/gemini-2.0-flash').path, '/v1beta/models/gemini-2.0-flash:generateContent');
  assert.equal(encode(req(), 'tunedModels/my-tune').path, '/v1beta/tunedModels/my-tune:generateContent');
  assert.equal(encode(req(), 'odd/name:x?y').path, '/v1beta/models/odd%2Fname%3Ax%3Fy:generateContent');
});

test('tool results take the function name of the call with their id', T, () => {
  const body = encode(req({
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'weather and time' }] },
      { role: 'assistant', parts: [
        { type: 'tool_call', id: 'c1', name: 'get_time', arguments: '{}' },
        { type: 'tool_call', id: 'c2', name: 'get_weather', arguments: '{"location":"Oslo"}' },
      ] },
      // answered in the other order
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c2', content: 'sunny', isError: false }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c1', content: '[1,2]', isError: false }] },
    ],
  }), 'g').body;
  assert.deepEqual((body.contents as unknown[])[2], { role: 'user', parts: [
    { functionResponse: { id: 'c2', name: 'get_weather', response: { output: 'sunny' } } },
    // JSON that is not an object stays text: response must be an object and output is passed as given
    { functionResponse: { id: 'c1', name: 'get_time', response: { output: '[1,2]' } } },
  ] });
});

test('a tool result for an unknown call id is the caller\'s error, naming messages', T, () => {
  const bad = req({ messages: [
    weatherCall('c1', 'Rome'),
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'nope', content: 'x', isError: false }] },
  ] });
  assert.throws(() => encode(bad, 'g'), (e: unknown) => e instanceof AirlockError && e.code === 'invalid_request' && e.param === 'messages');
  // a call made only after the result does not count
  const late = req({ messages: [
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c1', content: 'x', isError: false }] },
    weatherCall('c1', 'Rome'),
  ] });
  assert.throws(() => encode(late, 'g'), (e: unknown) => e instanceof AirlockError && e.param === 'messages');
});

test('consecutive contents of one role merge; empty ones vanish', T, () => {
  const body = encode(req({ messages: [
    { role: 'user', parts: [{ type: 'text', text: 'a' }] },
    { role: 'user', parts: [{ type: 'text', text: '' }] },
    { role: 'user', parts: [{ type: 'text', text: 'b' }] },
    weatherCall('c1', 'Rome'),
    weatherCall('c2', 'Lima'),
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c1', content: 'hot', isError: false }] },
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c2', content: 'mild', isError: false }] },
    { role: 'user', parts: [{ type: 'text', text: 'thanks' }] },
    { role: 'assistant', parts: [{ type: 'text', text: 'ok' }] },
  ] }), 'g').body;
  assert.deepEqual(body.contents, [
    { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
    { role: 'model', parts: [
      { functionCall: { id: 'c1', name: 'get_weather', args: { location: 'Rome' } }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { id: 'c2', name: 'get_weather', args: { location: 'Lima' } } },
    ] },
    { role: 'user', parts: [
      { functionResponse: { id: 'c1', name: 'get_weather', response: { output: 'hot' } } },
      { functionResponse: { id: 'c2', name: 'get_weather', response: { output: 'mild' } } },
      { text: 'thanks' },
    ] },
    { role: 'model', parts: [{ text: 'ok' }] },
  ]);
});

test('tool choice modes', T, () => {
  const tools = [{ name: 'f', parameters: { type: 'object' } }];
  const mode = (toolChoice: ChatRequest['toolChoice']): unknown => encode(req({ tools, toolChoice }), 'g').body.toolConfig;
  assert.deepEqual(mode('auto'), { functionCallingConfig: { mode: 'AUTO' } });
  assert.deepEqual(mode('none'), { functionCallingConfig: { mode: 'NONE' } });
  assert.deepEqual(mode('required'), { functionCallingConfig: { mode: 'ANY' } });
  assert.equal(encode(req({ toolChoice: 'required' }), 'g').body.toolConfig, undefined, 'no tools, no toolConfig');
});

test('json mode sets only the MIME type', T, () => {
  assert.deepEqual(encode(req({ responseFormat: { type: 'json' }, n: 1 }), 'g').body.generationConfig, { responseMimeType: 'application/json' });
});

test('bad inputs are the caller\'s errors', T, () => {
  const isMessages = (e: unknown): boolean => e instanceof AirlockError && e.code === 'invalid_request' && e.param === 'messages';
  assert.throws(() => encode(req({ messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '[1]' }] }] }), 'g'), isMessages);
  assert.throws(() => encode(req({ messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{' }] }] }), 'g'), isMessages);
  assert.throws(() => encode(req({ messages: [{ role: 'user', parts: [{ type: 'image', url: 'file:///etc/passwd' }] }] }), 'g'), isMessages);
});

test('OpenAI logprobs cannot be expressed; other protocols\' fields are ignored', T, () => {
  const isLogprobs = (e: unknown): boolean => e instanceof AirlockError && e.code === 'unsupported_parameter' && e.param === 'logprobs';
  assert.throws(() => encode(req({ passthrough: { protocol: 'openai', fields: { logprobs: true } } }), 'g'), isLogprobs);
  assert.throws(() => encode(req({ passthrough: { protocol: 'openai', fields: { top_logprobs: 0 } } }), 'g'), isLogprobs);
  const quiet = encode(req({ passthrough: { protocol: 'openai', fields: { logprobs: false, user: 'u1' } } }), 'g').body;
  assert.deepEqual(Object.keys(quiet), ['contents']);
  const anthropic = encode(req({ passthrough: { protocol: 'anthropic', fields: { metadata: { user_id: 'u' }, logprobs: true } } }), 'g').body;
  assert.deepEqual(Object.keys(anthropic), ['contents']);
});

test('Gemini fields fill gaps, and generationConfig merges one level', T, () => {
  const body = encode(req({
    maxTokens: 10,
    passthrough: { protocol: 'gemini', fields: {
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      generationConfig: { maxOutputTokens: 99, thinkingConfig: { thinkingBudget: 0 } },
      contents: [],
    } },
  }), 'g').body;
  assert.deepEqual(body.generationConfig, { maxOutputTokens: 10, thinkingConfig: { thinkingBudget: 0 } });
  assert.deepEqual(body.safetySettings, [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]);
  assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'hi' }] }]);
});
