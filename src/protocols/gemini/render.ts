// Us → caller: a canonical answer as a Gemini GenerateContentResponse
// (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse), the reverse of response.ts.
import type { ChatResponse, Finish, Part, Usage } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import { argumentsObject } from '../tool-arguments.ts';
import type { ResponseMeta } from '../types.ts';

/** Gemini reports function calls with STOP: the caller reads the calls from the parts. */
export const FINISH_REASONS: Record<Finish, string> = { stop: 'STOP', tool_calls: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY' };

/** canonical input already holds the cached tokens, as promptTokenCount does (usageOf in response.ts) */
export function usageMetadata(u: Usage): JsonObject {
  const out: JsonObject = { promptTokenCount: u.input, candidatesTokenCount: u.output, totalTokenCount: u.input + u.output };
  if (u.cacheRead !== undefined && u.cacheRead > 0) out.cachedContentTokenCount = u.cacheRead;
  return out;
}

/** args must be an object on this wire; a model that wrote anything else gave an answer no Gemini caller can take */
export function functionCallPart(id: string, name: string, args: string): JsonObject {
  try {
    return { functionCall: { id, name, args: argumentsObject(args) } };
  } catch {
    throw new AirlockError('upstream_malformed', `the model's arguments for ${name} are not a JSON object`);
  }
}

function partOut(p: Part): JsonObject[] {
  if (p.type === 'text') return p.text === '' ? [] : [{ text: p.text }];
  if (p.type === 'tool_call') return [functionCallPart(p.id, p.name, p.arguments)];
  // Anthropic's signed reasoning is not shown to other callers; an answer carries no media
  return [];
}

export function renderGenerateContent(res: ChatResponse, meta: ResponseMeta): JsonObject {
  const candidates = res.choices.map((c): JsonObject => ({
    content: { role: 'model', parts: c.parts.flatMap(partOut) },
    finishReason: FINISH_REASONS[c.finish],
    index: c.index,
  }));
  const body: JsonObject = { candidates };
  if (res.usage !== null) body.usageMetadata = usageMetadata(res.usage);
  body.modelVersion = meta.model;
  body.responseId = meta.id;
  return body;
}
