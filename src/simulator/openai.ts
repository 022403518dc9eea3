// The OpenAI wire: /v1/chat/completions, /v1/embeddings and /v1/models, Bearer auth, and error bodies
// `{"error":{"message","type","param","code"}}` with all four keys (the spec requires them; param/code may be null).
import type { IncomingHttpHeaders } from 'node:http';
import { randomInt } from 'node:crypto';
import { isObject, json, randomId, retryHeaders, type Answer, type ReplyOptions, type Route, type Streamed, type Wire } from './wire.ts';
import { simulateReply, tokens } from './reply.ts';
import { embed, toBase64 } from './vectors.ts';
import { chatFrames, parseChat, renderChat, type ChatMeta } from './openai-chat.ts';

function headers(): Record<string, string> {
  return {
    'x-request-id': randomId('req_', 32),
    'openai-processing-ms': String(randomInt(80, 400)),
    'openai-version': '2020-10-01',
    'openai-organization': 'user-simulator',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-remaining-tokens': '29999000',
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-reset-tokens': '2ms',
  };
}

interface ErrorFields {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

function error(status: number, fields: ErrorFields, extra: Record<string, string> = {}): Answer {
  const { message, type, param = null, code = null } = fields;
  return json(status, { ...headers(), ...extra }, { error: { message, type, param, code } });
}

const invalid = (message: string, param: string | null = null, code: string | null = null): Answer =>
  error(400, { message, type: 'invalid_request_error', param, code });

function failure(status: number, retryAfterS: number | undefined, model: string | undefined): Answer {
  const retry = retryHeaders(retryAfterS, true);
  if (status === 429) {
    const wait = retryAfterS === undefined ? '' : ` Please try again in ${retryAfterS}s.`;
    const message = `Rate limit reached for ${model ?? 'the model'} in organization org-simulator on requests per min (RPM): Limit 3, Used 3, Requested 1.${wait}`;
    return error(429, { message, type: 'requests', code: 'rate_limit_exceeded' }, retry);
  }
  if (status === 503) return error(503, { message: 'The server is overloaded or not ready yet.', type: 'server_error' }, retry);
  if (status >= 500) return error(status, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error' }, retry);
  if (status === 401) return error(401, { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' });
  if (status === 403) return error(403, { message: 'Country, region, or territory not supported', type: 'request_forbidden', code: 'unsupported_country_region_territory' });
  if (status === 404) return error(404, { message: `The model \`${model ?? ''}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' });
  return error(status, { message: 'Simulated failure.', type: 'invalid_request_error' }, retry);
}

function gate(h: IncomingHttpHeaders, _url: URL, apiKey: string | undefined): Answer | null {
  const auth = h.authorization;
  const key = typeof auth === 'string' && /^bearer /i.test(auth) ? auth.slice(7).trim() : '';
  if (key === '') {
    const message = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    return error(401, { message, type: 'invalid_request_error' });
  }
  if (apiKey !== undefined && key !== apiKey) {
    return error(401, { message: `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}.`, type: 'invalid_request_error', code: 'invalid_api_key' });
  }
  return null;
}

function route(method: string, url: URL, body: unknown): Route | null {
  const model = isObject(body) && typeof body.model === 'string' ? body.model : undefined;
  const stream = isObject(body) && body.stream === true;
  if (method === 'POST' && url.pathname === '/v1/chat/completions') return { op: 'chat', model, stream };
  if (method === 'POST' && url.pathname === '/v1/embeddings') return { op: 'embed', model, stream: false };
  if (method === 'GET' && url.pathname === '/v1/models') return { op: 'models', model: undefined, stream: false };
  return null;
}

function chat(route: Route, body: unknown, opts: ReplyOptions): Answer | Streamed {
  if (!isObject(body) || route.model === undefined) return invalid('you must provide a model parameter');
  const messages = body.messages;
  if (messages === undefined) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages)) return invalid("Invalid type for 'messages': expected an array, but got another type instead.", 'messages', 'invalid_type');
  if (messages.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  if (typeof body.n === 'number' && body.n > 128) return invalid(`Invalid 'n': integer above maximum value. Expected a value <= 128, but got ${body.n} instead.`, 'n', 'integer_above_max_value');
  const parsed = parseChat(body, messages);
  const reply = simulateReply(parsed.chat, opts.parallel);
  const meta: ChatMeta = { id: randomId('chatcmpl-', 29), created: Math.floor(Date.now() / 1000), model: route.model, fingerprint: 'fp_sim0000001', streamChunks: opts.streamChunks };
  if (!route.stream) {
    const whole = renderChat(reply, parsed.n, meta);
    if (opts.noUsage === true) delete whole.usage;
    return json(200, headers(), whole);
  }
  const frames = chatFrames(reply, parsed.n, parsed.includeUsage && opts.noUsage !== true, meta);
  return { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers() }, frames };
}

function inputs(raw: unknown): string[] | null {
  if (typeof raw === 'string') return [raw];
  if (!Array.isArray(raw) || raw.length === 0) return null;
  // token arrays (number[] or number[][]) are hashed as their JSON text
  if (raw.every((x) => typeof x === 'number')) return [JSON.stringify(raw)];
  return raw.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function embeddings(route: Route, body: unknown): Answer {
  if (!isObject(body) || route.model === undefined) return invalid('you must provide a model parameter');
  if (body.input === undefined) return invalid("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  const texts = inputs(body.input);
  if (texts === null) return invalid("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'input');
  const dims = typeof body.dimensions === 'number' && body.dimensions > 0 ? Math.floor(body.dimensions) : undefined;
  const base64 = body.encoding_format === 'base64';
  const data = texts.map((text, index) => {
    const vector = embed(text, dims);
    return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
  });
  const prompt = tokens(texts.reduce((n, t) => n + t.length, 0));
  return json(200, headers(), { object: 'list', data, model: route.model, usage: { prompt_tokens: prompt, total_tokens: prompt } });
}

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'text-embedding-3-small'];

function models(): Answer {
  const data = MODELS.map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' }));
  return json(200, headers(), { object: 'list', data });
}

export const openaiWire: Wire = {
  route,
  gate,
  notFound: (method, url) => error(404, { message: `Invalid URL (${method} ${url.pathname})`, type: 'invalid_request_error' }),
  malformed: () =>
    invalid(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    ),
  failure,
  overloaded: (random) => (random() < 0.5 ? 500 : 503),
  answer: (r, body, opts) => (r.op === 'chat' ? chat(r, body, opts) : r.op === 'embed' ? embeddings(r, body) : models()),
};
