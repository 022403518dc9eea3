// Zod shapes of the Anthropic Messages wire (https://docs.anthropic.com/en/api/messages), as typed by
// @anthropic-ai/sdk 1.14 `resources/messages`. Objects are loose: unknown fields must survive into passthrough or be
// ignored, never rejected, since the API grows fields faster than Airlock does.
import { z } from 'zod';
import { AirlockError, type ErrorCode } from '../../core/errors.ts';

const jsonObject = z.record(z.string(), z.json());
const typed = z.looseObject({ type: z.string() });

export const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
export const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
export const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const content = z.union([z.string(), z.array(typed)]);

// ---- caller → us ----

export const requestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.int().min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant', 'system']), content })),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  tools: z.array(z.looseObject({ type: z.string().nullable().optional() })).optional(),
  tool_choice: typed.optional(),
  output_config: z.looseObject({ format: typed.nullable().optional() }).optional(),
  stream: z.boolean().optional(),
});
export type WireRequest = z.output<typeof requestSchema>;

export const bodySchema = jsonObject;

export const customTool = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: jsonObject,
});

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
export const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallel }),
  z.looseObject({ type: z.literal('any'), ...parallel }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.looseObject({ type: z.literal('none') }),
]);

export const jsonSchemaFormat = z.looseObject({ type: z.literal('json_schema'), schema: jsonObject });

export const base64Source = z.looseObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string() });
export const urlSource = z.looseObject({ type: z.literal('url'), url: z.string().min(1) });
export const imageBlock = z.looseObject({ type: z.literal('image'), source: typed });
export const textDocument = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.literal('text'), data: z.string() }),
});
export const pdfDocument = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string().min(1) }),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.looseObject({ enabled: z.boolean().optional() }).nullish(),
});
export const toolUseBlock = z.looseObject({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.json() });
export const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: content.optional(),
  is_error: z.boolean().optional(),
});

// ---- vendor → us ----

const count = z.number().int().nonnegative();
const usage = z.looseObject({
  input_tokens: count.nullable().optional(),
  output_tokens: count,
  cache_creation_input_tokens: count.nullable().optional(),
  cache_read_input_tokens: count.nullable().optional(),
});
export type WireUsage = z.output<typeof usage>;

// Blocks and deltas are read loosely, then narrowed by type with the exact shapes above: new block types
// (server tools, citations) must pass through unread rather than fail the answer.
export const contentBlock = typed;

export const messageSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  content: z.array(contentBlock),
  stop_reason: z.string().nullable(),
  stop_sequence: z.string().nullable().optional(),
  usage: usage.extend({ input_tokens: count }),
});
export type WireMessage = z.output<typeof messageSchema>;

export const streamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('message_start'), message: messageSchema }),
  z.looseObject({ type: z.literal('content_block_start'), index: z.number().int(), content_block: contentBlock }),
  z.looseObject({
    type: z.literal('content_block_delta'),
    index: z.number().int(),
    delta: typed,
  }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullable(), stop_sequence: z.string().nullable().optional() }),
    usage,
  }),
  z.looseObject({ type: z.literal('error'), error: z.looseObject({ type: z.string(), message: z.string().optional() }) }),
]);
export const textDelta = z.looseObject({ type: z.literal('text_delta'), text: z.string() });
export const inputJsonDelta = z.looseObject({ type: z.literal('input_json_delta'), partial_json: z.string() });
export const thinkingDelta = z.looseObject({ type: z.literal('thinking_delta'), thinking: z.string() });
export const signatureDelta = z.looseObject({ type: z.literal('signature_delta'), signature: z.string() });
export type WireStreamEvent = z.output<typeof streamEventSchema>;

export const errorBodySchema = z.looseObject({
  error: z.looseObject({ type: z.string().optional(), message: z.string().optional() }),
});

/**
 * Parses `value` or throws an AirlockError naming the field (`messages.0.content.1.text`). Zod's messages say what
 * was expected, never the value received, so no caller data is echoed.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at: readonly (string | number)[],
  code: ErrorCode = 'invalid_request',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...at, ...(issue?.path ?? [])].filter((p): p is string | number => typeof p !== 'symbol');
  const param = path.length > 0 ? path.join('.') : null;
  const message = issue?.message ?? 'invalid value';
  const where = param === null ? message : `${param}: ${message}`;
  // a vendor's malformed answer is not the caller's fault, so it names no caller parameter
  if (code === 'upstream_malformed') throw new AirlockError(code, `the vendor's answer is malformed (${where})`);
  throw new AirlockError(code, where, { param });
}
