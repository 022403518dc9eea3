// Zod schemas for what callers send to POST /v1/chat/completions and POST /v1/embeddings. Only the fields Airlock
// translates are checked here; every other field is left for the vendor to judge and travels in `passthrough`.
// Shapes follow shared/data/specs/openai-openapi.yaml (CreateChatCompletionRequest, ChatCompletionRequestMessage).
import { z } from 'zod';

const jsonObject = z.record(z.string(), z.json());

// The spec marks most scalars nullable, and LangChain and others do send `null` for "not set".
const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).nullish() }),
});
// Audio inputs have no canonical part yet: recognized so the caller hears "unsupported", not "invalid".
const audioPart = z.looseObject({ type: z.literal('input_audio') });
// A file by id or by inline data; only inline PDFs have a canonical part (parse.ts says so for the rest).
const filePart = z.object({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.string().min(1).nullish(), file_id: z.string().nullish(), filename: z.string().nullish() }),
});
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });

const userPart = z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart]);
export type UserPart = z.infer<typeof userPart>;

const textContent = z.union([z.string(), z.array(textPart)]);

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const systemMessage = z.object({ role: z.enum(['system', 'developer']), content: textContent, name: z.string().nullish() });
const userMessage = z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(userPart)]), name: z.string().nullish() });
const assistantMessage = z.object({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textPart, refusalPart]))]).nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(toolCall).nullish(),
  name: z.string().nullish(),
});
const toolMessage = z.object({ role: z.literal('tool'), content: textContent, tool_call_id: z.string().min(1) });
// Deprecated `function` role: recognized only to be refused clearly.
const functionMessage = z.looseObject({ role: z.literal('function') });

const message = z.discriminatedUnion('role', [systemMessage, userMessage, assistantMessage, toolMessage, functionMessage]);
export type OpenAIMessage = z.infer<typeof message>;

const tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1).max(64),
    description: z.string().nullish(),
    parameters: jsonObject.nullish(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().min(1).max(64),
      description: z.string().nullish(),
      schema: jsonObject.nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  max_completion_tokens: z.int().min(1).nullish(),
  max_tokens: z.int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.int().min(1).max(128).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  response_format: responseFormat.nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish(), include_obfuscation: z.boolean().nullish() }).nullish(),
});
export type OpenAIChatRequest = z.infer<typeof chatRequestSchema>;

/** The request keys Airlock translates into canonical fields; all others go to passthrough. */
export const CANONICAL_CHAT_KEYS: ReadonlySet<string> = new Set(Object.keys(chatRequestSchema.shape));

export const embeddingsRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048), z.array(z.number()), z.array(z.array(z.number()))]),
  dimensions: z.int().min(1).nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
});

export const CANONICAL_EMBEDDINGS_KEYS: ReadonlySet<string> = new Set(Object.keys(embeddingsRequestSchema.shape));

/** Any other body field must still be JSON to be re-sent. */
export const passthroughValue = z.json();
