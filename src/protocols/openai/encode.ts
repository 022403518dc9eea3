// Canonical ChatRequest → the body of POST {base}/chat/completions.
import type { ChatRequest, DocumentPart, Message, Part, ResponseFormat, ToolChoice } from '../../core/canonical.ts';
import type { JsonObject, JsonValue } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';
import { rejectVendorTools } from '../passthrough.ts';

export function encodeChatRequest(req: ChatRequest, vendorModel: string): OutboundRequest {
  rejectVendorTools(req, 'openai');
  const body: JsonObject = {
    model: vendorModel,
    messages: [...req.system.map((content) => ({ role: 'system', content })), ...req.messages.flatMap(encodeMessage)],
  };
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description === undefined ? {} : { description: t.description }),
        parameters: t.parameters,
        ...(t.strict === undefined ? {} : { strict: t.strict }),
      },
    }));
  }
  // 'auto' is OpenAI's default whenever tools are given, and 'required' without tools is an error there.
  if (req.tools.length > 0 || req.toolChoice !== 'auto') body.tool_choice = encodeToolChoice(req.toolChoice);
  if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  // max_tokens is deprecated and rejected by reasoning models; every current OpenAI model takes max_completion_tokens.
  if (req.maxTokens !== undefined) body.max_completion_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.n !== undefined) body.n = req.n;
  if (req.stop.length > 0) body.stop = req.stop;
  if (req.responseFormat.type !== 'text') body.response_format = encodeResponseFormat(req.responseFormat);
  if (req.stream) {
    body.stream = true;
    // Airlock meters every stream; the caller's own wish lives in req.includeUsage and is honoured on the way out.
    body.stream_options = { include_usage: true };
  }
  if (req.passthrough.protocol === 'openai') {
    for (const [key, value] of Object.entries(req.passthrough.fields)) {
      if (!(key in body)) body[key] = value;
    }
  }
  return { path: '/chat/completions', headers: {}, body };
}

function encodeMessage(m: Message): JsonObject[] {
  // Tool results become `tool` messages wherever they sit (Anthropic carries them inside user turns).
  const results: JsonObject[] = m.parts.flatMap((p) => (p.type === 'tool_result' ? [{ role: 'tool', tool_call_id: p.toolCallId, content: p.content }] : []));
  const images = toolImages(m.parts);
  if (images !== null) results.push(images);
  const rest = m.parts.filter((p) => p.type !== 'tool_result');
  if (m.role === 'assistant') return [...results, encodeAssistant(rest)];
  if (rest.length === 0) return results;
  return [...results, { role: 'user', content: encodeUserContent(rest) }];
}

/**
 * A tool message holds text only, so the images and files tools returned follow all of a turn's tool messages (which
 * must come first, straight after the calls) as one user message, each group labelled with its call id.
 */
function toolImages(parts: Part[]): JsonObject | null {
  const content: JsonObject[] = [];
  for (const p of parts) {
    if (p.type !== 'tool_result' || (p.images === undefined && p.documents === undefined)) continue;
    content.push({ type: 'text', text: `${p.images === undefined ? 'files' : p.documents === undefined ? 'images' : 'images and files'} returned by tool call ${p.toolCallId}:` });
    for (const i of p.images ?? []) content.push({ type: 'image_url', image_url: { url: i.url } });
    for (const d of p.documents ?? []) content.push(fileOut(d));
  }
  return content.length === 0 ? null : { role: 'user', content };
}

/** OpenAI wants a file name with inline file data; a caller from another protocol may not have given one. */
function fileOut(d: DocumentPart): JsonObject {
  return { type: 'file', file: { filename: d.filename ?? d.title ?? 'document.pdf', file_data: `data:${d.mediaType};base64,${d.data}` } };
}

function encodeAssistant(parts: Part[]): JsonObject {
  const text = parts.flatMap((p) => (p.type === 'text' ? [p.text] : []));
  const calls = parts.flatMap((p) =>
    p.type === 'tool_call' ? [{ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments } }] : [],
  );
  const out: JsonObject = { role: 'assistant', content: text.length === 0 ? null : text.join('') };
  if (calls.length > 0) out.tool_calls = calls;
  return out;
}

function encodeUserContent(parts: Part[]): JsonValue {
  const only = parts[0];
  if (parts.length === 1 && only?.type === 'text') return only.text;
  return parts.flatMap((p): JsonObject[] => {
    if (p.type === 'text') return [{ type: 'text', text: p.text }];
    if (p.type === 'image') return [{ type: 'image_url', image_url: { url: p.url } }];
    if (p.type === 'document') return [fileOut(p)];
    // A tool call inside a user turn has no OpenAI form; no inbound codec produces one.
    return [];
  });
}

function encodeToolChoice(choice: ToolChoice): JsonValue {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function encodeResponseFormat(format: Exclude<ResponseFormat, { type: 'text' }>): JsonObject {
  if (format.type === 'json') return { type: 'json_object' };
  const schema: JsonObject = { name: format.name, schema: format.schema, strict: format.strict };
  if (format.description !== undefined) schema.description = format.description;
  return { type: 'json_schema', json_schema: schema };
}
