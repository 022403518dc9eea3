// A hand-written check for the common shape of a streamed GenerateContentResponse, as openai/chunk-guard.ts does for
// OpenAI chunks: zod's safeParse cost ~3 µs of the stream decoder's ~5 µs per chunk, and a stream is dozens of
// chunks. A chunk this does not vouch for (a function call, whose args are any JSON object; odd values) goes to zod,
// which keeps zod's messages for the malformed case.
import { isNil, isObject, isOptString } from '../../core/json.ts';
import type { WireResponse } from './schema.ts';

const optBoolean = (v: unknown): boolean => isNil(v) || typeof v === 'boolean';
// schema.ts's `count`: z.number().int().nonnegative()
const optCount = (v: unknown): boolean => isNil(v) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

function partOk(p: unknown): boolean {
  return isObject(p) && isOptString(p.text) && optBoolean(p.thought) && isNil(p.functionCall);
}

function candidateOk(c: unknown): boolean {
  if (!isObject(c) || !isOptString(c.finishReason) || !optCount(c.index)) return false;
  const content = c.content;
  if (isNil(content)) return true;
  if (!isObject(content) || !isOptString(content.role)) return false;
  const parts = content.parts;
  return isNil(parts) || (Array.isArray(parts) && parts.every(partOk));
}

function usageOk(u: unknown): boolean {
  if (isNil(u)) return true;
  return (
    isObject(u) &&
    optCount(u.promptTokenCount) &&
    optCount(u.candidatesTokenCount) &&
    optCount(u.cachedContentTokenCount) &&
    optCount(u.thoughtsTokenCount) &&
    optCount(u.toolUsePromptTokenCount) &&
    optCount(u.totalTokenCount)
  );
}

/** The chunk, when it is plainly well-formed, has no function call and is not an error body; null means "ask zod". */
export function plainResponse(v: unknown): WireResponse | null {
  if (!isObject(v) || 'error' in v || !usageOk(v.usageMetadata) || !isOptString(v.modelVersion) || !isOptString(v.responseId)) return null;
  const feedback = v.promptFeedback;
  if (!(isNil(feedback) || (isObject(feedback) && isOptString(feedback.blockReason)))) return null;
  const candidates = v.candidates;
  if (!(isNil(candidates) || (Array.isArray(candidates) && candidates.every(candidateOk)))) return null;
  return v;
}
