// Zod schemas for what callers send to POST /v1/responses (CreateResponse in shared/data/specs/openai-openapi.yaml),
// as far as Airlock serves it: stateless, function tools only. What a stored conversation, a hosted tool or a file
// would need is recognized so the caller hears "unsupported", not "invalid".
import { z } from 'zod';

const jsonObject = z.record(z.string(), z.json());

const inputText = z.object({ type: z.literal('input_text'), text: z.string() });
const inputImage = z.object({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const inputFile = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});
const inputAudio = z.looseObject({ type: z.literal('input_audio') });
const userPart = z.discriminatedUnion('type', [inputText, inputImage, inputFile, inputAudio]);
export type ResponsesUserPart = z.infer<typeof userPart>;

// An earlier answer sent back as input: its text, or the refusal it was.
const outputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });

const userMessage = z.object({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'system', 'developer']),
  content: z.union([z.string(), z.array(userPart)]),
  id: z.string().nullish(),
  status: z.string().nullish(),
});
const assistantMessage = z.object({
  type: z.literal('message').optional(),
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [outputText, refusal, inputText]))]),
  id: z.string().nullish(),
  status: z.string().nullish(),
  phase: z.string().nullish(),
});
const functionCall = z.object({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  id: z.string().nullish(),
  status: z.string().nullish(),
});
const functionCallOutput = z.object({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(userPart)]),
  id: z.string().nullish(),
  status: z.string().nullish(),
});
// A model's reasoning from an earlier turn: opaque state no other vendor can read, so it is dropped (parse.ts).
const reasoning = z.looseObject({ type: z.literal('reasoning') });

/**
 * Each input item's schema by its `type` (a message may leave it out). Items are checked one by one against the
 * schema their type names, so that a malformed message is reported by the field it lacks; an unknown type is left to
 * parse.ts, which refuses it by name.
 */
export const ITEM_SCHEMAS = {
  message: z.union([userMessage, assistantMessage]),
  function_call: functionCall,
  function_call_output: functionCallOutput,
  reasoning,
} as const;
export type ResponsesMessage = z.infer<(typeof ITEM_SCHEMAS)['message']>;
export type ResponsesItem =
  | ResponsesMessage
  | z.infer<typeof functionCall>
  | z.infer<typeof functionCallOutput>
  | z.infer<typeof reasoning>;

const anyItem = z.looseObject({ type: z.string().optional() });

export const functionToolSchema = z.object({
  type: z.literal('function'),
  name: z.string().min(1).max(64),
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  strict: z.boolean().nullish(),
});
export type ResponsesFunctionTool = z.infer<typeof functionToolSchema>;
// checked by type in parse.ts, like input items
const anyTool = z.looseObject({ type: z.string() });

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), name: z.string().min(1) }),
  z.looseObject({ type: z.string().refine((t) => t !== 'function') }),
]);

const textFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: z.string().min(1).max(64),
    schema: jsonObject,
    description: z.string().nullish(),
    strict: z.boolean().nullish(),
  }),
]);

export const responsesRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(anyItem).min(1)]),
  instructions: z.string().nullish(),
  max_output_tokens: z.int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  tools: z.array(anyTool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z.object({ format: textFormat.nullish(), verbosity: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
  reasoning: z.object({ effort: z.string().nullish(), summary: z.string().nullish() }).nullish(),
  // Fields of the chat API under the same name: an OpenAI-protocol vendor gets them as they are (parse.ts).
  user: z.string().nullish(),
  service_tier: z.string().nullish(),
  safety_identifier: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
  // Accepted and without effect on a stateless gateway that sends chat requests: Airlock stores no response
  // (the answer says store: false), and what they ask for does not exist on the chat APIs it speaks to vendors.
  store: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  include: z.array(z.string()).nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  stream_options: z.object({ include_obfuscation: z.boolean().nullish() }).nullish(),
  max_tool_calls: z.int().min(1).nullish(),
  prompt_cache_retention: z.string().nullish(),
  // State Airlock does not keep, or work it does not run: refused in parse.ts when set.
  previous_response_id: z.string().nullish(),
  conversation: z.json().nullish(),
  prompt: z.json().nullish(),
  background: z.boolean().nullish(),
  top_logprobs: z.int().min(0).nullish(),
});
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

export const RESPONSES_KEYS: ReadonlySet<string> = new Set(Object.keys(responsesRequestSchema.shape));
