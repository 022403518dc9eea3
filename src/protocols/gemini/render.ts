// Us → caller: a canonical answer as a Gemini GenerateContentResponse
// (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse), the reverse of response.ts.
import type { ChatResponse, Choice, Finish, Part, Usage } from '../../core/canonical.ts';
import type { JsonObject } from '../../core/json.ts';
import { argumentsObject } from '../tool-arguments.ts';
import type { ResponseMeta } from '../types.ts';

export type ToolCall = Pick<Extract<Part, { type: 'tool_call' }>, 'id' | 'name' | 'arguments'>;

/** Gemini reports function calls with STOP: the caller reads the calls from the parts (response.ts reads it back so). */
export const FINISH_REASONS: Record<Finish, string> = { stop: 'STOP', tool_calls: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY' };

/**
 * A call left out for arguments this wire cannot carry is what Gemini itself reports as MALFORMED_FUNCTION_CALL;
 * a limit or a filter that cut the answer still says so, since that is why the arguments broke off.
 */
export function finishReason(finish: Finish, droppedCall: boolean): string {
  return droppedCall && (finish === 'stop' || finish === 'tool_calls') ? 'MALFORMED_FUNCTION_CALL' : FINISH_REASONS[finish];
}

/** promptTokenCount holds the cached tokens, as canonical input does: the inverse of usageOf in response.ts. */
export function usageMetadata(u: Usage): JsonObject {
  const out: JsonObject = { promptTokenCount: u.input, candidatesTokenCount: u.output, totalTokenCount: u.input + u.output };
  if (u.cacheRead !== undefined && u.cacheRead > 0) out.cachedContentTokenCount = u.cacheRead;
  return out;
}

/**
 * null when the arguments are not a JSON object (cut off by a token limit, or malformed by the model): sending `{}`
 * instead would hand the caller, and @google/genai's automatic function calling, a call the model never made, and
 * failing the whole answer would throw away one the vendor already billed.
 */
export function functionCallPart(call: ToolCall): JsonObject | null {
  try {
    // the id lets the caller echo it back in its functionResponse, which inbound.ts matches by id before name
    return { functionCall: { id: call.id, name: call.name, args: argumentsObject(call.arguments) } };
  } catch {
    return null;
  }
}

function candidateOf(c: Choice): JsonObject {
  const parts: JsonObject[] = [];
  let dropped = false;
  for (const p of c.parts) {
    if (p.type === 'text' && p.text !== '') parts.push({ text: p.text });
    if (p.type !== 'tool_call') continue;
    const call = functionCallPart(p);
    if (call === null) dropped = true;
    else parts.push(call);
  }
  // Anthropic's signed reasoning is not shown to other callers (none of them sees it); an answer carries no media.
  // @google/genai's chats keep no turn whose candidate has no parts (see stream-out.ts): an empty answer is empty text.
  if (parts.length === 0) parts.push({ text: '' });
  return { content: { role: 'model', parts }, finishReason: finishReason(c.finish, dropped), index: c.index };
}

export function renderGenerateContent(res: ChatResponse, meta: ResponseMeta): JsonObject {
  const body: JsonObject = { candidates: res.choices.map(candidateOf) };
  if (res.usage !== null) body.usageMetadata = usageMetadata(res.usage);
  body.modelVersion = meta.model;
  body.responseId = meta.id;
  return body;
}
