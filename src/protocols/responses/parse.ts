// Caller's POST /v1/responses body → canonical ChatRequest. Airlock keeps no conversation state, so a request must
// carry its whole conversation as input items (the openai SDK and @ai-sdk/openai do, unless told to refer to stored
// items); references to stored state are refused with a 400 that says what to send instead.
import { z } from 'zod';
import type { ChatRequest, DocumentPart, ImagePart, Message, Part, ResponseFormat, ToolChoice, ToolDef } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject, type JsonObject } from '../../core/json.ts';
import { filePart, functionDef, imagePart, sampling, schemaFormat } from '../openai/parse.ts';
import { requestError, unsupported } from '../openai/request-error.ts';
import {
  ITEM_SCHEMAS,
  RESPONSES_KEYS,
  functionToolSchema,
  responsesRequestSchema,
  type ResponsesFunctionTool,
  type ResponsesItem,
  type ResponsesMessage,
  type ResponsesRequest,
  type ResponsesUserPart,
} from './schema.ts';

const STATELESS = 'Airlock keeps no Responses state: send the whole conversation as input items (with @ai-sdk/openai, providerOptions.openai.store = false)';

export function parseResponsesRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw new AirlockError('invalid_request', 'the request body must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!RESPONSES_KEYS.has(key)) throw new AirlockError('invalid_request', `unknown parameter '${key}'`, { param: key });
  }
  const result = responsesRequestSchema.safeParse(body);
  if (!result.success) throw requestError(result.error);
  return translate(result.data);
}

function refuseState(b: ResponsesRequest): void {
  if (b.previous_response_id != null) throw unsupported('previous_response_id', `a stored response (${STATELESS})`);
  if (b.conversation != null) throw unsupported('conversation', `a stored conversation (${STATELESS})`);
  if (b.prompt != null) throw unsupported('prompt', 'a stored prompt template');
  if (b.background === true) throw unsupported('background', 'a background response');
  if (b.top_logprobs != null && b.top_logprobs > 0) throw unsupported('top_logprobs', 'log probabilities');
}

function translate(b: ResponsesRequest): ChatRequest {
  refuseState(b);
  const system = b.instructions == null || b.instructions === '' ? [] : [b.instructions];
  const messages = typeof b.input === 'string' ? [{ role: 'user' as const, parts: [{ type: 'text' as const, text: b.input }] }] : translateItems(b.input.map(checkItem), system);
  return {
    model: b.model,
    system,
    messages,
    tools: translateTools(b.tools),
    toolChoice: translateToolChoice(b.tool_choice),
    ...sampling(b, b.max_output_tokens),
    stop: [],
    responseFormat: translateFormat(b.text?.format),
    stream: b.stream === true,
    // usage always ends a Responses stream (in response.completed)
    includeUsage: b.stream === true,
    passthrough: { protocol: 'openai', fields: chatFields(b) },
  };
}

/**
 * The Responses fields that the chat API has too, for an OpenAI-protocol vendor. Not `metadata`: the chat API takes it
 * only with `store: true`, and Airlock does not ask vendors to store what passes through it.
 */
function chatFields(b: ResponsesRequest): JsonObject {
  const fields: JsonObject = {};
  if (b.user != null) fields.user = b.user;
  if (b.service_tier != null) fields.service_tier = b.service_tier;
  if (b.safety_identifier != null) fields.safety_identifier = b.safety_identifier;
  if (b.prompt_cache_key != null) fields.prompt_cache_key = b.prompt_cache_key;
  if (b.reasoning?.effort != null) fields.reasoning_effort = b.reasoning.effort;
  if (b.text?.verbosity != null) fields.verbosity = b.text.verbosity;
  return fields;
}

/** One input item against the schema its type names; the 400 names the field under `input[i]`. */
function checkItem(raw: { type?: string | undefined }, i: number): ResponsesItem {
  const type = raw.type ?? 'message';
  if (type === 'item_reference') throw unsupported(`input[${i}].type`, `an item reference (${STATELESS})`);
  if (!Object.hasOwn(ITEM_SCHEMAS, type)) throw unsupported(`input[${i}].type`, `an input item of type '${type}'`);
  const schema: z.ZodType<ResponsesItem> = ITEM_SCHEMAS[type as keyof typeof ITEM_SCHEMAS];
  return checked(schema, raw, ['input', i]);
}

function checked<T>(schema: z.ZodType<T>, value: unknown, at: (string | number)[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw requestError(new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] }))));
}

function isMessage(it: ResponsesItem): it is ResponsesMessage {
  return it.type === undefined || it.type === 'message';
}

function translateItems(items: ResponsesItem[], system: string[]): Message[] {
  const messages: Message[] = [];
  // An answer's text and the calls it made arrive as separate items; they are one assistant turn.
  const assistant = (): Part[] => {
    const last = messages[messages.length - 1];
    if (last?.role === 'assistant') return last.parts;
    const parts: Part[] = [];
    messages.push({ role: 'assistant', parts });
    return parts;
  };
  items.forEach((it, i) => {
    if (isMessage(it)) {
      if (it.role === 'assistant') {
        const text = typeof it.content === 'string' ? it.content : it.content.map((p) => (p.type === 'refusal' ? p.refusal : p.text)).join('');
        if (text !== '') assistant().push({ type: 'text', text });
      } else if (it.role === 'user') {
        messages.push({ role: 'user', parts: userParts(it.content, `input[${i}].content`) });
      } else {
        system.push(textOf(it.content, `input[${i}].content`));
      }
      return;
    }
    switch (it.type) {
      case 'function_call':
        assistant().push({ type: 'tool_call', id: it.call_id, name: it.name, arguments: it.arguments });
        return;
      case 'function_call_output':
        messages.push({ role: 'tool', parts: [toolOutput(it.call_id, it.output, `input[${i}].output`)] });
        return;
      case 'reasoning':
        return;
    }
  });
  if (messages.length === 0) throw new AirlockError('invalid_request', "invalid value for 'input': no user, assistant or tool item", { param: 'input' });
  return messages;
}

function userParts(content: string | ResponsesUserPart[], at: string): Part[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((p, j): Part => {
    switch (p.type) {
      case 'input_text':
        return { type: 'text', text: p.text };
      case 'input_image':
        if (p.image_url == null) throw unsupported(`${at}[${j}].file_id`, 'an image by file id');
        return imagePart(p.image_url);
      case 'input_file':
        return inputFile(p, `${at}[${j}]`);
      default:
        throw unsupported(`${at}[${j}].type`, `a '${p.type}' content part`);
    }
  });
}

function inputFile(p: Extract<ResponsesUserPart, { type: 'input_file' }>, at: string): DocumentPart {
  if (p.file_url != null) throw unsupported(`${at}.file_url`, 'a file by URL would be fetched by the vendor, unseen by Airlock: send file_data');
  return filePart(p.file_data, p.filename, at);
}

/** A tool's output: its text, and the images and files it returned (a screenshot, a PDF), which follow the text. */
function toolOutput(callId: string, output: string | ResponsesUserPart[], at: string): Part {
  if (typeof output === 'string') return { type: 'tool_result', toolCallId: callId, content: output, isError: false };
  const texts: string[] = [];
  const images: ImagePart[] = [];
  const documents: DocumentPart[] = [];
  output.forEach((p, j) => {
    if (p.type === 'input_text') texts.push(p.text);
    else if (p.type === 'input_image') {
      if (p.image_url == null) throw unsupported(`${at}[${j}].file_id`, 'an image by file id');
      images.push(imagePart(p.image_url));
    } else if (p.type === 'input_file') documents.push(inputFile(p, `${at}[${j}]`));
    else throw unsupported(`${at}[${j}].type`, `a '${p.type}' part here`);
  });
  const part: Part = { type: 'tool_result', toolCallId: callId, content: texts.join(''), isError: false };
  if (images.length > 0) part.images = images;
  if (documents.length > 0) part.documents = documents;
  return part;
}

/** System text: text parts only. */
function textOf(content: string | ResponsesUserPart[], at: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((p, j) => {
      if (p.type !== 'input_text') throw unsupported(`${at}[${j}].type`, `a '${p.type}' part here`);
      return p.text;
    })
    .join('');
}

function translateTools(tools: { type: string }[] | null | undefined): ToolDef[] {
  return (tools ?? []).map((t, i) => {
    if (t.type !== 'function') throw unsupported(`tools[${i}].type`, `a hosted '${t.type}' tool`);
    const f: ResponsesFunctionTool = checked(functionToolSchema, t, ['tools', i]);
    return functionDef(f);
  });
}

function translateToolChoice(choice: ResponsesRequest['tool_choice']): ToolChoice {
  if (choice == null) return 'auto';
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function' && 'name' in choice && typeof choice.name === 'string') return { name: choice.name };
  throw unsupported('tool_choice', `a '${choice.type}' tool choice`);
}

function translateFormat(format: NonNullable<ResponsesRequest['text']>['format']): ResponseFormat {
  if (format == null || format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  return schemaFormat(format);
}
