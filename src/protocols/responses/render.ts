// Canonical answers → the `response` object the openai SDK and @ai-sdk/openai parse (Response in
// shared/data/specs/openai-openapi.yaml). Errors share the chat API's body and statuses.
import type { ChatResponse, Finish, Part, Usage } from '../../core/canonical.ts';
import type { JsonObject } from '../../core/json.ts';
import type { ResponseMeta } from '../types.ts';

/** `resp_<id>` → the `<id>` the answer's item ids are built from. */
export function itemBase(meta: ResponseMeta): string {
  return meta.id.startsWith('resp_') ? meta.id.slice('resp_'.length) : meta.id;
}

export function messageItem(id: string, text: string, status: 'in_progress' | 'completed'): JsonObject {
  return { id, type: 'message', status, role: 'assistant', content: status === 'in_progress' ? [] : [outputText(text)] };
}

export function outputText(text: string): JsonObject {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status: 'in_progress' | 'completed'): JsonObject {
  return { id, type: 'function_call', status, call_id: callId, name, arguments: args };
}

export function renderUsage(usage: Usage): JsonObject {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cacheRead ?? 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.input + usage.output,
  };
}

/** A stop for length or a content filter leaves the response incomplete, with the reason the API gives. */
export function finalState(finish: Finish | null): { status: string; incomplete_details: JsonObject | null } {
  if (finish === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finish === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/**
 * The response envelope. The request's own settings (instructions, tools, temperature, …) are not echoed: the codec
 * renders from the answer alone, and no client reads them back.
 */
export function responseObject(meta: ResponseMeta, state: { status: string; incomplete_details: JsonObject | null }, output: JsonObject[], usage: Usage | null): JsonObject {
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.created,
    status: state.status,
    error: null,
    incomplete_details: state.incomplete_details,
    model: meta.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    store: false,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    truncation: 'disabled',
    usage: usage === null ? null : renderUsage(usage),
    metadata: {},
  };
}

/** The first choice only: the Responses API has no `n`. */
export function renderResponse(res: ChatResponse, meta: ResponseMeta): JsonObject {
  const choice = res.choices[0];
  const base = itemBase(meta);
  const output: JsonObject[] = [];
  const text = (choice?.parts ?? []).filter((p): p is Extract<Part, { type: 'text' }> => p.type === 'text').map((p) => p.text).join('');
  if (text !== '') output.push(messageItem(`msg_${base}`, text, 'completed'));
  let calls = 0;
  for (const p of choice?.parts ?? []) {
    if (p.type === 'tool_call') output.push(functionCallItem(`fc_${base}_${calls++}`, p.id, p.name, p.arguments, 'completed'));
  }
  return responseObject(meta, finalState(choice?.finish ?? null), output, res.usage);
}
