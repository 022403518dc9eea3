// A hand-written check for the common shape of a streamed GenerateContentResponse, as openai/chunk-guard.ts does for
// OpenAI chunks: zod's safeParse cost ~3 µs of the stream decoder's ~5 µs per chunk, and a stream is dozens of
// chunks. A chunk this does not vouch for (a function call, whose args are any JSON object; odd values) goes to zod,
// which keeps zod's messages for the malformed case.
import { isObject } from '../../core/json.ts';
import type { WireResponse } from './schema.ts';

const nil = (v: unknown): boolean => v === undefined || v === null;
const optString = (v: unknown): boolean => nil(v) || typeof v === 'string';
const optBoolean = (v: unknown): boolean => nil(v) || typeof v === 'boolean';
// schema.ts's `count`: z.number().int().nonnegative()
const optCount = (v: unknown): boolean => nil(v) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

function partOk(p: unknown): boolean {
  return isObject(p) && optString(p.text) && optBoolean(p.thought) && nil(p.functionCall);
}

function candidateOk(c: unknown): boolean {
  if (!isObject(c) || !optString(c.finishReason) || !optCount(c.index)) return false;
  const content = c.content;
  if (nil(content)) return true;
  if (!isObject(content) || !optString(content.role)) return false;
  const parts = content.parts;
  return nil(parts) || (Array.isArray(parts) && parts.every(partOk));
}

function usageOk(u: unknown): boolean {
  if (nil(u)) return true;
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
  if (!isObject(v) || 'error' in v || !usageOk(v.usageMetadata) || !optString(v.modelVersion) || !optString(v.responseId)) return null;
  const feedback = v.promptFeedback;
  if (!(nil(feedback) || (isObject(feedback) && optString(feedback.blockReason)))) return null;
  const candidates = v.candidates;
  if (!(nil(candidates) || (Array.isArray(candidates) && candidates.every(candidateOk)))) return null;
  return v;
}
