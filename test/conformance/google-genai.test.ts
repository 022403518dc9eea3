// Google's @google/genai SDK against the gateway, for every out-protocol, in both release lines: 2.x, the last for
// Node 20, which calls /v1beta/models/…, and 3.x, the latest (engines Node >= 22), which calls /v1/models/…
// (PROTOCOLS.md §2). The SDK sends its key as x-goog-api-key and streams with ?alt=sse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as genai2 from '@google/genai';
import * as genai3 from 'google-genai-3';
import { KEY, startStack } from '../helpers/stack.ts';
import { ECHO, MATRIX_MODELS, OUT, PROMPT, WEATHER_ARGS, inputTokens } from './shared.ts';

// 3.x's types are 2.x's under another package name: the cast lets one body drive both.
const LINES: [string, typeof genai2][] = [
  ['2.x', genai2],
  ['3.x', genai3 as unknown as typeof genai2],
];

// synthetic, made up for these tests
const SECRET = 'sk-proj-' + 'Q7vT2mX9kL4pR8sW1nB6yZ3cF5hJ0dG2aE7uK9iM4oN1qV8xT6rS3wP5lY2bC7';
const EMAIL = 'ada.lovelace@analytical.example';

for (const [line, { ApiError, GoogleGenAI, Type }] of LINES) {
  const weather = {
    name: 'get_weather',
    description: 'weather',
    // the SDK's own schema type (upper-case OpenAPI types), as its docs write tools
    parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, days: { type: Type.INTEGER } }, required: ['city'] },
  };
  const time = { name: 'get_time', parametersJsonSchema: { type: 'object', properties: { zone: { type: 'string' } } } };

  test(`@google/genai ${line} × every out-protocol`, { timeout: 60_000 }, async (t) => {
    const stack = await startStack(t, { models: MATRIX_MODELS });
    const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: stack.url } });

    for (const out of OUT) {
      const model = `via-${out}`;
      await t.test(`${out}: generateContent`, async () => {
        const res = await ai.models.generateContent({ model, contents: PROMPT });
        assert.equal(res.text, ECHO);
        assert.equal(res.candidates?.[0]?.finishReason, 'STOP');
        assert.equal(res.usageMetadata?.promptTokenCount, inputTokens(PROMPT.length));
        assert.equal(res.usageMetadata?.candidatesTokenCount, inputTokens(ECHO.length));
        assert.equal(res.usageMetadata?.totalTokenCount, inputTokens(PROMPT.length) + inputTokens(ECHO.length));
        assert.equal(res.modelVersion, model);
        const headers = res.sdkHttpResponse?.headers ?? {};
        assert.equal(headers['x-airlock-vendor'], `sim-${out}`);
        assert.ok(headers['x-airlock-request-id']);
        assert.equal(res.responseId, headers['x-airlock-request-id']);
      });

      await t.test(`${out}: generateContentStream, with a system instruction, usage on the last chunk`, async () => {
        const stream = await ai.models.generateContentStream({ model, contents: PROMPT, config: { systemInstruction: 'be brief' } });
        let text = '';
        let chunks = 0;
        let last: genai2.GenerateContentResponse | undefined;
        for await (const chunk of stream) {
          chunks++;
          text += chunk.text ?? '';
          last = chunk;
        }
        assert.equal(text, ECHO);
        assert.ok(chunks >= 4, `streamed in ${chunks} chunks`);
        assert.equal(last?.candidates?.[0]?.finishReason, 'STOP');
        assert.equal(last?.usageMetadata?.promptTokenCount, inputTokens('be brief'.length + PROMPT.length));
        assert.equal(last?.usageMetadata?.candidatesTokenCount, inputTokens(ECHO.length));
      });

      await t.test(`${out}: a function call, and its response sent back`, async () => {
        const config = { tools: [{ functionDeclarations: [weather] }] };
        const first = await ai.models.generateContent({ model, contents: 'weather in Oslo?', config });
        const call = first.functionCalls?.[0];
        assert.equal(call?.name, 'get_weather');
        assert.deepEqual(call?.args, WEATHER_ARGS);
        const second = await ai.models.generateContent({
          model,
          config,
          contents: [
            { role: 'user', parts: [{ text: 'weather in Oslo?' }] },
            { role: 'model', parts: [{ functionCall: call }] },
            { role: 'user', parts: [{ functionResponse: { id: call?.id, name: 'get_weather', response: { output: 'sunny, 21C' } } }] },
          ],
        });
        assert.equal(second.text, 'tool result: sunny, 21C');
      });

      await t.test(`${out}: parallel function calls, streamed`, async () => {
        const stream = await ai.models.generateContentStream({
          model: `parallel-via-${out}`,
          contents: 'both',
          config: { tools: [{ functionDeclarations: [weather, time] }] },
        });
        const calls: genai2.FunctionCall[] = [];
        for await (const chunk of stream) calls.push(...(chunk.functionCalls ?? []));
        assert.deepEqual(calls.map((c) => [c.name, c.args]), [['get_weather', WEATHER_ARGS], ['get_time', { zone: 'sim' }]]);
      });

      await t.test(`${out}: JSON by a response schema`, async () => {
        const res = await ai.models.generateContent({
          model,
          contents: PROMPT,
          config: { responseMimeType: 'application/json', responseSchema: { type: Type.OBJECT, properties: { echo: { type: Type.STRING } } } },
        });
        assert.deepEqual(JSON.parse(res.text ?? ''), { echo: PROMPT });
      });

      await t.test(`${out}: a chat of two turns`, async () => {
        const chat = ai.chats.create({ model });
        assert.equal((await chat.sendMessage({ message: PROMPT })).text, ECHO);
        assert.equal((await chat.sendMessage({ message: 'and again' })).text, 'echo: and again');
        // the first answer went back to the vendor as the assistant's turn
        assert.ok(JSON.stringify(stack.sims[out].received.at(-1)?.body).includes(ECHO));
        // streamed: the SDK keeps a streamed turn in its history only if every chunk it saw was valid to it
        const streamed = ai.chats.create({ model });
        let first = '';
        for await (const chunk of await streamed.sendMessageStream({ message: PROMPT })) first += chunk.text ?? '';
        assert.equal(first, ECHO);
        let second = '';
        for await (const chunk of await streamed.sendMessageStream({ message: 'and again' })) second += chunk.text ?? '';
        assert.equal(second, 'echo: and again');
        // the SDK keeps each streamed chunk's content as its own history entry
        assert.equal(streamed.getHistory().filter((c) => c.role === 'user').length, 2);
        assert.ok(JSON.stringify(stack.sims[out].received.at(-1)?.body).includes(ECHO), 'the streamed first turn went back to the vendor');
      });
    }

    await t.test('countTokens: the vendor counts where it can', async () => {
      const res = await ai.models.countTokens({ model: 'via-gemini', contents: PROMPT });
      assert.equal(res.totalTokens, inputTokens(PROMPT.length));
    });

    await t.test('embedContent: vectors from an OpenAI-protocol vendor and from a Gemini one', async () => {
      const embedStack = await startStack(t, { models: { embed: ['sim-openai/text-embedding-3-small'], 'embed-gemini': ['sim-gemini/text-embedding-004'] } });
      const client = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: embedStack.url } });
      for (const model of ['embed', 'embed-gemini']) {
        const res = await client.models.embedContent({ model, contents: ['one', 'two'], config: { taskType: 'RETRIEVAL_DOCUMENT' } });
        const [a, b] = (res.embeddings ?? []).map((e) => e.values ?? []);
        assert.ok(a && b && a.length > 0 && a.every((x) => Number.isFinite(x)), model);
        assert.notDeepEqual(a, b);
      }
      // the task reached the Gemini vendor; an OpenAI one has no such field
      const sent = embedStack.sims.gemini.received.at(-1)?.body as { requests: { taskType?: string }[] };
      assert.equal(sent.requests[0]?.taskType, 'RETRIEVAL_DOCUMENT');
      assert.doesNotMatch(JSON.stringify(embedStack.sims.openai.received.at(-1)?.body), /RETRIEVAL/);
    });

    await t.test('models.list and models.get: the logical models the key may use', async () => {
      const names: string[] = [];
      for await (const m of await ai.models.list({ config: { pageSize: 4 } })) names.push(m.name ?? '');
      assert.deepEqual(names.sort(), Object.keys(MATRIX_MODELS).map((n) => `models/${n}`).sort());
      const one = await ai.models.get({ model: 'via-openai' });
      assert.equal(one.name, 'models/via-openai');
    });

    await t.test('errors come as ApiError with the status: a wrong key, an unknown model', async () => {
      const wrong = new GoogleGenAI({ apiKey: 'sk-wrong', httpOptions: { baseUrl: stack.url } });
      const unauthorized = await wrong.models.generateContent({ model: 'via-openai', contents: PROMPT }).catch((e: unknown) => e);
      assert.ok(unauthorized instanceof ApiError, String(unauthorized));
      assert.equal(unauthorized.status, 401);
      assert.match(unauthorized.message, /UNAUTHENTICATED/);
      const unknown = await ai.models.generateContent({ model: 'no-such-model', contents: PROMPT }).catch((e: unknown) => e);
      assert.ok(unknown instanceof ApiError);
      assert.equal(unknown.status, 404);
    });
  });

  test(`@google/genai ${line}: governance applies as to any caller`, { timeout: 60_000 }, async (t) => {
    const stack = await startStack(t, {
      models: MATRIX_MODELS,
      reviews: { 'sim-openai': { status: 'approved', approved_data: ['public', 'internal'] } },
      extra: { data_policy: { credentials: 'block', personal: 'pseudonymize' } },
    });
    const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: stack.url } });

    await t.test('a secret is blocked (403 PERMISSION_DENIED) before any vendor', async () => {
      const before = stack.sims.openai.received.length;
      const err = await ai.models.generateContent({ model: 'via-openai', contents: `deploy with ${SECRET}` }).catch((e: unknown) => e);
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 403);
      assert.match(err.message, /PERMISSION_DENIED/);
      assert.doesNotMatch(err.message, /Q7vT2mX9/);
      assert.equal(stack.sims.openai.received.length, before);
    });

    await t.test('an email is pseudonymized at the vendor and restored in the answer, streamed too', async () => {
      const res = await ai.models.generateContent({ model: 'via-openai', contents: `write to ${EMAIL}` });
      assert.equal(res.text, `echo: write to ${EMAIL}`);
      assert.doesNotMatch(JSON.stringify(stack.sims.openai.received.at(-1)?.body), /ada\.lovelace/);
      let text = '';
      for await (const chunk of await ai.models.generateContentStream({ model: 'via-openai', contents: `write to ${EMAIL}` })) text += chunk.text ?? '';
      assert.equal(text, `echo: write to ${EMAIL}`);
    });
  });
}

test('Gemini REST: the key in ?key=, streams only with alt=sse, unknown methods and wrong verbs in Google\'s shape', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, { models: MATRIX_MODELS });
  const post = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ contents: [{ parts: [{ text: PROMPT }] }] }) });
  const error = async (res: Response) => ((await res.json()) as { error: { code: number; status: string; message: string } }).error;

  const byQuery = await post(`/v1beta/models/via-anthropic:generateContent?key=${KEY}`);
  assert.equal(byQuery.status, 200);
  assert.equal(((await byQuery.json()) as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]?.content.parts[0]?.text, ECHO);
  // a header, when sent, is the key: a wrong one is not rescued by the query
  const wrongHeader = await post(`/v1beta/models/via-anthropic:generateContent?key=${KEY}`, { 'x-goog-api-key': 'sk-wrong' });
  assert.equal(wrongHeader.status, 401);
  assert.equal((await error(wrongHeader)).status, 'UNAUTHENTICATED');

  const noSse = await post('/v1beta/models/via-openai:streamGenerateContent', { 'x-goog-api-key': KEY });
  assert.equal(noSse.status, 400);
  assert.match((await error(noSse)).message, /alt=sse/);
  assert.equal(noSse.headers.get('x-should-retry'), 'false');

  const unknown = await post('/v1beta/models/via-openai:predict', { 'x-goog-api-key': KEY });
  assert.equal(unknown.status, 404);
  assert.deepEqual(await error(unknown).then((e) => [e.code, e.status]), [404, 'NOT_FOUND']);

  const get = await fetch(`${stack.url}/v1beta/models/via-openai:generateContent`, { headers: { 'x-goog-api-key': KEY } });
  assert.equal(get.status, 405);
  assert.equal((await error(get)).status, 'UNIMPLEMENTED');

  // a model lookup with no key answers in Google's shape too
  const anonymous = await fetch(`${stack.url}/v1beta/models/via-openai`);
  assert.equal(anonymous.status, 401);
  assert.equal((await error(anonymous)).code, 401);

  // the request log names the Gemini method and the vendor that answered (refusals made while routing, before any
  // pipeline stage, are not logged, as for every other route)
  await stack.gateway.store.sink.flush();
  const rows = (await stack.gateway.store.requestLog.recent(100));
  const answered = rows.find((r) => r.route === 'gemini.generateContent' && r.status === 200);
  assert.equal(answered?.vendor, 'sim-anthropic');
});
