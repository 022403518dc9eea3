// The Anthropic wire: POST /v1/messages and /v1/messages/count_tokens, `x-api-key` or `Authorization: Bearer` (SDK 1.x), a required
// `anthropic-version` header, and errors `{"type":"error","error":{type,message},"request_id"}` whose
// request_id matches the `request-id` header. Error types per status from docs.claude.com/en/api/errors.
import type { IncomingHttpHeaders } from 'node:http';
import { isObject, json, randomId, retryHeaders, type Answer, type ReplyOptions, type Route, type Streamed, type Wire } from './wire.ts';
import { inputTokens, simulateReply, tokens } from './reply.ts';
import { applyCache, cachedPrefix, messageFrames, parseMessages, renderMessage } from './anthropic-messages.ts';
import { checkThinking, thinkingEnabled, thinkingFor } from './anthropic-thinking.ts';

function headers(requestId: string): Record<string, string> {
  const reset = new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const limits: Record<string, string> = {};
  for (const [name, limit] of [['requests', 4000], ['tokens', 2000000], ['input-tokens', 2000000], ['output-tokens', 400000]] as const) {
    limits[`anthropic-ratelimit-${name}-limit`] = String(limit);
    limits[`anthropic-ratelimit-${name}-remaining`] = String(limit - 1);
    limits[`anthropic-ratelimit-${name}-reset`] = reset;
  }
  return { 'request-id': requestId, 'anthropic-organization-id': '00000000-0000-4000-8000-00000000517e', ...limits, via: '1.1 google' };
}

const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

function error(status: number, message: string, extra: Record<string, string> = {}): Answer {
  const requestId = randomId('req_011C', 20);
  const type = TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return json(status, { ...headers(requestId), ...extra }, { type: 'error', error: { type, message }, request_id: requestId });
}

const MESSAGES: Record<number, string> = {
  429: 'Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  500: 'Internal server error',
  529: 'Overloaded',
  401: 'invalid x-api-key',
  403: 'Your API key does not have permission to use the specified resource.',
};

function failure(status: number, retryAfterS: number | undefined, model: string | undefined): Answer {
  const message = status === 404 ? `model: ${model ?? ''}` : (MESSAGES[status] ?? 'Simulated failure');
  return error(status, message, retryHeaders(retryAfterS, false));
}

function gate(h: IncomingHttpHeaders, _url: URL, apiKey: string | undefined): Answer | null {
  const bearer = typeof h.authorization === 'string' && /^bearer /i.test(h.authorization) ? h.authorization.slice(7).trim() : '';
  const key = typeof h['x-api-key'] === 'string' && h['x-api-key'] !== '' ? h['x-api-key'] : bearer;
  if (key === '') return error(401, 'x-api-key header is required');
  if (apiKey !== undefined && key !== apiKey) return error(401, 'invalid x-api-key');
  if (typeof h['anthropic-version'] !== 'string' || h['anthropic-version'] === '') return error(400, 'anthropic-version: header is required');
  return null;
}

function route(method: string, url: URL, body: unknown): Route | null {
  if (method !== 'POST') return null;
  const model = isObject(body) && typeof body.model === 'string' ? body.model : undefined;
  if (url.pathname === '/v1/messages/count_tokens') return { op: 'count', model, stream: false };
  if (url.pathname !== '/v1/messages') return null;
  return { op: 'chat', model, stream: isObject(body) && body.stream === true };
}

/** Field errors read like the API's pydantic messages ("max_tokens: Field required"). */
function validate(body: unknown): string | null {
  if (!isObject(body)) return 'Input should be a valid dictionary';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (body.messages.length === 0) return 'messages: List should have at least 1 item after validation, not 0';
  return null;
}

// count_tokens takes the request without the answer's settings, and says so of any it is sent
const ANSWER_ONLY = ['max_tokens', 'stream', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'service_tier'];

function count(body: unknown): Answer {
  const extra = isObject(body) ? ANSWER_ONLY.find((k) => k in body) : undefined;
  if (extra !== undefined) return error(400, `${extra}: Extra inputs are not permitted`);
  const problem = validate(isObject(body) ? { ...body, max_tokens: 1 } : body);
  if (problem !== null || !isObject(body) || !Array.isArray(body.messages)) return error(400, problem ?? 'invalid request');
  return json(200, headers(randomId('req_011C', 20)), { input_tokens: inputTokens(parseMessages(body, body.messages)) });
}

function answer(r: Route, body: unknown, opts: ReplyOptions): Answer | Streamed {
  if (r.op === 'count') return count(body);
  const problem = validate(body);
  if (problem !== null || !isObject(body) || !Array.isArray(body.messages)) return error(400, problem ?? 'invalid request');
  const refused = checkThinking(body, body.messages);
  if (refused !== null) return error(400, refused);
  const chat = parseMessages(body, body.messages);
  const reply = simulateReply(chat, opts.parallel);
  applyCache(reply.usage, cachedPrefix(body, body.messages), opts.promptCache);
  const thinking = thinkingEnabled(body) ? thinkingFor(chat.lastUserText, chat.toolResults) : null;
  // thinking is billed as output
  if (thinking !== null) reply.usage.output += tokens(thinking.text.length);
  const meta = { id: randomId('msg_01', 22), model: r.model ?? '', streamChunks: opts.streamChunks, thinking };
  const requestId = randomId('req_011C', 20);
  if (!r.stream) return json(200, headers(requestId), renderMessage(reply, meta));
  const streamHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers(requestId) };
  return { status: 200, headers: streamHeaders, frames: messageFrames(reply, meta) };
}

export const anthropicWire: Wire = {
  route,
  gate,
  notFound: () => error(404, 'Not Found'),
  malformed: () => error(400, 'There was an issue with your request body: the request body is not valid JSON.'),
  failure,
  overloaded: () => 529,
  answer,
};

