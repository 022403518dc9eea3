// Hand-written checks for the common shapes of the Messages wire, tried before zod as the OpenAI codec's are (see
// openai/request-guard.ts for what zod costs on a cold CPU). Each returns the value itself when zod would accept it
// and read it the same, and null (or the zod path) for anything else, so zod's messages still name the field that is
// wrong. guard.test.ts compares each with its schema on generated values.
import { isArrayOf, isJsonValue, isNonEmptyString, isObject, isPlainObject, type JsonObject } from '../../core/json.ts';
import { parseWith, textBlock, type WireRequest, type WireMessage } from './schema.ts';
import type { ErrorCode } from '../../core/errors.ts';

// `.optional()` on this wire: absent (or undefined), never null, unless the schema says nullable
const optBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
const optUnit = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1);
/** z.looseObject({ type: z.string() }): any block or source with a string type */
const typed = (v: unknown): boolean => isObject(v) && typeof v.type === 'string';
const isTextBlock = (v: unknown): v is { type: 'text'; text: string } => isObject(v) && v.type === 'text' && typeof v.text === 'string';
/** z.number().int().nonnegative() */
const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const optCount = (v: unknown): boolean => v === undefined || v === null || count(v);

const message = (m: unknown): boolean =>
  isObject(m) && (m.role === 'user' || m.role === 'assistant' || m.role === 'system') && (typeof m.content === 'string' || isArrayOf(m.content, typed));

/** The body, when it is plainly JSON (bodySchema); null means "ask zod". */
export function plainBody(body: unknown): JsonObject | null {
  return isPlainObject(body) && isJsonValue(body) ? (body as JsonObject) : null;
}

/** The request, when requestSchema would accept it as it is; null means "ask zod". */
export function plainRequest(r: Record<string, unknown>): WireRequest | null {
  const config = r.output_config;
  const ok =
    isNonEmptyString(r.model) &&
    Number.isSafeInteger(r.max_tokens) &&
    (r.max_tokens as number) >= 1 &&
    (r.system === undefined || typeof r.system === 'string' || isArrayOf(r.system, isTextBlock)) &&
    isArrayOf(r.messages, message) &&
    (r.stop_sequences === undefined || isArrayOf(r.stop_sequences, (s) => typeof s === 'string')) &&
    optUnit(r.temperature) &&
    optUnit(r.top_p) &&
    (r.tools === undefined || isArrayOf(r.tools, (t) => isObject(t) && (t.type == null || typeof t.type === 'string'))) &&
    (r.tool_choice === undefined || typed(r.tool_choice)) &&
    (config === undefined || (isObject(config) && (config.format === undefined || config.format === null || typed(config.format)))) &&
    optBool(r.stream);
  return ok ? (r as WireRequest) : null;
}

/** A text block's text: read directly when plainly one, else through zod (which names what is wrong). */
export function textOf(block: unknown, at: readonly (string | number)[], code?: ErrorCode): string {
  return isTextBlock(block) ? block.text : parseWith(textBlock, block, at, code).text;
}

function usage(u: unknown): boolean {
  return (
    isObject(u) &&
    count(u.input_tokens) &&
    count(u.output_tokens) &&
    optCount(u.cache_creation_input_tokens) &&
    optCount(u.cache_read_input_tokens)
  );
}

/** A vendor's `message`, when messageSchema would accept it as it is; null means "ask zod". */
export function plainMessage(m: unknown): WireMessage | null {
  const ok =
    isObject(m) &&
    typeof m.id === 'string' &&
    typeof m.model === 'string' &&
    isArrayOf(m.content, typed) &&
    (m.stop_reason === null || typeof m.stop_reason === 'string') &&
    (m.stop_sequence === undefined || m.stop_sequence === null || typeof m.stop_sequence === 'string') &&
    usage(m.usage);
  return ok ? (m as WireMessage) : null;
}
