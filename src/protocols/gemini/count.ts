// We → vendor: the canonical request as a Gemini countTokens request (https://ai.google.dev/api/tokens). It wraps
// the whole GenerateContentRequest, not only `contents`, so the system instruction and tools are counted as a
// generateContent call would bill them.
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';
import { encode, modelResource } from './outbound.ts';

export function encodeCount(req: ChatRequest, vendorModel: string): OutboundRequest {
  const { body } = encode({ ...req, stream: false }, vendorModel);
  const model = modelResource(vendorModel);
  return { path: `/v1beta/${model}:countTokens`, headers: {}, body: { generateContentRequest: { model, ...body } } };
}

/** throws AirlockError('upstream_malformed') */
export function decodeCount(body: unknown): number {
  if (!isObject(body)) throw malformed();
  // proto3 JSON leaves out a zero: `{}` is a count of 0
  const tokens = body.totalTokens ?? 0;
  if (typeof tokens === 'number' && Number.isSafeInteger(tokens) && tokens >= 0) return tokens;
  throw malformed();
}

function malformed(): AirlockError {
  return new AirlockError('upstream_malformed', 'the vendor sent a token count Airlock could not read');
}
