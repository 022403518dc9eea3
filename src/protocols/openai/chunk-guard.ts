// A hand-written check for the common shape of a stream chunk. zod's safeParse costs several µs per chunk and
// builds a ZodError for every mismatch; a stream has dozens of chunks per answer, so the stream decoder tries
// this first and leaves zod for the rare chunk this does not vouch for (odd servers), which keeps zod's error
// messages for the malformed case. The usage chunk comes once per stream, but zod's parse of it was still an eighth
// of the stream decoder's time in a profile, so a plain usage object is vouched for too.
import { isObject } from '../../core/json.ts';
import type { VendorChunk } from './vendor-schema.ts';

const optString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const optNumber = (v: unknown): boolean => v === undefined || v === null || typeof v === 'number';

function toolCallOk(v: unknown): boolean {
  if (!isObject(v) || !optNumber(v.index) || !optString(v.id) || !optString(v.type)) return false;
  const fn = v.function;
  return fn === undefined || fn === null || (isObject(fn) && optString(fn.name) && optString(fn.arguments));
}

function choiceOk(v: unknown): boolean {
  if (!isObject(v) || !optNumber(v.index) || !optString(v.finish_reason)) return false;
  const d = v.delta;
  if (d === undefined || d === null) return true;
  if (!isObject(d) || !optString(d.content) || !optString(d.refusal)) return false;
  const calls = d.tool_calls;
  return calls === undefined || calls === null || (Array.isArray(calls) && calls.every(toolCallOk));
}

/** vendorUsage's shape: token counts that are numbers (or absent), cached tokens likewise */
function usageOk(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (!isObject(v) || !optNumber(v.prompt_tokens) || !optNumber(v.completion_tokens)) return false;
  const details = v.prompt_tokens_details;
  return details === undefined || details === null || (isObject(details) && optNumber(details.cached_tokens));
}

/** The chunk, when it is plainly well-formed and carries no error; null means "ask zod". */
export function plainChunk(v: unknown): VendorChunk | null {
  if (!isObject(v) || 'error' in v || !usageOk(v.usage)) return null;
  if (!optString(v.id) || !optString(v.model)) return null;
  const choices = v.choices;
  if (!(choices === undefined || choices === null || (Array.isArray(choices) && choices.every(choiceOk)))) return null;
  return v;
}
