// Canonical answers → the exact `chat.completion` object and error body the openai SDK parses
// (CreateChatCompletionResponse in shared/data/specs/openai-openapi.yaml).
import type { ChatResponse, Choice, Part, Usage } from '../../core/canonical.ts';
import { ERROR_SPECS, type AirlockError, type ErrorSpec } from '../../core/errors.ts';
import type { JsonObject, JsonValue } from '../../core/json.ts';
import type { ResponseMeta } from '../types.ts';

export function renderChatResponse(res: ChatResponse, meta: ResponseMeta): JsonObject {
  const body: JsonObject = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: res.choices.map(renderChoice),
  };
  if (res.usage !== null) body.usage = renderUsage(res.usage);
  body.service_tier = 'default';
  body.system_fingerprint = null;
  return body;
}

function renderChoice(choice: Choice): JsonObject {
  const text = choice.parts.flatMap((p) => (p.type === 'text' ? [p.text] : []));
  const calls = choice.parts.flatMap((p) => (p.type === 'tool_call' ? [renderToolCall(p)] : []));
  const message: JsonObject = {
    role: 'assistant',
    // The spec's message has `content: null` when the model only called tools.
    content: text.length === 0 ? null : text.join(''),
    refusal: null,
  };
  if (calls.length > 0) message.tool_calls = calls;
  message.annotations = [];
  return { index: choice.index, message, logprobs: null, finish_reason: choice.finish };
}

function renderToolCall(p: Extract<Part, { type: 'tool_call' }>): JsonObject {
  return { id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments } };
}

/** Canonical `input` already includes cached tokens, exactly like OpenAI's `prompt_tokens`. */
export function renderUsage(usage: Usage): JsonObject {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** `{error:{message,type,param,code}}`: the spec requires all four keys; the SDK reads each into the error it throws. */
export function errorBody(err: AirlockError): { error: { [key: string]: JsonValue } } {
  const spec: ErrorSpec = ERROR_SPECS[err.code];
  return { error: { message: err.message, type: spec.openai, param: err.param, code: spec.openaiCode ?? err.code } };
}

export function renderError(err: AirlockError, _requestId: string): { status: number; body: JsonObject } {
  const spec: ErrorSpec = ERROR_SPECS[err.code];
  // a status the error carries explicitly (a vendor's 4xx passed through) wins over the format's convention
  const status = err.status === spec.status ? (spec.openaiStatus ?? err.status) : err.status;
  return { status, body: errorBody(err) };
}
