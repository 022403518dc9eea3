// We → vendor: the canonical request as a Gemini GenerateContentRequest
// (https://ai.google.dev/api/generate-content#request-body). The answer is read in response.ts.
import { mergePassthrough, rejectLogprobs, rejectVendorTools } from '../passthrough.ts';
import { argumentsObject } from '../tool-arguments.ts';
import type { ChatRequest, DocumentPart, Message, Part } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;
// Gemini 3 rejects a replayed functionCall part without the thoughtSignature the model attached to it. Canonical tool
// calls cannot carry one, so every replayed model turn gets the sentinel the docs provide for histories from elsewhere
// (https://ai.google.dev/gemini-api/docs/thought-signatures#faqs). Earlier models ignore it.
const SKIP_SIGNATURE = 'skip_thought_signature_validator';
// fileData wants a MIME type and a bare URL has none; the image formats Gemini reads
// (https://ai.google.dev/gemini-api/docs/image-understanding#supported-formats)
const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif', gif: 'image/gif',
};

export function authHeaders(apiKey: string): Record<string, string> {
  return { 'x-goog-api-key': apiKey };
}

/**
 * The resource name in the URL. A target may be written `models/x` or `tunedModels/x` (the API's own names); the id
 * is escaped so a stray `:` or `/` cannot change the method called.
 */
export function modelResource(vendorModel: string): string {
  const named = /^(models|tunedModels)\/(.+)$/.exec(vendorModel);
  if (named !== null) return `${named[1] ?? 'models'}/${encodeURIComponent(named[2] ?? '')}`;
  return `models/${encodeURIComponent(vendorModel)}`;
}

function badMessages(message: string): AirlockError {
  return new AirlockError('invalid_request', message, { param: 'messages' });
}


function imageOut(url: string, mediaType: string | undefined): JsonObject {
  const data = DATA_URL.exec(url);
  if (data !== null) return { inlineData: { mimeType: data[1] ?? '', data: data[2] ?? '' } };
  if (!/^https?:\/\//i.test(url)) throw badMessages('images must be base64 data: URLs or http(s) URLs');
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const mimeType = mediaType ?? (ext === undefined ? undefined : IMAGE_TYPES[ext]);
  return { fileData: mimeType === undefined ? { fileUri: url } : { fileUri: url, mimeType } };
}

/** FunctionResponse.response must be an object; `output` and `error` are the keys the API documents for it. */
function resultOut(part: Extract<Part, { type: 'tool_result' }>, names: Map<string, string>): JsonObject {
  const name = names.get(part.toolCallId);
  if (name === undefined) throw badMessages(`tool result ${part.toolCallId} answers no earlier tool call`);
  let value: JsonValue = part.content;
  try {
    const parsed = JSON.parse(part.content) as JsonValue;
    if (isJsonObject(parsed)) value = parsed;
  } catch {
    // plain text stays text
  }
  return { functionResponse: { id: part.toolCallId, name, response: part.isError ? { error: value } : { output: value } } };
}

function documentOut(doc: DocumentPart): JsonObject {
  return { inlineData: { mimeType: doc.mediaType, data: doc.data } };
}

function partOut(part: Part, names: Map<string, string>): JsonObject[] {
  switch (part.type) {
    case 'text':
      // the API rejects empty text parts
      return part.text === '' ? [] : [{ text: part.text }];
    case 'image':
      return [imageOut(part.url, part.mediaType)];
    case 'tool_call':
      return [{ functionCall: { id: part.id, name: part.name, args: argumentsObject(part.arguments) } }];
    case 'tool_result':
      // a tool's images and documents follow its function response in the same user turn
      return [resultOut(part, names), ...(part.images ?? []).map((i) => imageOut(i.url, i.mediaType)), ...(part.documents ?? []).map(documentOut)];
    case 'reasoning':
      // Anthropic's signed reasoning means nothing to Gemini
      return [];
    case 'document':
      return [documentOut(part)];
  }
}

/** Signs the first functionCall of each model turn, which is where the API looks for the signature. */
function signCalls(parts: JsonObject[]): void {
  const first = parts.find((p) => p.functionCall !== undefined);
  if (first !== undefined) first.thoughtSignature = SKIP_SIGNATURE;
}

/**
 * Gemini has two roles: tool results go back as user content. Consecutive contents of one role merge, since the API
 * expects turns to alternate.
 */
function contentsOut(messages: Message[]): JsonObject[] {
  // tool call id → function name: a FunctionResponse must name its function, a canonical tool result names only the id
  const names = new Map<string, string>();
  const turns: { role: 'user' | 'model'; parts: JsonObject[] }[] = [];
  for (const m of messages) {
    for (const p of m.parts) if (p.type === 'tool_call') names.set(p.id, p.name);
    const role = m.role === 'assistant' ? 'model' : 'user';
    const parts = m.parts.flatMap((p) => partOut(p, names));
    if (parts.length === 0) continue;
    const last = turns.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else turns.push({ role, parts });
  }
  for (const t of turns) if (t.role === 'model') signCalls(t.parts);
  return turns.map(({ role, parts }) => ({ role, parts }));
}

function toolsOut(req: ChatRequest, body: JsonObject): void {
  if (req.tools.length === 0) return;
  // parametersJsonSchema takes full JSON Schema, unlike `parameters` (an OpenAPI subset that rejects $ref, anyOf, …)
  const functionDeclarations = req.tools.map((t): JsonObject => ({
    name: t.name,
    ...(t.description === undefined ? {} : { description: t.description }),
    parametersJsonSchema: t.parameters,
  }));
  body.tools = [{ functionDeclarations }];
  // Gemini has no switch for parallel calls, so parallelToolCalls: false is not expressible and is left to the model
  const choice = req.toolChoice;
  const config: JsonObject =
    choice === 'auto' ? { mode: 'AUTO' }
    : choice === 'none' ? { mode: 'NONE' }
    : choice === 'required' ? { mode: 'ANY' }
    : { mode: 'ANY', allowedFunctionNames: [choice.name] };
  body.toolConfig = { functionCallingConfig: config };
}

function generationConfigOut(req: ChatRequest): JsonObject {
  const config: JsonObject = {};
  if (req.maxTokens !== undefined) config.maxOutputTokens = req.maxTokens;
  if (req.temperature !== undefined) config.temperature = req.temperature;
  if (req.topP !== undefined) config.topP = req.topP;
  if (req.stop.length > 0) config.stopSequences = req.stop;
  if (req.n !== undefined && req.n !== 1) config.candidateCount = req.n;
  const format = req.responseFormat;
  if (format.type !== 'text') config.responseMimeType = 'application/json';
  // responseJsonSchema takes full JSON Schema; responseSchema would need the OpenAPI subset
  if (format.type === 'json_schema') config.responseJsonSchema = format.schema;
  return config;
}


export function encode(req: ChatRequest, vendorModel: string): OutboundRequest {
  rejectLogprobs(req);
  rejectVendorTools(req, 'gemini');
  const body: JsonObject = { contents: contentsOut(req.messages) };
  const system = req.system.filter((s) => s !== '').map((text): JsonObject => ({ text }));
  if (system.length > 0) body.systemInstruction = { parts: system };
  toolsOut(req, body);
  const config = generationConfigOut(req);
  if (Object.keys(config).length > 0) body.generationConfig = config;
  mergePassthrough(req, body, 'gemini', 'generationConfig');
  // usage comes with every streamed chunk, so there is nothing to ask for; alt=sse selects SSE over a JSON array
  const method = req.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { path: `/v1beta/${modelResource(vendorModel)}:${method}`, headers: {}, body };
}
