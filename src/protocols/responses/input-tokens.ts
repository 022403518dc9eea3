// POST /v1/responses/input_tokens (the openai SDK's `responses.inputTokens.count`): a Responses request without the
// answer's settings, read by the Responses parser, and its count in OpenAI's shape.
import type { ChatRequest } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject, type JsonObject } from '../../core/json.ts';
import { parseResponsesRequest } from './parse.ts';

// What the count endpoint takes (openai SDK 6.x, InputTokenCountParams). `personality` and `truncation` shape the
// answer, not the input Airlock counts, and are accepted and set aside.
const COUNT_KEYS = new Set(['conversation', 'input', 'instructions', 'model', 'parallel_tool_calls', 'previous_response_id', 'reasoning', 'text', 'tool_choice', 'tools']);
const SET_ASIDE = new Set(['personality', 'truncation']);

export function parseInputTokens(body: unknown): ChatRequest {
  if (!isObject(body)) return parseResponsesRequest(body);
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (SET_ASIDE.has(key)) continue;
    if (!COUNT_KEYS.has(key)) throw new AirlockError('invalid_request', `unknown parameter '${key}'`, { param: key });
    request[key] = value;
  }
  return parseResponsesRequest(request);
}

export function renderInputTokens(tokens: number): JsonObject {
  return { object: 'response.input_tokens', input_tokens: tokens };
}
