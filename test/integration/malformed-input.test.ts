// Malformed input never breaks the gateway: valid requests of every in-format, mutated at random (a field set to a
// value of the wrong type, removed, or a stray field added), get either an answer or a 4xx in the caller's own error
// shape. Never a 5xx, never a hang, and the process keeps serving. Seeded, so a failure replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, startStack } from '../helpers/stack.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const WEIRD: Json[] = [null, 0, -1, 1.5, 'x', '', [], {}, true, [null], [{}], [[[]]], 'a'.repeat(5000), '\u0000', '\ud800', { type: 'text' }, { type: 'text', text: null }, { role: 'user' }, { type: 'image_url' }];

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k] as Json, [...at, k], out);
  return out;
}

/** 1–3 mutations at random places: a wrong value, a removal, or a stray sibling field. */
function mutate(body: Json, rnd: () => number): Json {
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const all = paths(body);
  const root = structuredClone(body);
  for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
    const p = pick(all);
    let o: Json | undefined = root;
    for (const step of p.slice(0, -1)) o = o !== null && typeof o === 'object' ? (o as Record<string | number, Json>)[step] : undefined;
    if (o === null || typeof o !== 'object') continue;
    const key = p.at(-1) as string | number;
    const into = o as Record<string | number, Json>;
    const r = rnd();
    if (r < 0.7) into[key] = structuredClone(pick(WEIRD));
    else if (r < 0.85) delete into[key];
    else into[`${key}x`] = structuredClone(pick(WEIRD));
  }
  return root;
}

const TOOL_SCHEMA = { type: 'object', properties: { x: { type: 'number' } } };
const BODIES: Record<string, (model: string, stream: boolean) => unknown> = {
  '/v1/chat/completions': (model, stream) => ({
    model,
    stream,
    max_tokens: 20,
    stop: ['zz'],
    response_format: { type: 'json_object' },
    stream_options: stream ? { include_usage: true } : null,
    tools: [{ type: 'function', function: { name: 'f', parameters: TOOL_SCHEMA } }],
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: [{ type: 'text', text: 'hi ada@example.org' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'r' },
    ],
  }),
  '/v1/messages': (model, stream) => ({
    model,
    stream,
    max_tokens: 20,
    system: [{ type: 'text', text: 'sys' }],
    stop_sequences: ['zz'],
    tool_choice: { type: 'auto' },
    tools: [{ name: 'f', input_schema: TOOL_SCHEMA }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'hi ada@example.org' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: { x: 1 } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'r' }] }] },
    ],
  }),
  '/v1/messages/count_tokens': (model) => ({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [{ name: 'f', input_schema: TOOL_SCHEMA }] }),
  '/v1/responses': (model, stream) => ({
    model,
    stream,
    instructions: 'be brief',
    text: { format: { type: 'json_object' } },
    tools: [{ type: 'function', name: 'f', parameters: TOOL_SCHEMA }],
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'hi ada@example.org' }] },
      { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c', output: 'x' },
    ],
  }),
  '/v1/embeddings': (model) => ({ model: model === 'via-openai' ? 'embed' : model, input: ['a', 'b'] }),
  // Gemini names the model (and the streaming) in the path: see pathOf
  'gemini:generate': () => ({
    systemInstruction: { parts: [{ text: 'sys' }] },
    generationConfig: { maxOutputTokens: 20, stopSequences: ['zz'], responseMimeType: 'application/json', topK: 3 },
    tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { x: { type: 'NUMBER' } } } }] }],
    toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    contents: [
      { role: 'user', parts: [{ text: 'hi ada@example.org' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: { x: 1 } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'r' } } }] },
    ],
  }),
  'gemini:countTokens': () => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  'gemini:batchEmbedContents': () => ({ requests: [{ content: { parts: [{ text: 'a' }] }, taskType: 'CLUSTERING' }] }),
};

function pathOf(route: string, model: string, stream: boolean): string {
  if (!route.startsWith('gemini:')) return route;
  const method = route === 'gemini:generate' ? (stream ? 'streamGenerateContent?alt=sse' : 'generateContent') : route.slice('gemini:'.length);
  return `/v1beta/models/${route === 'gemini:batchEmbedContents' && model === 'via-openai' ? 'embed' : model}:${method}`;
}

test('randomly mutated requests get an answer or a 4xx in the caller\'s shape, never a 5xx', { timeout: 120_000 }, async (t) => {
  const stack = await startStack(t, { retry: { max_retries: 0 }, extra: { data_policy: { personal: 'pseudonymize', payment: 'redact' } } });
  const rnd = prng(20261128);
  const routes = Object.keys(BODIES);
  const seen = new Map<string, number>();
  for (let i = 0; i < 720; i++) {
    const route = routes[i % routes.length] as string;
    const model = ['via-openai', 'via-anthropic', 'via-gemini'][Math.floor(rnd() * 3)] as string;
    const stream = rnd() < 0.5;
    const body = mutate((BODIES[route] as (m: string, s: boolean) => unknown)(model, stream) as Json, rnd);
    const path = pathOf(route, model, stream);
    const res = await fetch(stack.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    const where = `${path} ${JSON.stringify(body).slice(0, 400)}`;
    assert.ok(res.status < 500, `${res.status} for ${where}: ${text.slice(0, 200)}`);
    seen.set(String(res.status), (seen.get(String(res.status)) ?? 0) + 1);
    if (res.status >= 400) {
      const err = JSON.parse(text) as { type?: string; error?: { message?: unknown; type?: unknown; status?: unknown; code?: unknown } };
      if (path.startsWith('/v1/messages')) assert.equal(err.type, 'error', where);
      assert.equal(typeof err.error?.message, 'string', where);
      if (route.startsWith('gemini:')) {
        // Google's shape: the HTTP status again as code, and its status name
        assert.equal(err.error?.code, res.status, where);
        assert.match(String(err.error?.status), /^[A-Z_]+$/, where);
      } else assert.equal(typeof err.error?.type, 'string', where);
    } else if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      assert.ok(text.endsWith('\n\n'), `a stream that did not end whole: ${where}`);
    }
  }
  // the mix is what it should be: plenty answered, plenty refused
  assert.ok((seen.get('200') ?? 0) > 50 && (seen.get('400') ?? 0) > 200, JSON.stringify([...seen]));
  const health = await fetch(`${stack.url}/healthz`);
  assert.equal(health.status, 200);
});
