// We → vendor: the canonical request as an Anthropic Messages body, and the vendor's `message` back.
import { mergePassthrough, rejectLogprobs, rejectVendorTools } from '../passthrough.ts';
import { argumentsObject } from '../tool-arguments.ts';
import type { ChatRequest, ChatResponse, Choice, DocumentPart, Message, Part, ToolDef } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import type { JsonObject, JsonValue } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';
import { plainMessage, textOf } from './guard.ts';
import { messageSchema, parseWith, toolUseBlock } from './schema.ts';
import { fromStopReason } from './stop-reason.ts';
import { fromWireUsage } from './usage.ts';
import { reasoningBlock, reasoningPart } from './reasoning.ts';

// Anthropic has no JSON mode (only schema-constrained output), so a plain json_object request becomes an instruction.
const JSON_INSTRUCTION = 'Respond with a single JSON object and nothing else: no prose before or after it, no code fences.';
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

export function authHeaders(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey };
}

function badMessages(message: string): AirlockError {
  return new AirlockError('invalid_request', message, { param: 'messages' });
}

function imageOut(url: string): JsonObject {
  const data = DATA_URL.exec(url);
  if (data !== null) return { type: 'image', source: { type: 'base64', media_type: data[1] ?? '', data: data[2] ?? '' } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw badMessages('images must be base64 data: URLs or http(s) URLs');
}

function documentOut(doc: DocumentPart): JsonObject {
  return { type: 'document', source: { type: 'base64', media_type: doc.mediaType, data: doc.data }, ...(doc.title === undefined ? {} : { title: doc.title }) };
}

/** The part's block, with the caller's cache breakpoint on it. */
function blockOut(part: Part): JsonObject[] {
  const blocks = partBlocks(part);
  if (part.cache !== undefined) for (const b of blocks) b.cache_control = part.cache;
  return blocks;
}

function partBlocks(part: Part): JsonObject[] {
  switch (part.type) {
    case 'text':
      // the API rejects empty text blocks
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'image':
      return [imageOut(part.url)];
    case 'tool_call':
      return [{ type: 'tool_use', id: part.id, name: part.name, input: argumentsObject(part.arguments) }];
    case 'tool_result': {
      // images and documents ride after the text, as blocks of the result's own content
      const content: JsonValue =
        part.images === undefined && part.documents === undefined
          ? part.content
          : [...(part.content === '' ? [] : [{ type: 'text', text: part.content }]), ...(part.images ?? []).map((i) => imageOut(i.url)), ...(part.documents ?? []).map(documentOut)];
      return [{ type: 'tool_result', tool_use_id: part.toolCallId, content, ...(part.isError ? { is_error: true } : {}) }];
    }
    case 'reasoning':
      return [reasoningBlock(part)];
    case 'document':
      return [documentOut(part)];
  }
}

/**
 * Anthropic wants user and assistant turns to alternate, with tool results sent as user content. Consecutive turns of
 * one role merge, and tool_result blocks lead their user turn as the API requires.
 */
function messagesOut(messages: Message[]): JsonObject[] {
  const turns: { role: 'user' | 'assistant'; content: JsonObject[] }[] = [];
  for (const m of messages) {
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const content = m.parts.flatMap(blockOut);
    if (content.length === 0) continue;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  }
  return turns.map(({ role, content }) => ({
    role,
    content: role === 'user' ? [...content.filter(isToolResult), ...content.filter((b) => !isToolResult(b))] : content,
  }));
}

const isToolResult = (b: JsonObject): boolean => b.type === 'tool_result';

function toolChoiceOut(req: ChatRequest): JsonObject | null {
  const choice = req.toolChoice;
  if (choice === 'none') return { type: 'none' };
  const noParallel: JsonObject = req.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'required') return { type: 'any', ...noParallel };
  if (typeof choice === 'object') return { type: 'tool', name: choice.name, ...noParallel };
  return req.parallelToolCalls === false ? { type: 'auto', ...noParallel } : null;
}

/** Anthropic's own tool, as the caller defined it (its cache breakpoint on it). */
function vendorTool(t: ToolDef): JsonObject {
  const definition = t.vendorDefined?.definition ?? {};
  return t.cache === undefined ? definition : { ...definition, cache_control: t.cache };
}

function toolsOut(req: ChatRequest, body: JsonObject): void {
  if (req.tools.length === 0) return;
  body.tools = req.tools.map((t): JsonObject =>
    t.vendorDefined !== undefined
      ? vendorTool(t)
      : {
          name: t.name,
          ...(t.description === undefined ? {} : { description: t.description }),
          // input_schema must say type: object; OpenAI callers may send an empty parameters object
          input_schema: { type: 'object', ...t.parameters },
          ...(t.cache === undefined ? {} : { cache_control: t.cache }),
        },
  );
  const choice = toolChoiceOut(req);
  if (choice !== null) body.tool_choice = choice;
}

function rejectInexpressible(req: ChatRequest): void {
  if (req.n !== undefined && req.n > 1) {
    throw new AirlockError('unsupported_parameter', 'n > 1 is not supported by this target', { param: 'n' });
  }
  rejectLogprobs(req);
}



export function encode(req: ChatRequest, vendorModel: string): OutboundRequest {
  rejectInexpressible(req);
  rejectVendorTools(req, 'anthropic');
  const body: JsonObject = { model: vendorModel, max_tokens: req.maxTokens ?? 4096 };
  // empty text blocks are a 400 at Anthropic, in system as anywhere
  const system: JsonObject[] = [];
  req.system.forEach((text, i) => {
    const cache = req.systemCache?.[i];
    if (text !== '') system.push(cache == null ? { type: 'text', text } : { type: 'text', text, cache_control: cache });
  });
  if (req.responseFormat.type === 'json') system.push({ type: 'text', text: JSON_INSTRUCTION });
  if (system.length > 0) body.system = system;
  body.messages = messagesOut(req.messages);
  toolsOut(req, body);
  if (req.stop.length > 0) body.stop_sequences = req.stop;
  // OpenAI callers may send 0..2; Anthropic accepts 0..1 and rejects the rest
  if (req.temperature !== undefined) body.temperature = Math.min(req.temperature, 1);
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.responseFormat.type === 'json_schema') body.output_config = { format: { type: 'json_schema', schema: req.responseFormat.schema } };
  if (req.stream) body.stream = true;
  mergePassthrough(req, body, 'anthropic', 'output_config');
  const headers = req.passthrough.protocol === 'anthropic' && req.passthrough.headers !== undefined ? { ...req.passthrough.headers } : {};
  headers['anthropic-version'] = '2023-06-01';
  return { path: '/v1/messages', headers, body };
}

/** Reads one vendor content block; server-tool blocks have no canonical form and are skipped. */
export function partOf(block: { type: string }, at: (string | number)[]): Part | null {
  if (block.type === 'text') return { type: 'text', text: textOf(block, at, 'upstream_malformed') };
  if (block.type === 'thinking' || block.type === 'redacted_thinking') return reasoningPart(block, at, 'upstream_malformed');
  if (block.type !== 'tool_use') return null;
  const b = parseWith(toolUseBlock, block, at, 'upstream_malformed');
  return { type: 'tool_call', id: b.id, name: b.name, arguments: JSON.stringify(b.input) };
}

export function decode(body: unknown): ChatResponse {
  const msg = plainMessage(body) ?? parseWith(messageSchema, body, [], 'upstream_malformed');
  const parts = msg.content.map((b, j) => partOf(b, ['content', j])).filter((p): p is Part => p !== null);
  const stop = fromStopReason(msg.stop_reason, msg.stop_sequence);
  const choice: Choice = { index: 0, parts, finish: stop.finish };
  if (stop.stopSequence !== undefined) choice.stopSequence = stop.stopSequence;
  return { id: msg.id, model: msg.model, choices: [choice], usage: fromWireUsage(msg.usage) };
}
