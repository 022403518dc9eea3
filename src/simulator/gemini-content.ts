// Gemini generateContent as the vendor speaks it: request body → SimChat, SimReply → GenerateContentResponse,
// streamed as whole GenerateContentResponse chunks framed `data: …\r\n\r\n` (Google's SSE uses CRLF) with no
// [DONE]. functionCall parts arrive whole; finishReason and usageMetadata ride on the last chunk.
import { isObject, type Frame } from './wire.ts';
import { splitPieces, type SimChat, type SimFinish, type SimReply, type SimToolChoice } from './reply.ts';

export interface ContentMeta {
  model: string;
  responseId: string;
  streamChunks: number;
}

function parts(content: unknown): Record<string, unknown>[] {
  if (!isObject(content) || !Array.isArray(content.parts)) return [];
  return content.parts.filter(isObject);
}

function texts(content: unknown): string[] {
  return parts(content).flatMap((p) => (typeof p.text === 'string' && p.thought !== true ? [p.text] : []));
}

/**
 * functionResponse.response is a free-form object; callers usually wrap a string result as {content}, {result}
 * or {output}. Anything else is compared as JSON text.
 */
function resultText(response: unknown): string {
  if (typeof response === 'string') return response;
  if (isObject(response)) {
    for (const key of ['content', 'result', 'output']) {
      const value = response[key];
      if (typeof value === 'string') return value;
    }
    const values = Object.values(response);
    if (values.length === 1 && typeof values[0] === 'string') return values[0];
  }
  return JSON.stringify(response ?? null);
}

function results(content: unknown): string[] {
  return parts(content).flatMap((p) => {
    const fr = p.functionResponse ?? p.function_response;
    return isObject(fr) ? [resultText(fr.response)] : [];
  });
}

function toolsOf(raw: unknown): { name: string; schema: unknown }[] {
  return (Array.isArray(raw) ? raw : []).flatMap((t) => {
    if (!isObject(t)) return [];
    const decls = t.functionDeclarations ?? t.function_declarations;
    return (Array.isArray(decls) ? decls : []).flatMap((d) =>
      isObject(d) && typeof d.name === 'string' ? [{ name: d.name, schema: d.parametersJsonSchema ?? d.parameters }] : [],
    );
  });
}

/** ANY restricted to one allowed function is how Gemini forces a specific tool. */
function toolChoice(raw: unknown): SimToolChoice {
  const config = isObject(raw) ? (raw.functionCallingConfig ?? raw.function_calling_config) : undefined;
  if (!isObject(config)) return 'auto';
  const mode = typeof config.mode === 'string' ? config.mode.toUpperCase() : 'AUTO';
  if (mode === 'NONE') return 'none';
  if (mode !== 'ANY') return 'auto';
  const allowed = config.allowedFunctionNames ?? config.allowed_function_names;
  return Array.isArray(allowed) && typeof allowed[0] === 'string' ? { name: allowed[0] } : 'required';
}

export function parseContents(body: Record<string, unknown>, contents: unknown[]): SimChat {
  const system = body.systemInstruction ?? body.system_instruction;
  const all = typeof system === 'string' ? [system] : texts(system);
  let lastUserText = '';
  let lastResults: string[] = [];
  for (const c of contents) {
    const text = texts(c);
    const res = results(c);
    all.push(...text, ...res);
    lastResults = res;
    const role = isObject(c) ? c.role : undefined;
    if ((role === undefined || role === 'user') && text.length > 0) lastUserText = text.join('\n');
  }
  const config = isObject(body.generationConfig) ? body.generationConfig : isObject(body.generation_config) ? body.generation_config : {};
  const stop = config.stopSequences ?? config.stop_sequences;
  const max = config.maxOutputTokens ?? config.max_output_tokens;
  return {
    texts: all,
    lastUserText,
    toolResults: lastResults.length > 0 ? lastResults : null,
    tools: toolsOf(body.tools),
    toolChoice: toolChoice(body.toolConfig ?? body.tool_config),
    json: (config.responseMimeType ?? config.response_mime_type) === 'application/json',
    stop: Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : [],
    maxTokens: typeof max === 'number' ? max : undefined,
  };
}

const FINISH: Record<SimFinish, string> = { stop: 'STOP', stop_sequence: 'STOP', tool_calls: 'STOP', length: 'MAX_TOKENS' };

function usage(reply: SimReply): Record<string, unknown> {
  const { input, output } = reply.usage;
  return { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output, promptTokensDetails: [{ modality: 'TEXT', tokenCount: input }] };
}

function response(partsOut: Record<string, unknown>[], meta: ContentMeta, last: SimReply | null): Record<string, unknown> {
  const candidate = { content: { parts: partsOut, role: 'model' }, ...(last ? { finishReason: FINISH[last.finish] } : {}), index: 0 };
  return { candidates: [candidate], ...(last ? { usageMetadata: usage(last) } : {}), modelVersion: meta.model, responseId: meta.responseId };
}

/** The Gemini Developer API sends no functionCall id; callers must make their own. */
const callParts = (reply: SimReply): Record<string, unknown>[] => reply.calls.map((c) => ({ functionCall: { name: c.name, args: c.args } }));

export function renderContent(reply: SimReply, meta: ContentMeta): Record<string, unknown> {
  return response(reply.calls.length > 0 ? callParts(reply) : [{ text: reply.text }], meta, reply);
}

/** The chunks of a streamed answer, as objects; the last one carries finishReason and usageMetadata. */
export function contentChunks(reply: SimReply, meta: ContentMeta): { kind: Frame['kind']; body: Record<string, unknown> }[] {
  if (reply.calls.length > 0) return [{ kind: 'end', body: response(callParts(reply), meta, reply) }];
  const pieces = splitPieces(reply.text, meta.streamChunks);
  if (pieces.length === 0) pieces.push('');
  return pieces.map((text, i) => {
    const last = i === pieces.length - 1;
    return { kind: last ? 'end' : 'content', body: response([{ text }], meta, last ? reply : null) };
  });
}

export function contentFrames(reply: SimReply, meta: ContentMeta): Frame[] {
  return contentChunks(reply, meta).map(({ kind, body }) => ({ kind, data: `data: ${JSON.stringify(body)}\r\n\r\n` }));
}
