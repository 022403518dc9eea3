// The Gemini inbound parse as a pure layer: GenerateContentRequest / countTokens bodies → canonical ChatRequest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { parseCountTokens, parseGenerateContent } from './inbound.ts';
import { encode } from './outbound.ts';
import { answer, call, hi, modelTurn, parse, refusal, refused, user } from './inbound.fixture.ts';

test('parse: a request as @google/genai sends it maps onto the canonical form', { timeout: 1000 }, () => {
  const safetySettings = [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }];
  const req = parse(
    {
      model: 'models/ignored',
      contents: [
        user({ text: 'weather in Oslo?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0K' } }),
        modelTurn({ text: 'let me think', thought: true }, { text: 'Checking.' }, { ...call('get_weather', { city: 'Oslo' }), thoughtSignature: 'c2ln' }),
        user(answer('get_weather', { output: 'sunny' })),
      ],
      systemInstruction: { role: 'user', parts: [{ text: 'be brief' }, { text: 'answer in English' }] },
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: { temperature: 0.3, topP: 0.9, maxOutputTokens: 100, stopSequences: ['END'], candidateCount: 2, topK: 5, seed: 1, thinkingConfig: { thinkingBudget: 0 } },
      safetySettings,
      labels: { team: 'a' },
      serviceTier: 'flex',
      store: false,
    },
    true,
  );
  assert.deepEqual(req, {
    model: 'smart',
    system: ['be brief', 'answer in English'],
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'weather in Oslo?' }, { type: 'image', url: 'data:image/png;base64,iVBORw0K', mediaType: 'image/png' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'Checking.' }, { type: 'tool_call', id: 'call_1_2', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1_2', content: 'sunny', isError: false }] },
    ],
    tools: [{ name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
    toolChoice: 'required',
    maxTokens: 100,
    temperature: 0.3,
    topP: 0.9,
    stop: ['END'],
    n: 2,
    responseFormat: { type: 'text' },
    stream: true,
    includeUsage: true,
    passthrough: { protocol: 'gemini', fields: { safetySettings, labels: { team: 'a' }, serviceTier: 'flex', generationConfig: { topK: 5, seed: 1, thinkingConfig: { thinkingBudget: 0 } } } },
  });
});

test('parse: a minimal request leaves optional fields absent; a missing role is the user', { timeout: 1000 }, () => {
  const req = parse({ contents: [{ parts: [{ text: 'hi' }] }] });
  assert.deepEqual(req, {
    model: 'smart',
    system: [],
    messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    tools: [],
    toolChoice: 'auto',
    stop: [],
    responseFormat: { type: 'text' },
    stream: false,
    includeUsage: false,
    passthrough: { protocol: 'gemini', fields: {} },
  });
  for (const key of ['maxTokens', 'temperature', 'topP', 'n', 'parallelToolCalls', 'systemCache']) assert.equal(key in req, false, key);
  // proto3 JSON's null is "unset"
  assert.deepEqual(parse({ contents: hi, tools: null, generationConfig: { temperature: null } }).temperature, undefined);
});

test('parse: thoughts, signatures and empty text leave model turns; a turn of only thoughts disappears', { timeout: 1000 }, () => {
  const req = parse({
    contents: [
      user({ text: 'q' }),
      modelTurn({ text: 'pondering', thought: true, thoughtSignature: 'c2ln' }, { thoughtSignature: 'c2ln' }),
      user({ text: 'again?' }),
      modelTurn({ text: 'yes', thoughtSignature: 'c2ln' }, { text: '', thoughtSignature: 'c2ln' }),
      // in a user turn the caller's text is kept (and inspected), whatever the flag says
      user({ text: 'note', thought: true }, { text: '' }),
    ],
  });
  assert.deepEqual(req.messages, [
    { role: 'user', parts: [{ type: 'text', text: 'q' }] },
    { role: 'user', parts: [{ type: 'text', text: 'again?' }] },
    { role: 'assistant', parts: [{ type: 'text', text: 'yes' }] },
    { role: 'user', parts: [{ type: 'text', text: 'note' }] },
  ]);
  refused({ contents: [modelTurn({ text: 'x', thought: true })] }, 'invalid_request', 'contents');
});

test('parse: inline data is an image or a PDF, nothing else', { timeout: 1000 }, () => {
  const req = parse({ contents: [user({ inlineData: { mimeType: 'image/jpeg', data: '/9j/' } }, { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } })] });
  assert.deepEqual(req.messages[0]?.parts, [
    { type: 'image', url: 'data:image/jpeg;base64,/9j/', mediaType: 'image/jpeg' },
    { type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=' },
  ]);
  for (const mimeType of ['audio/mp3', 'video/mp4', 'text/plain']) {
    refused({ contents: [user({ text: 'x' }, { inlineData: { mimeType, data: 'AAAA' } })] }, 'unsupported_parameter', 'contents.0.parts.1.inlineData.mimeType');
  }
  refused({ contents: [user({ inlineData: { mimeType: 'image/png' } })] }, 'invalid_request', 'contents.0.parts.0.inlineData.data');
});

test('parse: fileData is an image by http(s) URL only', { timeout: 1000 }, () => {
  const req = parse({ contents: [user({ fileData: { fileUri: 'https://example.com/a', mimeType: 'image/webp' } }, { fileData: { fileUri: 'https://example.com/b.PNG?x=1' } })] });
  assert.deepEqual(req.messages[0]?.parts, [
    { type: 'image', url: 'https://example.com/a', mediaType: 'image/webp' },
    { type: 'image', url: 'https://example.com/b.PNG?x=1' },
  ]);
  const cases: [string, string | undefined, RegExp][] = [
    ['gs://bucket/a.png', 'image/png', /out of Airlock's sight/],
    ['https://generativelanguage.googleapis.com/v1beta/files/abc', 'image/png', /Files API/],
    ['https://example.com/doc.pdf', 'application/pdf', /document by URL/],
    ['https://example.com/doc.pdf', undefined, /only images/],
    ['https://example.com/img', undefined, /only images/],
    ['https://www.youtube.com/watch?v=x', 'video/mp4', /only images/],
  ];
  for (const [fileUri, mimeType, message] of cases) {
    const err = refused({ contents: [user({ fileData: { fileUri, ...(mimeType === undefined ? {} : { mimeType }) } })] }, 'unsupported_parameter', 'contents.0.parts.0.fileData.fileUri');
    assert.match(err.message, message);
  }
  refused({ contents: [user({ fileData: { fileUri: 'not a uri' } })] }, 'invalid_request', 'contents.0.parts.0.fileData.fileUri');
});

test('parse: function calls keep their ids or get stable ones; arguments are JSON text', { timeout: 1000 }, () => {
  const req = parse({ contents: [user({ text: 'go' }), modelTurn(call('a', { x: [1, 2] }, 'fc_1'), call('b'), call('a'))] });
  assert.deepEqual(req.messages[1]?.parts, [
    { type: 'tool_call', id: 'fc_1', name: 'a', arguments: '{"x":[1,2]}' },
    { type: 'tool_call', id: 'call_1_1', name: 'b', arguments: '{}' },
    { type: 'tool_call', id: 'call_1_2', name: 'a', arguments: '{}' },
  ]);
});

test('parse: function responses answer calls of the preceding model turn, by id or else by name in order', { timeout: 1000 }, () => {
  const req = parse({
    contents: [
      user({ text: 'go' }),
      modelTurn(call('lookup', { q: 1 }), call('lookup', { q: 2 }), call('time', {}, 'fc_t')),
      // a model turn split over two contents is still one turn
      modelTurn(call('other')),
      user(answer('time', { output: '12:00' }, 'fc_t'), answer('lookup', { output: 'one' }), answer('lookup', { output: 'two' })),
      { role: 'function', parts: [answer('other', { output: 'done' })] },
    ],
  });
  const result = (toolCallId: string, content: string) => ({ type: 'tool_result', toolCallId, content, isError: false });
  // one assistant message for the turn, its calls in order
  assert.deepEqual(req.messages[1]?.parts.map((p) => (p.type === 'tool_call' ? p.id : p.type)), ['call_1_0', 'call_1_1', 'fc_t', 'call_2_0']);
  assert.deepEqual(req.messages.slice(2), [
    { role: 'tool', parts: [result('fc_t', '12:00'), result('call_1_0', 'one'), result('call_1_1', 'two')] },
    { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_2_0', content: 'done', isError: false }] },
  ]);
});

test('parse: a streamed answer kept as one content per chunk is one assistant turn, its text joined', { timeout: 1000 }, () => {
  const req = parse({ contents: [user({ text: 'hi' }), modelTurn({ text: 'echo: ' }), modelTurn({ text: 'hi' }), modelTurn({ text: '', thoughtSignature: 'x' }), user({ text: 'again' })] });
  assert.deepEqual(req.messages, [
    { role: 'user', parts: [{ type: 'text', text: 'hi' }] },
    { role: 'assistant', parts: [{ type: 'text', text: 'echo: hi' }] },
    { role: 'user', parts: [{ type: 'text', text: 'again' }] },
  ]);
});

test('parse: a function response that answers no open call is refused', { timeout: 1000 }, () => {
  const turn = [user({ text: 'go' }), modelTurn(call('lookup', {}, 'fc_1'))];
  const at = 'contents.2.parts.0.functionResponse';
  refused({ contents: [user(answer('lookup', { output: 'x' }))] }, 'invalid_request', `${at.replace('2', '0')}.name`);
  refused({ contents: [...turn, user(answer('other', { output: 'x' }))] }, 'invalid_request', `${at}.name`);
  refused({ contents: [...turn, user(answer('lookup', { output: 'x' }, 'fc_2'))] }, 'invalid_request', `${at}.id`);
  refused({ contents: [...turn, user(answer('other', { output: 'x' }, 'fc_1'))] }, 'invalid_request', `${at}.name`);
  refused({ contents: [...turn, user(answer('lookup', { output: 'x' }), answer('lookup', { output: 'y' }))] }, 'invalid_request', 'contents.2.parts.1.functionResponse.name');
  // only the preceding model turn's calls are open
  refused({ contents: [...turn, user(answer('lookup', { output: 'x' })), modelTurn({ text: 'ok' }), user(answer('lookup', { output: 'x' }))] }, 'invalid_request', 'contents.4.parts.0.functionResponse.name');
});

test('parse: a function response becomes the tool result content the API documents', { timeout: 1000 }, () => {
  const cases: [unknown, string, boolean][] = [
    [{ output: 'plain' }, 'plain', false],
    [{ output: { temp: 21 } }, '{"temp":21}', false],
    [{ output: 3 }, '3', false],
    [{ error: 'not found' }, 'not found', true],
    [{ error: { code: 404 } }, '{"code":404}', true],
    [{ error: 'bad', detail: 'x' }, '{"error":"bad","detail":"x"}', true],
    [{ temp: 21, unit: 'C' }, '{"temp":21,"unit":"C"}', false],
    [undefined, '', false],
  ];
  for (const [response, content, isError] of cases) {
    const req = parse({ contents: [user({ text: 'go' }), modelTurn(call('f')), user(answer('f', response))] });
    assert.deepEqual(req.messages[2], { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1_0', content, isError }] }, JSON.stringify(response));
  }
});

test('parse: tool results come before the rest of their user turn, and media right after one is its output', { timeout: 1000 }, () => {
  const png = { inlineData: { mimeType: 'image/png', data: 'AAAA' } };
  const pdf = { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } };
  const req = parse({
    contents: [
      user({ text: 'go' }),
      modelTurn(call('shot'), call('read')),
      { role: 'tool', parts: [{ text: 'before' }, answer('shot', { output: 'taken' }), png, answer('read', { output: 'read' }), pdf, png, { text: 'and this:' }, png] },
    ],
  });
  const image = { type: 'image', url: 'data:image/png;base64,AAAA', mediaType: 'image/png' };
  const shot = { type: 'tool_result', toolCallId: 'call_1_0', content: 'taken', isError: false, images: [image] };
  const read = { type: 'tool_result', toolCallId: 'call_1_1', content: 'read', isError: false, images: [image], documents: [{ type: 'document', mediaType: 'application/pdf', data: 'JVBERi0=' }] };
  assert.deepEqual(req.messages.slice(2), [
    { role: 'tool', parts: [shot, read] },
    { role: 'user', parts: [{ type: 'text', text: 'before' }, { type: 'text', text: 'and this:' }, image] },
  ]);
  // Gemini 3's multimodal function responses carry their media inside
  const inner = parse({ contents: [user({ text: 'go' }), modelTurn(call('shot')), user({ functionResponse: { name: 'shot', response: { output: 'ok' }, parts: [png, { fileData: { fileUri: 'https://x.test/s.png' } }] } })] });
  assert.deepEqual(inner.messages[2]?.parts, [{ type: 'tool_result', toolCallId: 'call_1_0', content: 'ok', isError: false, images: [image, { type: 'image', url: 'https://x.test/s.png' }] }]);
  refused({ contents: [user({ text: 'go' }), modelTurn(call('shot')), user({ functionResponse: { name: 'shot', parts: [{}] } })] }, 'invalid_request', 'contents.2.parts.0.functionResponse.parts.0');
});

test('parse: parts in the wrong turn, and part kinds without a canonical form, are refused by name', { timeout: 1000 }, () => {
  refused({ contents: [user(call('f'))] }, 'invalid_request', 'contents.0.parts.0.functionCall');
  refused({ contents: [user({ text: 'go' }), modelTurn(call('f'), answer('f', {}))] }, 'invalid_request', 'contents.1.parts.1.functionResponse');
  refused({ contents: [user({ text: 'go' }), modelTurn({ inlineData: { mimeType: 'image/png', data: 'AAAA' } })] }, 'unsupported_parameter', 'contents.1.parts.0');
  const kinds: Record<string, unknown>[] = [
    { executableCode: { language: 'PYTHON', code: 'print(1)' } },
    { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1' } },
    { inlineData: { mimeType: 'image/png', data: 'AAAA' }, videoMetadata: { startOffset: '1s' } },
    { toolCall: { id: 'x' } },
    { somethingNew: {} },
  ];
  for (const part of kinds) {
    const key = Object.keys(part).at(-1) ?? '';
    refused({ contents: [user({ text: 'x' }, part)] }, 'unsupported_parameter', `contents.0.parts.1.${key}`);
  }
  refused({ contents: [user({ text: 'x', inlineData: { mimeType: 'image/png', data: 'AAAA' } })] }, 'invalid_request', 'contents.0.parts.0.inlineData');
  refused({ contents: [user({})] }, 'invalid_request', 'contents.0.parts.0');
  const err = refused({ contents: [user({ inline_data: { mime_type: 'image/png', data: 'AAAA' } })] }, 'invalid_request', 'contents.0.parts.0.inline_data');
  assert.match(err.message, /'inlineData'/);
  // metadata the model does not read is dropped
  assert.deepEqual(parse({ contents: [user({ text: 'x', partMetadata: { a: 1 }, mediaResolution: { level: 'MEDIA_RESOLUTION_LOW' } })] }).messages, [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }]);
});

test('parse: the system instruction is a Content or a string, of text only', { timeout: 1000 }, () => {
  assert.deepEqual(parse({ contents: hi, systemInstruction: 'be brief' }).system, ['be brief']);
  assert.deepEqual(parse({ contents: hi, systemInstruction: { parts: [{ text: 'a' }, { text: '' }, { text: 'b' }] } }).system, ['a', 'b']);
  refused({ contents: hi, systemInstruction: { parts: [{ text: 'a' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }] } }, 'unsupported_parameter', 'systemInstruction.parts.1.inlineData');
  refused({ contents: hi, systemInstruction: { parts: [{ text: 5 }] } }, 'invalid_request', 'systemInstruction.parts.0.text');
});

test('parse: responseMimeType and response schemas become the canonical response format', { timeout: 1000 }, () => {
  const format = (generationConfig: unknown) => parse({ contents: hi, generationConfig }).responseFormat;
  assert.deepEqual(format({}), { type: 'text' });
  assert.deepEqual(format({ responseMimeType: 'text/plain' }), { type: 'text' });
  assert.deepEqual(format({ responseMimeType: 'application/json' }), { type: 'json' });
  const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
  assert.deepEqual(format({ responseMimeType: 'application/json', responseJsonSchema: schema }), { type: 'json_schema', name: 'response', schema, strict: false });
  assert.deepEqual(format({ responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } }, required: ['a'] } }), { type: 'json_schema', name: 'response', schema, strict: false });
  const at = 'generationConfig';
  refused({ contents: hi, generationConfig: { responseMimeType: 'text/x.enum', responseSchema: { type: 'STRING', enum: ['a'] } } }, 'unsupported_parameter', `${at}.responseMimeType`);
  refused({ contents: hi, generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT' }, responseJsonSchema: schema } }, 'invalid_request', `${at}.responseJsonSchema`);
  refused({ contents: hi, generationConfig: { responseJsonSchema: schema } }, 'invalid_request', `${at}.responseMimeType`);
});

test('parse: generationConfig maps what it can; the rest is for Gemini vendors only; logprobs are refused', { timeout: 1000 }, () => {
  const kept = { presencePenalty: 0.5, frequencyPenalty: 0.1, responseModalities: ['TEXT'], mediaResolution: 'MEDIA_RESOLUTION_LOW', speechConfig: { voiceConfig: {} } };
  const req = parse({ contents: hi, generationConfig: { maxOutputTokens: 5, stopSequences: [], ...kept, responseLogprobs: false } });
  assert.equal(req.maxTokens, 5);
  assert.deepEqual(req.stop, []);
  assert.deepEqual(req.passthrough.fields, { generationConfig: kept });
  refused({ contents: hi, generationConfig: { responseLogprobs: true } }, 'unsupported_parameter', 'generationConfig.responseLogprobs');
  refused({ contents: hi, generationConfig: { logprobs: 3 } }, 'unsupported_parameter', 'generationConfig.logprobs');
  refused({ contents: hi, generationConfig: { temperature: 'hot' } }, 'invalid_request', 'generationConfig.temperature');
  refused({ contents: hi, generationConfig: { temperature: 3 } }, 'invalid_request', 'generationConfig.temperature');
  refused({ contents: hi, generationConfig: { maxOutputTokens: 0 } }, 'invalid_request', 'generationConfig.maxOutputTokens');
  refused({ contents: hi, generationConfig: { stopSequences: 'END' } }, 'invalid_request', 'generationConfig.stopSequences');
});

test('parse: top-level fields: vendor state refused, unknown keys invalid, the body model ignored', { timeout: 1000 }, () => {
  refused({ contents: hi, cachedContent: 'cachedContents/abc' }, 'unsupported_parameter', 'cachedContent');
  refused({ contents: hi, continuationToken: 'dG9r' }, 'unsupported_parameter', 'continuationToken');
  const err = refused({ contents: hi, frobnicate: true }, 'invalid_request', 'frobnicate');
  assert.equal(err.message, "unknown parameter 'frobnicate'");
  assert.match(refused({ contents: hi, system_instruction: { parts: [{ text: 'x' }] } }, 'invalid_request', 'system_instruction').message, /'systemInstruction'/);
  assert.equal(parse({ contents: hi, model: 'models/other' }).model, 'smart');
  assert.deepEqual(parse({ contents: hi, store: true }).passthrough.fields, {});
});

test('parse: malformed bodies are invalid_request naming the path', { timeout: 1000 }, () => {
  refused('hello', 'invalid_request', null);
  refused([], 'invalid_request', null);
  refused({}, 'invalid_request', 'contents');
  refused({ contents: [] }, 'invalid_request', 'contents');
  refused({ contents: {} }, 'invalid_request', 'contents');
  refused({ contents: [{ role: 'user', parts: [] }] }, 'invalid_request', 'contents.0.parts');
  refused({ contents: [{ role: 'user' }] }, 'invalid_request', 'contents.0.parts');
  refused({ contents: [{ role: 'system', parts: [{ text: 'x' }] }] }, 'invalid_request', 'contents.0.role');
  refused({ contents: [user({ text: 'a' }, { text: 7 })] }, 'invalid_request', 'contents.0.parts.1.text');
  refused({ contents: [user({ text: 'a' }), modelTurn(call('f', 'not an object'))] }, 'invalid_request', 'contents.1.parts.0.functionCall.args');
  refused({ contents: [user({ text: 'a' }), modelTurn({ functionCall: { args: {} } })] }, 'invalid_request', 'contents.1.parts.0.functionCall.name');
  refused({ contents: hi, safetySettings: {} }, 'invalid_request', 'safetySettings');
  refused({ contents: hi, labels: { a: 1 } }, 'invalid_request', 'labels.a');
});

test('parseCountTokens: contents alone, or a whole generateContentRequest', { timeout: 1000 }, () => {
  assert.deepEqual(parseCountTokens({ contents: hi }, 'smart'), parse({ contents: hi }));
  const inner = { contents: hi, systemInstruction: { parts: [{ text: 'sys' }] }, tools: [{ functionDeclarations: [{ name: 'f' }] }], generationConfig: { maxOutputTokens: 9 } };
  assert.deepEqual(parseCountTokens({ generateContentRequest: { model: 'models/whatever', ...inner } }, 'smart'), parse(inner));
  const count = (body: unknown, code: ErrorCode, param: string | null) => {
    const err = refusal(() => parseCountTokens(body, 'smart'));
    assert.equal(err.code, code, err.message);
    assert.equal(err.param, param, err.message);
  };
  count(null, 'invalid_request', null);
  count({}, 'invalid_request', 'contents');
  count({ contents: hi, generateContentRequest: { contents: hi } }, 'invalid_request', 'contents');
  count({ contents: hi, systemInstruction: 'x' }, 'invalid_request', 'systemInstruction');
  count({ generateContentRequest: 'x' }, 'invalid_request', 'generateContentRequest');
  count({ generateContentRequest: { contents: [user({ text: 1 })] } }, 'invalid_request', 'generateContentRequest.contents.0.parts.0.text');
  count({ generateContentRequest: { contents: hi, extra: 1 } }, 'invalid_request', 'generateContentRequest.extra');
  count({ generateContentRequest: { contents: hi, tools: [{ googleSearch: {} }] } }, 'unsupported_parameter', 'generateContentRequest.tools.0.googleSearch');
});

test('parse inverts outbound.ts: a canonical request survives encode → parse', { timeout: 1000 }, () => {
  const image = { type: 'image' as const, url: 'data:image/png;base64,AAAA', mediaType: 'image/png' };
  const document = { type: 'document' as const, mediaType: 'application/pdf' as const, data: 'JVBERi0=' };
  const original: ChatRequest = {
    model: 'smart',
    system: ['be brief'],
    messages: [
      // outbound.ts names a URL image's MIME type from its extension when the part has none, so this one has it
      { role: 'user', parts: [{ type: 'text', text: 'look' }, image, document, { type: 'image', url: 'https://example.com/a.jpg', mediaType: 'image/jpeg' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'calling' }, { type: 'tool_call', id: 'c1', name: 'shot', arguments: '{"x":1}' }, { type: 'tool_call', id: 'c2', name: 'read', arguments: '{}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c1', content: 'taken', isError: false, images: [image] }, { type: 'tool_result', toolCallId: 'c2', content: '{"code":404}', isError: true, documents: [document] }] },
      { role: 'user', parts: [{ type: 'text', text: 'thanks' }] },
    ],
    tools: [{ name: 'shot', description: 'screenshot', parameters: { type: 'object', properties: { x: { type: 'integer' } } } }, { name: 'read', parameters: { type: 'object' } }],
    toolChoice: { name: 'shot' },
    maxTokens: 50, temperature: 0.2, topP: 0.5, stop: ['END'], n: 2,
    responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'object' }, strict: false },
    stream: true, includeUsage: true,
    passthrough: { protocol: 'gemini', fields: { safetySettings: [], generationConfig: { topK: 3 } } },
  };
  const { body } = encode(original, 'gemini-2.5-flash');
  assert.deepEqual(parseGenerateContent(body, 'smart', true), original);
});
