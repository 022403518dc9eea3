// Caller → us: an Anthropic Messages request (POST /v1/messages) into the canonical ChatRequest, and the canonical
// answer back into an Anthropic `message` object.
import type { CacheControl, ChatRequest, ChatResponse, DocumentPart, ImagePart, Message, Part, ResponseFormat, ToolChoice, ToolDef } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject, type JsonObject, type JsonValue } from '../../core/json.ts';
import type { ResponseMeta } from '../types.ts';
import {
  base64Source,
  bodySchema,
  customTool,
  imageBlock,
  jsonSchemaFormat,
  parseWith,
  requestSchema,
  pdfDocument,
  textDocument,
  toolChoiceSchema,
  toolResultBlock,
  toolUseBlock,
  urlSource,
  type WireRequest,
} from './schema.ts';
import { plainBody, plainRequest, textOf } from './guard.ts';
import { reasoningBlock, reasoningPart } from './reasoning.ts';
import { toStopReason } from './stop-reason.ts';
import { toWireUsage } from './usage.ts';

type Path = (string | number)[];
type WireContent = WireRequest['messages'][number]['content'];
type WireBlock = Exclude<WireContent, string>[number];

/** Fields this codec maps onto ChatRequest; everything else rides in passthrough to Anthropic-protocol vendors. */
const MAPPED = new Set(['model', 'max_tokens', 'system', 'messages', 'stop_sequences', 'temperature', 'top_p', 'tools', 'tool_choice', 'output_config', 'stream']);

function unsupported(param: string, message: string): AirlockError {
  return new AirlockError('unsupported_parameter', `${param}: ${message}`, { param });
}

function textsOf(content: WireContent | undefined, at: Path): string[] {
  if (content === undefined) return [];
  if (typeof content === 'string') return [content];
  return content.map((block, j) => textOf(block, [...at, j]));
}

/** A block's cache_control, when it sets one (null means none, as on the wire). */
function cacheOf(block: unknown): CacheControl | null {
  const c = isObject(block) ? block.cache_control : undefined;
  return isObject(c) ? (c as CacheControl) : null;
}

/** Marks a part with its block's cache breakpoint: assigned only when there is one, so most parts keep one shape. */
function cached<P extends Part | ToolDef>(part: P, block: unknown): P {
  const cache = cacheOf(block);
  if (cache !== null) part.cache = cache;
  return part;
}

/** System text blocks with their cache breakpoints, appended to `into`. */
function systemOf(content: WireContent | undefined, at: Path, into: { texts: string[]; caches: (CacheControl | null)[] }): void {
  const texts = textsOf(content, at);
  into.texts.push(...texts);
  for (let j = 0; j < texts.length; j++) into.caches.push(typeof content === 'string' || content === undefined ? null : cacheOf(content[j]));
}

function imagePart(block: unknown, at: Path): ImagePart {
  const { source } = parseWith(imageBlock, block, at);
  if (source.type === 'base64') {
    const s = parseWith(base64Source, source, [...at, 'source']);
    return { type: 'image', url: `data:${s.media_type};base64,${s.data}`, mediaType: s.media_type };
  }
  if (source.type === 'url') return { type: 'image', url: parseWith(urlSource, source, [...at, 'source']).url };
  throw unsupported([...at, 'source', 'type'].join('.'), 'only base64 and url image sources are supported');
}

function toolResultPart(block: unknown, at: Path): Part {
  const b = parseWith(toolResultBlock, block, at);
  const content = b.content;
  let text = '';
  const images: ImagePart[] = [];
  const documents: DocumentPart[] = [];
  if (typeof content === 'string') text = content;
  else if (content !== undefined) {
    const texts: string[] = [];
    content.forEach((c, k) => {
      const where = [...at, 'content', k];
      if (c.type === 'text') texts.push(textOf(c, where));
      else if (c.type === 'image') images.push(imagePart(c, where));
      // a PDF a tool read (Claude Code's Read on a .pdf); a plain-text document is its text
      else if (c.type === 'document' && sourceType(c) === 'text') texts.push(parseWith(textDocument, c, where).source.data);
      else if (c.type === 'document') documents.push(documentPart(c, where));
      // search results inside a tool result have no canonical form
      else throw unsupported(where.join('.'), 'tool_result content must be text, images or documents');
    });
    text = texts.join('\n');
  }
  const part: Part = { type: 'tool_result', toolCallId: b.tool_use_id, content: text, isError: b.is_error ?? false };
  if (images.length > 0) part.images = images;
  if (documents.length > 0) part.documents = documents;
  return cached(part, block);
}

function blockPart(role: 'user' | 'assistant', block: WireBlock, at: Path): Part | null {
  const where = at.join('.');
  switch (block.type) {
    case 'text':
      return cached({ type: 'text', text: textOf(block, at) }, block);
    case 'image':
      return cached(imagePart(block, at), block);
    case 'document':
      // a plain-text document's canonical form is its text
      if (sourceType(block) === 'text') return cached({ type: 'text', text: parseWith(textDocument, block, at).source.data }, block);
      return cached(documentPart(block, at), block);
    case 'tool_use': {
      if (role !== 'assistant') throw new AirlockError('invalid_request', `${where}: tool_use blocks belong in assistant messages`, { param: where });
      const b = parseWith(toolUseBlock, block, at);
      return cached({ type: 'tool_call', id: b.id, name: b.name, arguments: JSON.stringify(b.input) }, block);
    }
    case 'tool_result':
      if (role !== 'user') throw new AirlockError('invalid_request', `${where}: tool_result blocks belong in user messages`, { param: where });
      return toolResultPart(block, at);
    case 'thinking':
    case 'redacted_thinking':
      // signed reasoning goes back to Anthropic-protocol vendors only (their encoders drop it); with thinking on, a
      // tool-use turn sent back without it is refused
      if (role !== 'assistant') return null;
      return cached(reasoningPart(block, at, 'invalid_request'), block);
    default:
      throw unsupported(`${where}.type`, 'this content block type is not supported');
  }
}

function sourceType(block: object): unknown {
  const source = (block as { source?: unknown }).source;
  return isObject(source) ? source.type : undefined;
}

/**
 * A base64 PDF. `context` and citations are refused rather than dropped: context is text for the model with no
 * canonical place (so it would go uninspected), and cited answers carry citation blocks no other vendor makes.
 */
function documentPart(block: object, at: Path): DocumentPart {
  const where = at.join('.');
  const type = sourceType(block);
  if (type === 'url') throw unsupported(`${where}.source.type`, 'a PDF by URL would be fetched by the vendor, unseen by Airlock: send it as base64');
  if (type !== 'base64') throw unsupported(`${where}.source.type`, 'only base64 PDF and plain-text document blocks are supported');
  const b = parseWith(pdfDocument, block, at);
  if (b.context != null) throw unsupported(`${where}.context`, 'document context is not supported; put it in a text block');
  if (b.citations?.enabled === true) throw unsupported(`${where}.citations`, 'citations are not supported');
  const part: DocumentPart = { type: 'document', mediaType: 'application/pdf', data: b.source.data };
  if (b.title != null) part.title = b.title;
  return part;
}

/** tool_result blocks become a canonical tool message placed before the rest of the user turn. */
function messagesOf(role: 'user' | 'assistant', content: WireContent, at: Path): Message[] {
  if (typeof content === 'string') return [{ role, parts: [{ type: 'text', text: content }] }];
  const results: Part[] = [];
  const parts: Part[] = [];
  content.forEach((block, j) => {
    const part = blockPart(role, block, [...at, 'content', j]);
    if (part?.type === 'tool_result') results.push(part);
    else if (part !== null) parts.push(part);
  });
  const out: Message[] = [];
  if (results.length > 0) out.push({ role: 'tool', parts: results });
  if (parts.length > 0) out.push({ role, parts });
  return out;
}

// Tools Anthropic defines and the caller runs: the model knows their schemas, and their calls come back as plain
// tool_use blocks. Server tools (web search, web fetch, code execution) run inside Anthropic and answer with blocks
// the canonical form has no place for, and would send the conversation's data on to the web: refused.
const CLIENT_TOOL = /^(computer|text_editor|bash|memory)_\d{8}$/;

function vendorTool(tool: Record<string, unknown>, i: number): ToolDef {
  const type = typeof tool.type === 'string' ? tool.type : '';
  if (!CLIENT_TOOL.test(type)) throw unsupported(`tools.${i}.type`, 'server tools are not supported (only custom tools and Anthropic\'s computer, text editor, bash and memory tools)');
  if (typeof tool.name !== 'string' || tool.name === '') throw new AirlockError('invalid_request', `tools.${i}.name: Field required`, { param: `tools.${i}.name` });
  // a request body is JSON, so the definition is too
  const definition = Object.fromEntries(Object.entries(tool).filter(([k]) => k !== 'cache_control')) as JsonObject;
  return cached({ name: tool.name, parameters: { type: 'object' }, vendorDefined: { protocol: 'anthropic', definition } }, tool);
}

function toolsOf(tools: WireRequest['tools']): ToolDef[] {
  return (tools ?? []).map((tool, i) => {
    if (tool.type != null && tool.type !== 'custom') return vendorTool(tool, i);
    const t = parseWith(customTool, tool, ['tools', i]);
    const def: ToolDef = t.description === undefined ? { name: t.name, parameters: t.input_schema } : { name: t.name, description: t.description, parameters: t.input_schema };
    return cached(def, tool);
  });
}

function toolChoiceOf(raw: WireRequest['tool_choice']): { toolChoice: ToolChoice; parallel: boolean } {
  if (raw === undefined) return { toolChoice: 'auto', parallel: true };
  const c = parseWith(toolChoiceSchema, raw, ['tool_choice']);
  const parallel = c.type === 'none' || c.disable_parallel_tool_use !== true;
  if (c.type === 'tool') return { toolChoice: { name: c.name }, parallel };
  return { toolChoice: c.type === 'any' ? 'required' : c.type, parallel };
}

function responseFormatOf(config: WireRequest['output_config']): ResponseFormat {
  const format = config?.format;
  if (format == null) return { type: 'text' };
  const f = parseWith(jsonSchemaFormat, format, ['output_config', 'format']);
  // Anthropic's structured outputs always enforce the schema, and the wire has no name for it
  return { type: 'json_schema', name: 'response', schema: f.schema, strict: true };
}

function passthroughOf(raw: JsonObject): JsonObject {
  const fields: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) if (!MAPPED.has(key)) fields[key] = value;
  const config = raw.output_config;
  if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
    const rest: Record<string, JsonValue> = Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'format'));
    if (Object.keys(rest).length > 0) fields.output_config = rest;
  }
  return fields;
}

export function parse(body: unknown): ChatRequest {
  const raw = plainBody(body) ?? parseWith(bodySchema, body, []);
  // Anthropic's MCP connector has the vendor send the conversation on to servers the caller names, which the
  // vendor register never reviewed: governance cannot follow it there
  if (raw.mcp_servers !== undefined) throw unsupported('mcp_servers', 'Airlock does not let a vendor pass the conversation on to MCP servers');
  const req = plainRequest(raw) ?? parseWith(requestSchema, raw, []);
  const system = { texts: [] as string[], caches: [] as (CacheControl | null)[] };
  systemOf(req.system, ['system'], system);
  const messages: Message[] = [];
  req.messages.forEach((m, i) => {
    // a mid-conversation system message joins the system prompt; canonical requests have one, so its position is lost
    if (m.role === 'system') systemOf(m.content, ['messages', i, 'content'], system);
    else messages.push(...messagesOf(m.role, m.content, ['messages', i]));
  });
  const choice = toolChoiceOf(req.tool_choice);
  const out: ChatRequest = {
    model: req.model,
    system: system.texts,
    messages,
    tools: toolsOf(req.tools),
    toolChoice: choice.toolChoice,
    maxTokens: req.max_tokens,
    stop: req.stop_sequences ?? [],
    responseFormat: responseFormatOf(req.output_config),
    stream: req.stream ?? false,
    // Anthropic streams always carry usage (message_start and message_delta)
    includeUsage: true,
    passthrough: { protocol: 'anthropic', fields: passthroughOf(raw) },
  };
  if (system.caches.some((c) => c !== null)) out.systemCache = system.caches;
  if (!choice.parallel) out.parallelToolCalls = false;
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.top_p !== undefined) out.topP = req.top_p;
  return out;
}

function contentOf(parts: Part[]): JsonObject[] {
  const content: JsonObject[] = [];
  for (const part of parts) {
    if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'reasoning') content.push(reasoningBlock(part));
    else if (part.type === 'tool_call') content.push({ type: 'tool_use', id: part.id, name: part.name, input: inputOf(part.arguments) });
  }
  return content;
}

/** tool_use.input must be an object; a vendor's unparsable arguments become {} rather than failing the answer. */
export function inputOf(args: string): JsonObject {
  try {
    const value = JSON.parse(args) as JsonValue;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

export function render(res: ChatResponse, meta: ResponseMeta): JsonObject {
  const choice = res.choices[0];
  const stop = toStopReason(choice?.finish ?? 'stop', choice?.stopSequence);
  return {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: contentOf(choice?.parts ?? []),
    stop_reason: stop.stop_reason,
    stop_sequence: stop.stop_sequence,
    usage: Object.assign(toWireUsage(res.usage), { service_tier: 'standard' }),
  };
}
