// POST /v1/messages/count_tokens, both directions: the caller's count request (a Messages request without the
// answer's settings) into a canonical request, and, to Anthropic-protocol vendors, that request as the vendor's
// own count request, for its exact count.
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject, type JsonObject } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';
import { parse } from './inbound.ts';
import { encode } from './outbound.ts';

// The settings of an answer, which a count request does not take: the API refuses them as extra inputs, so a caller
// learns the same from Airlock, and the encoder drops the ones a canonical request always carries.
const ANSWER_ONLY = ['max_tokens', 'stream', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'service_tier'];

export function parseCount(body: unknown): ChatRequest {
  if (!isObject(body)) return parse(body);
  for (const key of ANSWER_ONLY) {
    if (key in body) throw new AirlockError('invalid_request', `${key}: Extra inputs are not permitted`, { param: key });
  }
  // everything else is read as the Messages parser reads it; max_tokens is only there to satisfy it
  return parse({ ...body, max_tokens: 1 });
}

export function renderCount(tokens: number): JsonObject {
  return { input_tokens: tokens };
}

export function encodeCount(req: ChatRequest, vendorModel: string): OutboundRequest {
  const { headers, body } = encode({ ...req, stream: false }, vendorModel);
  for (const key of ANSWER_ONLY) delete body[key];
  return { path: '/v1/messages/count_tokens', headers, body };
}

/** throws AirlockError('upstream_malformed') */
export function decodeCount(body: unknown): number {
  const tokens = isObject(body) ? body.input_tokens : undefined;
  if (typeof tokens === 'number' && Number.isSafeInteger(tokens) && tokens >= 0) return tokens;
  throw new AirlockError('upstream_malformed', 'the vendor sent a token count Airlock could not read');
}
