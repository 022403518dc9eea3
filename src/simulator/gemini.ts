// The Gemini wire: POST /{v1,v1beta}/models/{model}:{generateContent,streamGenerateContent,embedContent,
// batchEmbedContents,countTokens} (@google/genai 3.x calls /v1, 2.x /v1beta), the key in `x-goog-api-key` or `?key=`, and
// google.rpc errors `{"error":{"code","message","status","details"?}}`.
import type { IncomingHttpHeaders } from 'node:http';
import { randomInt } from 'node:crypto';
import { isObject, randomId, retryHeaders, type Answer, type ReplyOptions, type Route, type Streamed, type Wire } from './wire.ts';
import { inputTokens, simulateReply } from './reply.ts';
import { embed } from './vectors.ts';
import { contentChunks, contentFrames, parseContents, renderContent } from './gemini-content.ts';

function headers(): Record<string, string> {
  return { vary: 'Origin, X-Origin, Referer', server: 'scaffolding on HTTPServer2', 'server-timing': `gfet4t7; dur=${randomInt(80, 900)}`, 'x-content-type-options': 'nosniff' };
}

function send(status: number, body: unknown, extra: Record<string, string> = {}): Answer {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers(), ...extra }, body: JSON.stringify(body) };
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function error(code: number, message: string, details?: unknown[], extra: Record<string, string> = {}): Answer {
  const status = STATUS[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
  return send(code, { error: { code, message, status, ...(details ? { details } : {}) } }, extra);
}

const MESSAGES: Record<number, string> = {
  429: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'The request timed out. Please try again.',
  403: 'The caller does not have permission',
};

/** Google says when to retry in a google.rpc.RetryInfo detail; the retry-after header is the simulator's courtesy. */
function failure(status: number, retryAfterS: number | undefined, model: string | undefined): Answer {
  if (status === 404) return error(404, `models/${model ?? ''} is not found for API version v1beta, or is not supported for generateContent.`);
  const details = retryAfterS === undefined ? undefined : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterS}s` }];
  return error(status, MESSAGES[status] ?? 'Simulated failure.', details, retryHeaders(retryAfterS, false));
}

function gate(h: IncomingHttpHeaders, url: URL, apiKey: string | undefined): Answer | null {
  const header = h['x-goog-api-key'];
  const key = (typeof header === 'string' ? header : '') || (url.searchParams.get('key') ?? '');
  const info = (reason: string): unknown[] => [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } }];
  if (key === '') {
    const message = "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
    return error(401, message, info('CREDENTIALS_MISSING'));
  }
  if (apiKey !== undefined && key !== apiKey) return error(401, 'API key not valid. Please pass a valid API key.', info('API_KEY_INVALID'));
  return null;
}

const PATH = /^\/(?:v1|v1beta)\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)$/;

function route(method: string, url: URL): Route | null {
  const m = PATH.exec(url.pathname);
  if (method !== 'POST' || !m?.[1] || !m[2]) return null;
  const model = decodeURIComponent(m[1]);
  if (m[2] === 'embedContent') return { op: 'embed', model, stream: false };
  if (m[2] === 'batchEmbedContents') return { op: 'embed-batch', model, stream: false };
  if (m[2] === 'countTokens') return { op: 'count', model, stream: false };
  const streaming = m[2] === 'streamGenerateContent';
  const sse = url.searchParams.get('alt') === 'sse';
  return { op: 'chat', model, stream: streaming && sse, jsonArray: streaming && !sse };
}

function invalid(message: string): Answer {
  return error(400, message);
}

function generate(r: Route, body: unknown, opts: ReplyOptions): Answer | Streamed {
  if (!isObject(body) || !Array.isArray(body.contents) || body.contents.length === 0) return invalid('* GenerateContentRequest.contents: contents is not specified\n');
  const reply = simulateReply(parseContents(body, body.contents), opts.parallel);
  const meta = { model: r.model ?? '', responseId: randomId('', 22), streamChunks: opts.streamChunks };
  if (r.jsonArray) return send(200, contentChunks(reply, meta).map((c) => c.body));
  if (!r.stream) return send(200, renderContent(reply, meta));
  const streamHeaders = { 'content-type': 'text/event-stream', 'content-disposition': 'attachment', ...headers() };
  return { status: 200, headers: streamHeaders, frames: contentFrames(reply, meta) };
}

/** countTokens takes `contents` alone or a whole `generateContentRequest` (system instruction and tools counted too). */
function count(body: unknown): Answer {
  const request = isObject(body) && isObject(body.generateContentRequest) ? body.generateContentRequest : body;
  if (isObject(body) && body.contents !== undefined && request !== body) return invalid('contents and generateContentRequest cannot both be set.');
  if (!isObject(request) || !Array.isArray(request.contents) || request.contents.length === 0) return invalid('* CountTokensRequest.contents: contents is not specified\n');
  const tokens = inputTokens(parseContents(request === body ? { contents: request.contents } : request, request.contents));
  return send(200, { totalTokens: tokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }] });
}

function contentText(content: unknown): string | null {
  if (!isObject(content) || !Array.isArray(content.parts)) return null;
  return content.parts.flatMap((p) => (isObject(p) && typeof p.text === 'string' ? [p.text] : [])).join('\n');
}

function dims(req: Record<string, unknown>): number | undefined {
  const d = req.outputDimensionality ?? req.output_dimensionality;
  return typeof d === 'number' && d > 0 ? Math.floor(d) : undefined;
}

function embeddings(r: Route, body: unknown): Answer {
  if (r.op === 'embed') {
    const text = isObject(body) ? contentText(body.content) : null;
    if (!isObject(body) || text === null) return invalid('* EmbedContentRequest.content: content is not specified\n');
    return send(200, { embedding: { values: embed(text, dims(body)) } });
  }
  const requests = isObject(body) ? body.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) return invalid('* BatchEmbedContentsRequest.requests: requests is not specified\n');
  const out: { values: number[] }[] = [];
  for (const [i, req] of requests.entries()) {
    const text = isObject(req) ? contentText(req.content) : null;
    if (!isObject(req) || text === null) return invalid(`* BatchEmbedContentsRequest.requests[${i}].content: content is not specified\n`);
    out.push({ values: embed(text, dims(req)) });
  }
  return send(200, { embeddings: out });
}

export const geminiWire: Wire = {
  route,
  gate,
  notFound: (method, url) => error(404, `The requested URL ${url.pathname} was not found on this server (${method}).`),
  malformed: () => invalid('Invalid JSON payload received. Unexpected token.'),
  failure,
  overloaded: () => 503,
  answer: (r, body, opts) => (r.op === 'chat' ? generate(r, body, opts) : r.op === 'count' ? count(body) : embeddings(r, body)),
};
