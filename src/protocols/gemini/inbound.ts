// Caller → us: a Gemini GenerateContentRequest (what @google/genai's models.generateContent, generateContentStream
// and countTokens send) into the canonical ChatRequest. The reverse of outbound.ts where the two forms meet. The
// router takes the model and the streaming flag from the URL path, which is where the Gemini API puts them.
import type { ChatRequest, DocumentPart, ImagePart, Message, Part, ResponseFormat, ToolChoice, ToolDef } from '../../core/canonical.ts';
import { isObject, type JsonObject, type JsonValue } from '../../core/json.ts';
import {
  COUNT_KEYS,
  MAPPED_CONFIG,
  REQUEST_KEYS,
  camelHint,
  checked,
  invalid,
  knownKeys,
  requestSchema,
  unsupported,
  type Path,
  type WireBlob,
  type WireContent,
  type WireFileData,
  type WireFunctionDeclaration,
  type WireFunctionResponse,
  type WireGenerationConfig,
  type WirePart,
  type WireRequest,
  type WireSchema,
  type WireToolConfig,
  type WireTool,
} from './inbound-schema.ts';

type ToolResult = Extract<Part, { type: 'tool_result' }>;
type Media = ImagePart | DocumentPart;
/** a function call of the model turn before a user turn, which that turn's function responses answer */
interface OpenCall {
  id: string;
  name: string;
  answered: boolean;
}

export function parseGenerateContent(body: unknown, model: string, stream: boolean): ChatRequest {
  return translate(readRequest(body, []), model, stream, []);
}

/** The :countTokens body: `{ contents }`, or the whole request as `{ generateContentRequest }` (what count.ts sends). */
export function parseCountTokens(body: unknown, model: string): ChatRequest {
  if (!isObject(body)) throw invalid([], 'the request body must be a JSON object');
  knownKeys(body, COUNT_KEYS, []);
  if (body.generateContentRequest == null) return translate(readRequest({ contents: body.contents }, []), model, false, []);
  if (body.contents != null) throw invalid(['contents'], 'send contents or generateContentRequest, not both');
  const at = ['generateContentRequest'];
  return translate(readRequest(body.generateContentRequest, at), model, false, at);
}

function readRequest(body: unknown, at: Path): WireRequest {
  if (!isObject(body)) throw invalid(at, at.length === 0 ? 'the request body must be a JSON object' : 'must be a JSON object');
  knownKeys(body, REQUEST_KEYS, at);
  return checked(requestSchema, body, at);
}

function translate(b: WireRequest, model: string, stream: boolean, at: Path): ChatRequest {
  // Airlock keeps no state, and cannot read what the vendor keeps: a cache's contents would reach the model uninspected
  if (b.cachedContent != null) throw unsupported([...at, 'cachedContent'], 'cached content is stored at the vendor, out of Airlock\'s sight: send the whole conversation');
  if (b.continuationToken != null) throw unsupported([...at, 'continuationToken'], 'continuing a generation from vendor state is not supported');
  const tools = toolsOf(b.tools, at);
  const config = b.generationConfig ?? {};
  return {
    model,
    system: systemOf(b.systemInstruction, [...at, 'systemInstruction']),
    messages: messagesOf(b.contents, [...at, 'contents']),
    tools,
    toolChoice: toolChoiceOf(b.toolConfig, tools, [...at, 'toolConfig', 'functionCallingConfig']),
    ...sampling(config, [...at, 'generationConfig']),
    stop: config.stopSequences ?? [],
    responseFormat: formatOf(config, [...at, 'generationConfig']),
    stream,
    // every chunk of a Gemini stream carries usageMetadata
    includeUsage: stream,
    passthrough: { protocol: 'gemini', fields: passthroughOf(b, config) },
  };
}

// ---- contents ----

function messagesOf(contents: WireContent[], at: Path): Message[] {
  const messages: Message[] = [];
  let calls: OpenCall[] = [];
  let modelBefore = false;
  contents.forEach((c, i) => {
    const where = [...at, i];
    if (c.role === 'model') {
      // consecutive model contents are one turn, whose calls the next user turn answers
      const continuing = modelBefore;
      if (!continuing) calls = [];
      modelBefore = true;
      const parts = modelParts(c.parts, where, calls);
      const last = messages.at(-1);
      if (parts.length === 0) return;
      if (continuing && last?.role === 'assistant') appendTurn(last, parts);
      else messages.push({ role: 'assistant', parts });
    } else {
      modelBefore = false;
      messages.push(...userMessages(c.parts, where, calls));
    }
  });
  if (messages.length === 0) throw invalid(at, 'no content to send: every part is empty or a thought');
  return messages;
}

/**
 * @google/genai's chats keep a streamed answer as one model content per chunk, each holding a piece of the text: one
 * turn, whose pieces join back into the text the model wrote (a vendor of another protocol would otherwise get one
 * assistant message per chunk).
 */
function appendTurn(turn: Message, parts: Part[]): void {
  for (const p of parts) {
    const last = turn.parts.at(-1);
    if (p.type === 'text' && last?.type === 'text') last.text += p.text;
    else turn.parts.push(p);
  }
}

function modelParts(parts: WirePart[], at: Path, calls: OpenCall[]): Part[] {
  const out: Part[] = [];
  parts.forEach((p, j) => {
    const where = [...at, 'parts', j];
    switch (kindOf(p, where)) {
      case 'text':
        // a thought summary is the model's, and the signature that would let Gemini read it back is dropped too
        if (p.thought !== true && p.text != null && p.text !== '') out.push({ type: 'text', text: p.text });
        return;
      case 'functionCall': {
        const call = p.functionCall;
        if (call == null) return;
        // Gemini before 3 sends calls without ids; a stable one lets the answering functionResponse refer to it
        const id = call.id ?? `call_${String(at.at(-1))}_${j}`;
        calls.push({ id, name: call.name, answered: false });
        out.push({ type: 'tool_call', id, name: call.name, arguments: JSON.stringify(call.args ?? {}) });
        return;
      }
      case 'functionResponse':
        throw invalid([...where, 'functionResponse'], 'a functionResponse belongs in a user turn');
      case 'inlineData':
      case 'fileData':
        // Airlock's own answers hold no media, so a vendor's generated image has no canonical turn to return to
        throw unsupported(where, 'media in a model turn is not supported');
      case null:
        return;
    }
  });
  return out;
}

/**
 * A user turn's function responses become one tool message placed before the rest of the turn, as anthropic/inbound.ts
 * does with tool_result blocks. Media right after a function response is that tool's output (outbound.ts sends it so);
 * text ends the run, and media after it is the user's own.
 */
function userMessages(parts: WirePart[], at: Path, calls: OpenCall[]): Message[] {
  const results: ToolResult[] = [];
  const rest: Part[] = [];
  let last: ToolResult | null = null;
  parts.forEach((p, j) => {
    const where = [...at, 'parts', j];
    const kind = kindOf(p, where);
    if (kind === 'text' && p.text != null && p.text !== '') {
      // a thought in a user turn is the caller's text, whatever the flag says: it is kept, and inspected
      rest.push({ type: 'text', text: p.text });
      last = null;
    } else if (kind === 'inlineData' || kind === 'fileData') {
      const media = kind === 'inlineData' ? inlineMedia(p.inlineData, [...where, 'inlineData']) : fileMedia(p.fileData, [...where, 'fileData']);
      if (last === null) rest.push(media);
      else attach(last, media);
    } else if (kind === 'functionCall') {
      throw invalid([...where, 'functionCall'], 'a functionCall belongs in a model turn');
    } else if (kind === 'functionResponse' && p.functionResponse != null) {
      last = resultOf(p.functionResponse, calls, [...where, 'functionResponse']);
      results.push(last);
    }
  });
  const out: Message[] = [];
  if (results.length > 0) out.push({ role: 'tool', parts: results });
  if (rest.length > 0) out.push({ role: 'user', parts: rest });
  return out;
}

const DATA_KEYS = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'] as const;
type DataKey = (typeof DATA_KEYS)[number];
const DATA: ReadonlySet<string> = new Set(DATA_KEYS);
// The model's bookkeeping (thought, its signature), the caller's own tags, and a tokenization hint: nothing the model
// reads as content, so nothing is lost for a vendor of another protocol.
const IGNORED: ReadonlySet<string> = new Set(['thought', 'thoughtSignature', 'partMetadata', 'mediaResolution']);
const KNOWN: ReadonlySet<string> = new Set([...DATA, ...IGNORED]);

/** A part's one kind of data (the API's `data` oneof), or null for a part that carries only a thought signature. */
function kindOf(part: WirePart, at: Path): DataKey | null {
  let found: DataKey | null = null;
  for (const [key, value] of Object.entries(part)) {
    if (value == null || IGNORED.has(key)) continue;
    if (!isDataKey(key)) {
      const hint = camelHint(key, KNOWN);
      if (hint !== '') throw invalid([...at, key], `unknown field${hint}`);
      // executableCode, codeExecutionResult, toolCall, toolResponse, videoMetadata, …: no canonical form
      throw unsupported([...at, key], `a '${key}' part is not supported`);
    }
    if (found !== null) throw invalid([...at, key], `a part holds one kind of data, and this one also has '${found}'`);
    found = key;
  }
  if (found === null && part.thoughtSignature == null && part.thought == null) {
    throw invalid(at, 'a part needs one of text, inlineData, fileData, functionCall or functionResponse');
  }
  return found;
}

function isDataKey(key: string): key is DataKey {
  return DATA.has(key);
}

// ---- media ----

// fileData may leave out the MIME type; the image formats Gemini reads, as outbound.ts knows them
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'webp', 'heic', 'heif', 'gif']);
const NOT_INLINE = 'send it as inlineData, so Airlock can read it';

function inlineMedia(blob: WireBlob | null | undefined, at: Path): Media {
  if (blob == null) throw invalid(at, 'missing');
  const mime = blob.mimeType.toLowerCase();
  if (mime.startsWith('image/')) return { type: 'image', url: `data:${blob.mimeType};base64,${blob.data}`, mediaType: blob.mimeType };
  if (mime === 'application/pdf') return { type: 'document', mediaType: 'application/pdf', data: blob.data };
  throw unsupported([...at, 'mimeType'], 'only images and PDFs are supported as inline data');
}

/** Only an image by http(s) URL: Airlock reads every document it sends, and fetches nothing itself. */
function fileMedia(file: WireFileData | null | undefined, at: Path): ImagePart {
  if (file == null) throw invalid(at, 'missing');
  const where = [...at, 'fileUri'];
  let url: URL;
  try {
    url = new URL(file.fileUri);
  } catch {
    throw invalid(where, 'not a URI');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw unsupported(where, `a file stored with a vendor (gs://, …) is out of Airlock's sight: ${NOT_INLINE}`);
  if (url.hostname === 'generativelanguage.googleapis.com') throw unsupported(where, `a Files API file is stored with the vendor, out of Airlock's sight: ${NOT_INLINE}`);
  const ext = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  const image = file.mimeType == null ? ext !== undefined && IMAGE_EXTENSIONS.has(ext) : file.mimeType.toLowerCase().startsWith('image/');
  if (!image) throw unsupported(where, `only images may be sent by URL: a document by URL would be fetched by the vendor, unread by Airlock; ${NOT_INLINE}`);
  return file.mimeType == null ? { type: 'image', url: file.fileUri } : { type: 'image', url: file.fileUri, mediaType: file.mimeType };
}

function attach(result: ToolResult, media: Media): void {
  if (media.type === 'image') (result.images ??= []).push(media);
  else (result.documents ??= []).push(media);
}

// ---- function responses ----

/** Answers a call of the preceding model turn: the one with its id, else the earliest unanswered one of its name. */
function resultOf(fr: WireFunctionResponse, calls: OpenCall[], at: Path): ToolResult {
  const call = calls.find((c) => !c.answered && (fr.id == null ? c.name === fr.name : c.id === fr.id));
  if (call === undefined) throw invalid([...at, fr.id == null ? 'name' : 'id'], 'answers no unanswered functionCall of the preceding model turn');
  if (call.name !== fr.name) throw invalid([...at, 'name'], 'differs from the name of the functionCall with this id');
  call.answered = true;
  const part: ToolResult = { type: 'tool_result', toolCallId: call.id, ...resultContent(fr.response) };
  (fr.parts ?? []).forEach((m, k) => {
    const where = [...at, 'parts', k];
    if (m.inlineData != null) attach(part, inlineMedia(m.inlineData, [...where, 'inlineData']));
    else if (m.fileData != null) attach(part, fileMedia(m.fileData, [...where, 'fileData']));
    else throw invalid(where, 'a function response part needs inlineData or fileData');
  });
  return part;
}

/**
 * The API documents `output` and `error` as the keys of a response, and reads any other object as the output whole
 * (https://ai.google.dev/api/caching#FunctionResponse). The inverse of outbound.ts's resultOut.
 */
function resultContent(response: JsonObject | null | undefined): { content: string; isError: boolean } {
  if (response == null) return { content: '', isError: false };
  const keys = Object.keys(response);
  if (keys.length === 1 && keys[0] === 'output') return { content: textOf(response.output), isError: false };
  if (keys.length === 1 && keys[0] === 'error') return { content: textOf(response.error), isError: true };
  return { content: JSON.stringify(response), isError: response.error != null };
}

function textOf(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

// ---- system instruction ----

function systemOf(system: WireRequest['systemInstruction'], at: Path): string[] {
  if (system == null) return [];
  return system.parts.flatMap((p, j) => {
    const where = [...at, 'parts', j];
    const kind = kindOf(p, where);
    if (kind !== null && kind !== 'text') throw unsupported([...where, kind], 'the system instruction takes text parts only');
    return p.text == null || p.text === '' ? [] : [p.text];
  });
}

// ---- tools ----

function toolsOf(tools: WireTool[] | null | undefined, at: Path): ToolDef[] {
  const defs: ToolDef[] = [];
  (tools ?? []).forEach((tool, i) => {
    for (const [key, value] of Object.entries(tool)) {
      if (value == null || key === 'functionDeclarations') continue;
      // googleSearch, urlContext, codeExecution, fileSearch, googleMaps, mcpServers, computerUse, …
      throw unsupported([...at, 'tools', i, key], 'only functionDeclarations are supported: a built-in tool runs at the vendor, out of Airlock\'s sight, and may send the conversation on to services the vendor register never reviewed');
    }
    (tool.functionDeclarations ?? []).forEach((f, j) => defs.push(declarationOf(f, [...at, 'tools', i, 'functionDeclarations', j])));
  });
  return defs;
}

// `behavior` (the Live API's), `response` and `responseJsonSchema` (what the function returns) have no canonical place
function declarationOf(f: WireFunctionDeclaration, at: Path): ToolDef {
  if (f.parameters != null && f.parametersJsonSchema != null) throw invalid([...at, 'parametersJsonSchema'], 'send parameters or parametersJsonSchema, not both');
  const parameters = f.parametersJsonSchema ?? (f.parameters == null ? { type: 'object', properties: {} } : toJsonSchema(f.parameters));
  return f.description == null ? { name: f.name, parameters } : { name: f.name, description: f.description, parameters };
}

/**
 * Gemini's OpenAPI-subset Schema as JSON Schema: lower-case types, `nullable` as a null type, `example` as `examples`.
 * Keys it does not name are JSON Schema's already (@google/genai copies them over from the caller's JSON Schema).
 */
export function toJsonSchema(s: WireSchema): JsonObject {
  const { type, nullable, properties, items, anyOf, example, propertyOrdering: _order, ...rest } = s;
  const out: JsonObject = {};
  if (type != null && type.toUpperCase() !== 'TYPE_UNSPECIFIED') out.type = type.toLowerCase();
  for (const [key, value] of Object.entries(rest)) if (value != null) out[key] = value;
  if (properties != null) out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJsonSchema(v)]));
  if (items != null) out.items = toJsonSchema(items);
  if (anyOf != null) out.anyOf = anyOf.map(toJsonSchema);
  if (example != null && rest.examples == null) out.examples = [example];
  if (nullable === true) admitNull(out);
  return out;
}

function admitNull(out: JsonObject): void {
  if (typeof out.type === 'string' && out.type !== 'null') out.type = [out.type, 'null'];
  else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
  // without a type or anyOf, any value (null too) is already allowed, except what an enum leaves out
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
}

/**
 * ANY with several allowedFunctionNames becomes 'required': canonical tool choice cannot name a subset. The model may
 * then call another of the caller's own declared functions, which the caller's code already handles; refusing would
 * turn away a common request for no safety gain. VALIDATED (calls held to their schemas) is closest to 'auto'.
 */
function toolChoiceOf(config: WireToolConfig | null | undefined, tools: ToolDef[], at: Path): ToolChoice {
  const fc = config?.functionCallingConfig;
  if (tools.length === 0 || fc == null) return 'auto';
  const names = fc.allowedFunctionNames ?? [];
  names.forEach((name, k) => {
    if (!tools.some((t) => t.name === name)) throw invalid([...at, 'allowedFunctionNames', k], 'names no declared function');
  });
  switch (fc.mode) {
    case 'NONE':
      return 'none';
    case 'ANY':
      return names.length === 1 && names[0] !== undefined ? { name: names[0] } : 'required';
    default:
      return 'auto';
  }
}

// ---- generation config ----

type Sampling = Pick<ChatRequest, 'maxTokens' | 'temperature' | 'topP' | 'n'>;

function sampling(g: WireGenerationConfig, at: Path): Sampling {
  // log probabilities have nowhere to go in the canonical answer
  if (g.responseLogprobs === true) throw unsupported([...at, 'responseLogprobs'], 'log probabilities are not supported');
  if (g.logprobs != null) throw unsupported([...at, 'logprobs'], 'log probabilities are not supported');
  const out: Sampling = {};
  if (g.maxOutputTokens != null) out.maxTokens = g.maxOutputTokens;
  if (g.temperature != null) out.temperature = g.temperature;
  if (g.topP != null) out.topP = g.topP;
  if (g.candidateCount != null) out.n = g.candidateCount;
  return out;
}

/** strict stays false: OpenAI's strict mode would refuse most schemas written for Gemini (optional properties). */
function formatOf(g: WireGenerationConfig, at: Path): ResponseFormat {
  if (g.responseSchema != null && g.responseJsonSchema != null) throw invalid([...at, 'responseJsonSchema'], 'send responseSchema or responseJsonSchema, not both');
  const schema = g.responseJsonSchema ?? (g.responseSchema == null ? null : toJsonSchema(g.responseSchema));
  const mime = (g.responseMimeType ?? '').toLowerCase();
  if (mime === 'application/json') return schema === null ? { type: 'json' } : { type: 'json_schema', name: 'response', schema, strict: false };
  if (mime !== '' && mime !== 'text/plain') throw unsupported([...at, 'responseMimeType'], 'only text/plain and application/json responses are supported');
  if (schema !== null) throw invalid([...at, 'responseMimeType'], 'a response schema needs responseMimeType application/json');
  return { type: 'text' };
}

/**
 * What only a Gemini-protocol vendor understands. `store` is not among it: Airlock does not ask vendors to log what
 * passes through it, so the vendor's own default applies.
 */
function passthroughOf(b: WireRequest, config: WireGenerationConfig): JsonObject {
  const fields: JsonObject = {};
  if (b.safetySettings != null) fields.safetySettings = b.safetySettings;
  if (b.labels != null) fields.labels = b.labels;
  if (b.serviceTier != null) fields.serviceTier = b.serviceTier;
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(config)) if (!MAPPED_CONFIG.has(key) && value != null) rest[key] = value;
  if (Object.keys(rest).length > 0) fields.generationConfig = rest;
  return fields;
}
