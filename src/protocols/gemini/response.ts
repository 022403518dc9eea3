// Vendor → us: a GenerateContentResponse (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse)
// as a canonical answer. The readers here are shared with stream-in.ts, since every streamed chunk has the same shape.
import type { ChatResponse, Choice, Finish, Part, Usage } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { parseVendor, responseSchema, type WireCandidate, type WirePart, type WireUsage } from './schema.ts';

type ToolCall = Extract<Part, { type: 'tool_call' }>;

// FinishReason values that mean a filter cut the answer (https://ai.google.dev/api/generate-content#FinishReason).
// MALFORMED_FUNCTION_CALL, OTHER and reasons newer than this list read as stop: the text so far is all there is.
const FILTERED = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION',
]);

/** Gemini says STOP after function calls; canonical callers need tool_calls to know they must answer them. */
export function finishOf(reason: string | null | undefined, calledTools: boolean): Finish {
  if (calledTools) return 'tool_calls';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== null && reason !== undefined && FILTERED.has(reason)) return 'content_filter';
  return 'stop';
}

/**
 * promptTokenCount already includes cachedContentTokenCount, as canonical input does. Tool-use prompts (code execution,
 * search results) and thoughts are counted apart but billed as input and output respectively.
 */
export function usageOf(u: WireUsage): Usage {
  const usage: Usage = {
    input: (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0),
    output: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
    reported: true,
  };
  if (u.cachedContentTokenCount !== null && u.cachedContentTokenCount !== undefined) usage.cacheRead = u.cachedContentTokenCount;
  return usage;
}

/**
 * The Gemini API often sends calls without an id and matches results by name. Canonical callers need one, so it is
 * made from the candidate and the call's ordinal: the same whether the answer was streamed or not.
 */
export function toolCallOf(call: NonNullable<WirePart['functionCall']>, choice: number, n: number): ToolCall {
  return { type: 'tool_call', id: call.id ?? `call_${choice}_${n}`, name: call.name, arguments: JSON.stringify(call.args ?? {}) };
}

/** The text a part adds to the answer; thought summaries are the model's scratchpad, not its answer. */
export function textOf(p: WirePart): string {
  const call = p.functionCall !== null && p.functionCall !== undefined;
  return p.thought === true || call ? '' : p.text ?? '';
}

function partsOf(c: WireCandidate, choice: number): Part[] {
  const parts: Part[] = [];
  let calls = 0;
  for (const p of c.content?.parts ?? []) {
    if (p.functionCall !== null && p.functionCall !== undefined) {
      parts.push(toolCallOf(p.functionCall, choice, calls++));
      continue;
    }
    const text = textOf(p);
    if (text === '') continue;
    const last = parts.at(-1);
    if (last?.type === 'text') last.text += text;
    else parts.push({ type: 'text', text });
  }
  return parts;
}

/** Proto3 JSON drops zero values, so candidate 0 often comes without its index. */
export const indexOf = (c: WireCandidate, position: number): number => c.index ?? position;

function choiceOf(c: WireCandidate, index: number): Choice {
  const parts = partsOf(c, index);
  return { index, parts, finish: finishOf(c.finishReason, parts.some((p) => p.type === 'tool_call')) };
}

/** FNV-1a: an id for answers that lack responseId, stable for the same bytes so replays and tests agree. */
export function fallbackId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `gemini-${hash.toString(16).padStart(8, '0')}`;
}

export function decode(body: unknown): ChatResponse {
  const res = parseVendor(responseSchema, body);
  const candidates = res.candidates ?? [];
  let choices: Choice[];
  if (candidates.length > 0) choices = candidates.map((c, i) => choiceOf(c, indexOf(c, i)));
  // a blocked prompt yields no candidates at all, only the reason
  else if (res.promptFeedback?.blockReason != null) choices = [{ index: 0, parts: [], finish: 'content_filter' }];
  else throw new AirlockError('upstream_malformed', "the vendor's answer has no candidates");
  return {
    id: res.responseId ?? fallbackId(JSON.stringify(body)),
    model: res.modelVersion ?? '',
    choices,
    usage: res.usageMetadata === null || res.usageMetadata === undefined ? null : usageOf(res.usageMetadata),
  };
}
