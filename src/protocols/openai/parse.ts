// Caller's chat.completions body → canonical ChatRequest.
import type { ChatRequest, DocumentPart, ImagePart, Message, Part, ResponseFormat, ToolChoice, ToolDef } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isJsonValue, isObject, type JsonObject, type JsonValue } from '../../core/json.ts';
import { applyCacheMarks } from './cache-marks.ts';
import { requestError, unsupported } from './request-error.ts';
import { plainChatRequest } from './request-guard.ts';
import {
  CANONICAL_CHAT_KEYS,
  chatRequestSchema,
  passthroughValue,
  type OpenAIChatRequest,
  type OpenAIMessage,
  type UserPart,
} from './schema.ts';

export function parseChatRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw new AirlockError('invalid_request', 'the request body must be a JSON object');
  return translateChatRequest(plainChatRequest(body) ?? validChatRequest(body), body);
}

/** zod's reading of the body, or the 400 that names the field it refused */
export function validChatRequest(body: Record<string, unknown>): OpenAIChatRequest {
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) throw requestError(result.error);
  return result.data;
}

/** A validated request → canonical; `body` is what the caller sent, for the fields Airlock does not translate. */
export function translateChatRequest(b: OpenAIChatRequest, body: Record<string, unknown>): ChatRequest {
  const { system, messages } = translateMessages(b.messages);
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  const req: ChatRequest = {
    model: b.model,
    system,
    messages,
    tools: translateTools(b.tools),
    toolChoice: translateToolChoice(b.tool_choice),
    ...sampling(b, maxTokens),
    ...(b.n == null ? {} : { n: b.n }),
    stop: b.stop == null ? [] : typeof b.stop === 'string' ? [b.stop] : b.stop,
    responseFormat: translateResponseFormat(b.response_format),
    stream: b.stream === true,
    includeUsage: b.stream === true && b.stream_options?.include_usage === true,
    passthrough: { protocol: 'openai', fields: passthroughFields(body, CANONICAL_CHAT_KEYS) },
  };
  applyCacheMarks(req, body);
  return req;
}

/** Every field Airlock does not translate, kept verbatim for an OpenAI-protocol vendor. */
export function passthroughFields(body: Record<string, unknown>, canonical: ReadonlySet<string>): JsonObject {
  const fields: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (canonical.has(key) || value === undefined) continue;
    if (isJsonValue(value)) {
      fields[key] = value as JsonValue;
      continue;
    }
    const checked = passthroughValue.safeParse(value);
    // Only a programmatic caller can get here: a body read from HTTP is JSON by construction.
    if (!checked.success) throw new AirlockError('invalid_request', `invalid value for '${key}': expected JSON`, { param: key });
    fields[key] = checked.data;
  }
  return fields;
}

function translateMessages(input: OpenAIMessage[]): { system: string[]; messages: Message[] } {
  const system: string[] = [];
  const messages: Message[] = [];
  input.forEach((m, i) => {
    switch (m.role) {
      case 'system':
      case 'developer':
        system.push(joinText(m.content));
        return;
      case 'user':
        messages.push({ role: 'user', parts: userParts(m.content, i) });
        return;
      case 'assistant':
        messages.push({ role: 'assistant', parts: assistantParts(m) });
        return;
      case 'tool':
        messages.push({ role: 'tool', parts: [{ type: 'tool_result', toolCallId: m.tool_call_id, content: joinText(m.content), isError: false }] });
        return;
      case 'function':
        throw unsupported(`messages[${i}].role`, "the deprecated 'function' role (use 'tool')");
    }
  });
  return { system, messages };
}

function joinText(content: string | { text: string }[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

function userParts(content: string | UserPart[], i: number): Part[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((p, j): Part => {
    switch (p.type) {
      case 'text':
        return { type: 'text', text: p.text };
      case 'image_url':
        return imagePart(p.image_url.url);
      case 'file':
        return filePart(p.file.file_data, p.file.filename, `messages[${i}].content[${j}].file`);
      case 'input_audio':
        throw unsupported(`messages[${i}].content[${j}].type`, `a '${p.type}' content part`);
    }
  });
}

/**
 * An inline file (`data:application/pdf;base64,…`): a PDF becomes a document part. A file by id is refused: Airlock
 * keeps no files, and one uploaded to a vendor earlier was never inspected.
 */
export function filePart(fileData: string | null | undefined, filename: string | null | undefined, at: string): DocumentPart {
  if (fileData == null) throw unsupported(`${at}.file_id`, 'a file by id (Airlock has no Files API; send file_data)');
  const match = /^data:([^;,]+);base64,/.exec(fileData);
  if (match?.[1] !== 'application/pdf') throw unsupported(`${at}.file_data`, 'only base64 PDF data (data:application/pdf;base64,…) is supported');
  const part: DocumentPart = { type: 'document', mediaType: 'application/pdf', data: fileData.slice(match[0].length) };
  if (filename != null) part.filename = filename;
  return part;
}

// A data URL names its media type; vendors that take inline images (Anthropic, Gemini) need it.
export function imagePart(url: string): ImagePart {
  const match = /^data:([^;,]+)[;,]/.exec(url);
  return match?.[1] === undefined ? { type: 'image', url } : { type: 'image', url, mediaType: match[1] };
}

type AssistantMessage = Extract<OpenAIMessage, { role: 'assistant' }>;

function assistantParts(m: AssistantMessage): Part[] {
  const parts: Part[] = [];
  // A refusal the model gave earlier is still what it said: keep it as text so no vendor loses the turn.
  const texts = typeof m.content === 'string' ? [m.content] : (m.content ?? []).map((p) => (p.type === 'text' ? p.text : p.refusal));
  const text = texts.join('') || (m.refusal ?? '');
  if (text !== '') parts.push({ type: 'text', text });
  for (const call of m.tool_calls ?? []) {
    parts.push({ type: 'tool_call', id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return parts;
}

type Sampling = Pick<ChatRequest, 'parallelToolCalls' | 'maxTokens' | 'temperature' | 'topP'>;

/** The settings both OpenAI request formats name alike, each only when the caller set it. */
export function sampling(
  b: { parallel_tool_calls?: boolean | null | undefined; temperature?: number | null | undefined; top_p?: number | null | undefined },
  maxTokens: number | null | undefined,
): Sampling {
  const out: Sampling = {};
  if (b.parallel_tool_calls != null) out.parallelToolCalls = b.parallel_tool_calls;
  if (maxTokens != null) out.maxTokens = maxTokens;
  if (b.temperature != null) out.temperature = b.temperature;
  if (b.top_p != null) out.topP = b.top_p;
  return out;
}

/** A function definition of either OpenAI format → canonical. */
export function functionDef(f: {
  name: string;
  description?: string | null | undefined;
  parameters?: JsonObject | null | undefined;
  strict?: boolean | null | undefined;
}): ToolDef {
  return {
    name: f.name,
    ...(f.description == null ? {} : { description: f.description }),
    // OpenAI lets `parameters` be omitted for a function that takes none.
    parameters: f.parameters ?? { type: 'object', properties: {} },
    ...(f.strict == null ? {} : { strict: f.strict }),
  };
}

function translateTools(tools: OpenAIChatRequest['tools']): ToolDef[] {
  return (tools ?? []).map(({ function: f }) => functionDef(f));
}

function translateToolChoice(choice: OpenAIChatRequest['tool_choice']): ToolChoice {
  if (choice == null) return 'auto';
  return typeof choice === 'string' ? choice : { name: choice.function.name };
}

function translateResponseFormat(format: OpenAIChatRequest['response_format']): ResponseFormat {
  if (format == null || format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  return schemaFormat(format.json_schema);
}

/** A JSON schema answer format of either OpenAI format → canonical. */
export function schemaFormat(s: { name: string; schema?: JsonObject | null | undefined; strict?: boolean | null | undefined; description?: string | null | undefined }): ResponseFormat {
  return {
    type: 'json_schema',
    name: s.name,
    schema: s.schema ?? {},
    strict: s.strict ?? false,
    ...(s.description == null ? {} : { description: s.description }),
  };
}
