// Every piece of text in a request that would leave the gateway, visited in one fixed order so inspection
// (forEachText) and transformation (mapTexts) line up slot by slot. Tool arguments and schemas are JSON text:
// placeholders are JSON-safe, so replacing inside them keeps the JSON valid.
import type { ChatRequest, DocumentPart, EmbeddingsRequest, ImagePart, Message, Part, ToolDef } from '../core/canonical.ts';
import { AirlockError } from '../core/errors.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';

export type SlotKind = 'text' | 'json';
export type TextMapper = (text: string, kind: SlotKind) => string;

function mapPart(part: Part, fn: TextMapper): Part {
  switch (part.type) {
    case 'text':
      return { ...part, text: fn(part.text, 'text') };
    case 'tool_call':
      return { ...part, arguments: fn(part.arguments, 'json') };
    case 'tool_result': {
      const content = fn(part.content, 'text');
      for (const d of part.documents ?? []) inspectOnly(d, fn);
      return { ...part, content };
    }
    case 'image':
      return part;
    case 'reasoning':
      if (part.text === '') return part;
      // inspected like any text (a caller could put anything in a block it calls thinking), but never rewritten: the
      // vendor's signature covers it, so a finding the policy would change blocks the request for that vendor instead
      if (fn(part.text, 'text') !== part.text) {
        throw new AirlockError('policy_blocked', 'request blocked: a thinking block holds data the policy would rewrite for this vendor, and a signed thinking block cannot be changed');
      }
      return part;
    case 'document':
      inspectOnly(part, fn);
      return part;
  }
}

/** A PDF's text as read (pipeline/documents.ts): inspected, but the PDF goes as it came or not at all. */
function inspectOnly(doc: DocumentPart, fn: TextMapper): void {
  if (doc.text === undefined || doc.text === '') return;
  if (fn(doc.text, 'text') !== doc.text) {
    throw new AirlockError('policy_blocked', 'request blocked: a PDF document holds data the policy would redact or pseudonymize for this vendor, and Airlock cannot rewrite a PDF');
  }
}

/** Every PDF of the request, in message order (a tool result's after its text). */
export function documentsOf(messages: Message[]): DocumentPart[] {
  const out: DocumentPart[] = [];
  for (const m of messages) {
    for (const p of m.parts) {
      if (p.type === 'document') out.push(p);
      else if (p.type === 'tool_result' && p.documents !== undefined) out.push(...p.documents);
    }
  }
  return out;
}

function mapTool(tool: ToolDef, fn: TextMapper): ToolDef {
  const out: ToolDef = { ...tool };
  if (tool.description !== undefined) out.description = fn(tool.description, 'text');
  const schema = JSON.stringify(tool.parameters);
  const mapped = fn(schema, 'json');
  if (mapped !== schema) out.parameters = JSON.parse(mapped) as JsonObject;
  return out;
}

/**
 * Every string inside the fields that ride, untranslated, to a vendor of the caller's protocol (`user`, `prediction`,
 * `metadata.user_id`, …): they leave the gateway too. Keys in insertion order, so visiting and mapping agree.
 */
function visitJson(value: JsonValue, fn: (text: string, kind: SlotKind) => void): void {
  if (typeof value === 'string') fn(value, 'text');
  else if (Array.isArray(value)) for (const v of value) visitJson(v, fn);
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) visitJson(value[k] as JsonValue, fn);
}

function mapJson(value: JsonValue, fn: TextMapper): JsonValue {
  if (typeof value === 'string') return fn(value, 'text');
  if (Array.isArray(value)) return value.map((v) => mapJson(v, fn));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const k of Object.keys(value)) out[k] = mapJson(value[k] as JsonValue, fn);
  return out;
}

function mapPassthrough<P extends { fields: JsonObject }>(passthrough: P, fn: TextMapper): P {
  return Object.keys(passthrough.fields).length === 0 ? passthrough : { ...passthrough, fields: mapJson(passthrough.fields, fn) as JsonObject };
}

// A web address the vendor is given to fetch an image from: its query or path can carry data. Inline (data:) images
// are pixels, not text, and are not read.
const WEB_URL = /^https?:\/\//i;

/** Each image's web address, in message order (tool results' images with their result). */
function visitImageUrls(messages: Message[], fn: (text: string, kind: SlotKind) => void): void {
  for (const m of messages) {
    for (const p of m.parts) {
      if (p.type === 'image' && WEB_URL.test(p.url)) fn(p.url, 'text');
      else if (p.type === 'tool_result' && p.images !== undefined) for (const i of p.images) if (WEB_URL.test(i.url)) fn(i.url, 'text');
    }
  }
}

function mapImage(image: ImagePart, fn: TextMapper): ImagePart {
  if (!WEB_URL.test(image.url)) return image;
  const url = fn(image.url, 'text');
  return url === image.url ? image : { ...image, url };
}

/** The same addresses through `fn`, copying only the parts that hold one. */
function mapImageUrls(messages: Message[], fn: TextMapper): Message[] {
  return messages.map((m): Message => {
    if (!m.parts.some((p) => p.type === 'image' || (p.type === 'tool_result' && p.images !== undefined))) return m;
    const parts = m.parts.map((p): Part => {
      if (p.type === 'image') return mapImage(p, fn);
      if (p.type === 'tool_result' && p.images !== undefined) return { ...p, images: p.images.map((i) => mapImage(i, fn)) };
      return p;
    });
    return { ...m, parts };
  });
}

/** A copy of the request with every outgoing text passed through `fn`, in visitOutgoing's slot order. */
export function mapTexts(req: ChatRequest, fn: TextMapper): ChatRequest {
  const system = req.system.map((s) => fn(s, 'text'));
  const messages = req.messages.map((m): Message => ({ ...m, parts: m.parts.map((p) => mapPart(p, fn)) }));
  const tools = req.tools.map((t) => mapTool(t, fn));
  return { ...req, system, messages: mapImageUrls(messages, fn), tools, passthrough: mapPassthrough(req.passthrough, fn) };
}

export function mapEmbeddingTexts(req: EmbeddingsRequest, fn: TextMapper): EmbeddingsRequest {
  return { ...req, input: req.input.map((s) => fn(s, 'text')), passthrough: mapPassthrough(req.passthrough, fn) };
}

/** Every text that leaves with the request, in mapTexts' slot order: the prompt, image addresses, passthrough fields. */
export function visitOutgoing(req: ChatRequest, fn: (text: string, kind: SlotKind) => void): void {
  visitTexts(req, fn);
  visitImageUrls(req.messages, fn);
  visitJson(req.passthrough.fields, fn);
}

/** The prompt's texts, in the order of mapTexts' first slots (what local token counts read). */
export function visitTexts(req: ChatRequest, fn: (text: string, kind: SlotKind) => void): void {
  for (const s of req.system) fn(s, 'text');
  for (const m of req.messages) {
    for (const p of m.parts) {
      if (p.type === 'text') fn(p.text, 'text');
      else if (p.type === 'tool_call') fn(p.arguments, 'json');
      else if (p.type === 'tool_result') {
        fn(p.content, 'text');
        for (const d of p.documents ?? []) if (documentText(d) !== '') fn(documentText(d), 'text');
      } else if (p.type === 'reasoning' && p.text !== '') fn(p.text, 'text');
      else if (p.type === 'document' && documentText(p) !== '') fn(documentText(p), 'text');
    }
  }
  for (const t of req.tools) {
    if (t.description !== undefined) fn(t.description, 'text');
    fn(JSON.stringify(t.parameters), 'json');
  }
}

/**
 * A document's text as read before inspection. A document that reached inspection unread would go out unseen: that is
 * a bug in the pipeline, and the request fails rather than send it.
 */
function documentText(doc: DocumentPart): string {
  if (doc.text === undefined) throw new AirlockError('internal', 'a PDF document reached inspection without being read');
  return doc.text;
}

export function visitEmbeddingTexts(req: EmbeddingsRequest, fn: (text: string, kind: SlotKind) => void): void {
  for (const s of req.input) fn(s, 'text');
  visitJson(req.passthrough.fields, fn);
}
