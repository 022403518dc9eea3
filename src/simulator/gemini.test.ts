// The Gemini simulator over raw HTTP (no Gemini SDK is installed): exact bodies, CRLF SSE framing, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from './server.ts';

const PROMPT = 'hello there, Airlock';
const ECHO = `echo: ${PROMPT}`;

interface GenerateContentResponse {
  candidates: { content: { role: string; parts: { text?: string; functionCall?: { id?: string; name: string; args: unknown } }[] }; finishReason?: string; index: number }[];
  usageMetadata?: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number };
  modelVersion: string;
  responseId: string;
}

test('gemini simulator', { timeout: 10_000 }, async (t) => {
  const sim = await startSimulator({ protocol: 'gemini', port: 0, apiKey: 'g-key' });
  t.after(() => sim.close());
  const call = (path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': 'g-key' }): Promise<Response> =>
    fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const user = (text: string): unknown => ({ role: 'user', parts: [{ text }] });

  await t.test('generateContent: exact text, usage, modelVersion, on /v1beta and /v1', { timeout: 10_000 }, async () => {
    for (const version of ['v1beta', 'v1']) {
      const res = await call(`/${version}/models/gemini-2.0-flash:generateContent`, { systemInstruction: { parts: [{ text: 'be brief' }] }, contents: [user(PROMPT)] });
      assert.equal(res.status, 200);
      const body = (await res.json()) as GenerateContentResponse;
      assert.deepEqual(body.candidates[0]?.content, { parts: [{ text: ECHO }], role: 'model' });
      assert.equal(body.candidates[0]?.finishReason, 'STOP');
      const input = Math.ceil(('be brief'.length + PROMPT.length) / 4);
      const output = Math.ceil(ECHO.length / 4);
      assert.deepEqual(body.usageMetadata, { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output, promptTokensDetails: [{ modality: 'TEXT', tokenCount: input }] });
      assert.equal(body.modelVersion, 'gemini-2.0-flash');
      assert.ok(body.responseId.length > 0);
    }
  });

  await t.test('streamGenerateContent?alt=sse: CRLF-framed chunks, finish and usage on the last, no [DONE]', { timeout: 10_000 }, async () => {
    const res = await call('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse', { contents: [user(PROMPT)] });
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const raw = await res.text();
    assert.ok(raw.endsWith('\r\n\r\n'));
    assert.doesNotMatch(raw, /\[DONE\]/);
    const chunks = raw.split('\r\n\r\n').filter(Boolean).map((b) => JSON.parse(b.replace(/^data: /, '')) as GenerateContentResponse);
    assert.equal(chunks.length, 8);
    assert.equal(chunks.map((c) => c.candidates[0]?.content.parts[0]?.text).join(''), ECHO);
    assert.ok(chunks.slice(0, -1).every((c) => c.usageMetadata === undefined && c.candidates[0]?.finishReason === undefined));
    assert.equal(chunks.at(-1)?.candidates[0]?.finishReason, 'STOP');
    assert.equal(chunks.at(-1)?.usageMetadata?.candidatesTokenCount, Math.ceil(ECHO.length / 4));
    const array = (await (await call('/v1/models/m:streamGenerateContent', { contents: [user('hi')] })).json()) as GenerateContentResponse[];
    assert.equal(array.map((c) => c.candidates[0]?.content.parts[0]?.text).join(''), 'echo: hi');
  });

  await t.test('tools: parallel-2 functionCall parts whole; forced via ANY; functionResponse; json mode; stop', { timeout: 10_000 }, async () => {
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' }, days: { type: 'INTEGER' } } } }, { name: 'get_time', parametersJsonSchema: { type: 'object', properties: { zone: { type: 'string' } } } }] }];
    const raw = await (await call('/v1beta/models/gemini-parallel-2:streamGenerateContent?alt=sse', { contents: [user('both')], tools })).text();
    const chunks = raw.split('\r\n\r\n').filter(Boolean).map((b) => JSON.parse(b.slice('data: '.length)) as GenerateContentResponse);
    assert.equal(chunks.length, 1);
    assert.deepEqual(chunks[0]?.candidates[0]?.content.parts, [{ functionCall: { name: 'get_weather', args: { city: 'sim', days: 1 } } }, { functionCall: { name: 'get_time', args: { zone: 'sim' } } }]);
    assert.equal(chunks[0]?.candidates[0]?.finishReason, 'STOP');
    const forced = (await (await call('/v1beta/models/g:generateContent', { contents: [user('x')], tools, toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_time'] } } })).json()) as GenerateContentResponse;
    assert.equal(forced.candidates[0]?.content.parts[0]?.functionCall?.name, 'get_time');
    const contents = [user('weather?'), { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} } }] }, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: 'sunny, 21C' } } }] }];
    const result = (await (await call('/v1beta/models/g:generateContent', { contents, tools })).json()) as GenerateContentResponse;
    assert.equal(result.candidates[0]?.content.parts[0]?.text, 'tool result: sunny, 21C');
    const json = (await (await call('/v1beta/models/g:generateContent', { contents: [user(PROMPT)], generationConfig: { responseMimeType: 'application/json' } })).json()) as GenerateContentResponse;
    assert.deepEqual(JSON.parse(json.candidates[0]?.content.parts[0]?.text ?? ''), { echo: PROMPT });
    const cut = (await (await call('/v1beta/models/g:generateContent', { contents: [user(PROMPT)], generationConfig: { maxOutputTokens: 1 } })).json()) as GenerateContentResponse;
    assert.deepEqual([cut.candidates[0]?.finishReason, cut.candidates[0]?.content.parts[0]?.text], ['MAX_TOKENS', 'echo']);
  });

  await t.test('errors in the google.rpc shape: 401, 400, 404, scripted 429 and 503', { timeout: 10_000 }, async () => {
    const wrong = await call('/v1beta/models/g:generateContent', { contents: [user('x')] }, { 'x-goog-api-key': 'nope' });
    assert.equal(wrong.status, 401);
    const body = (await wrong.json()) as { error: { code: number; message: string; status: string } };
    assert.deepEqual([body.error.code, body.error.status], [401, 'UNAUTHENTICATED']);
    assert.equal((await fetch(`${sim.url}/v1beta/models/g:generateContent?key=g-key`, { method: 'POST', body: JSON.stringify({ contents: [user('x')] }) })).status, 200);
    const empty = (await (await call('/v1beta/models/g:generateContent', { contents: [] })).json()) as { error: { status: string } };
    assert.equal(empty.error.status, 'INVALID_ARGUMENT');
    assert.equal((await call('/v1beta/tunedModels/x:generateContent', {})).status, 404);
    const limited = await call('/v1beta/models/gemini-fail-429-retry-after-3:generateContent', { contents: [user('x')] });
    const lbody = (await limited.json()) as { error: { status: string; details: { retryDelay?: string }[] } };
    assert.deepEqual([limited.status, lbody.error.status, lbody.error.details[0]?.retryDelay], [429, 'RESOURCE_EXHAUSTED', '3s']);
    const down = await call('/v1beta/models/g:generateContent', { contents: [user('x')] }, { 'x-goog-api-key': 'g-key', 'x-sim-fail': '503' });
    assert.equal(((await down.json()) as { error: { status: string } }).error.status, 'UNAVAILABLE');
  });

  await t.test('embedContent and batchEmbedContents: deterministic vectors', { timeout: 10_000 }, async () => {
    const one = (await (await call('/v1beta/models/text-embedding-004:embedContent', { content: { parts: [{ text: 'one' }] } })).json()) as { embedding: { values: number[] } };
    assert.equal(one.embedding.values.length, 8);
    const batch = (await (
      await call('/v1beta/models/text-embedding-004:batchEmbedContents', { requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'one' }] } }, { content: { parts: [{ text: 'two' }] }, outputDimensionality: 4 }] })
    ).json()) as { embeddings: { values: number[] }[] };
    assert.deepEqual(batch.embeddings[0]?.values, one.embedding.values);
    assert.equal(batch.embeddings[1]?.values.length, 4);
  });

  await t.test('countTokens: contents alone, or a whole generateContentRequest with its system instruction', { timeout: 10_000 }, async () => {
    const alone = (await (await call('/v1beta/models/gemini-2.0-flash:countTokens', { contents: [user(PROMPT)] })).json()) as { totalTokens: number };
    assert.equal(alone.totalTokens, Math.ceil(PROMPT.length / 4));
    const request = { model: 'models/gemini-2.0-flash', systemInstruction: { parts: [{ text: 'be brief' }] }, contents: [user(PROMPT)] };
    const res = await call('/v1beta/models/gemini-2.0-flash:countTokens', { generateContentRequest: request });
    const input = Math.ceil(('be brief'.length + PROMPT.length) / 4);
    assert.deepEqual(await res.json(), { totalTokens: input, promptTokensDetails: [{ modality: 'TEXT', tokenCount: input }] });
    const generated = (await (await call('/v1beta/models/gemini-2.0-flash:generateContent', request)).json()) as GenerateContentResponse;
    assert.equal(generated.usageMetadata?.promptTokenCount, input);
    const both = await call('/v1beta/models/gemini-2.0-flash:countTokens', { contents: [user(PROMPT)], generateContentRequest: request });
    assert.equal(both.status, 400);
    const empty = await call('/v1beta/models/gemini-2.0-flash:countTokens', {});
    assert.equal(empty.status, 400);
    assert.equal(((await empty.json()) as { error: { status: string } }).error.status, 'INVALID_ARGUMENT');
  });
});
