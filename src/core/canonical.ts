// The one canonical form every wire format translates to and from: 3 inbound + 3 outbound codecs instead of N×M pairs.
import type { JsonObject } from './json.ts';
import type { AirlockError } from './errors.ts';

export type Protocol = 'openai' | 'anthropic' | 'gemini';

/**
 * A prompt-cache breakpoint as the caller set it: Anthropic's `cache_control` object, kept whole (its `ttl` and
 * whatever the API adds) and re-emitted only to Anthropic-protocol vendors. Other vendors cache prefixes on their own.
 */
export type CacheControl = JsonObject;

export type ImagePart = { type: 'image'; url: string; mediaType?: string; cache?: CacheControl };

/**
 * A PDF the caller attached, inline (base64, no `data:` prefix). `text` and `pages` are what the read stage found in
 * it (pipeline/documents.ts): inspected like any text and counted in estimates, but never sent, and never rewritten,
 * since a PDF cannot be edited the way a string can. `title` is Anthropic's; other encoders use it as the file name
 * when the caller gave none.
 */
export type DocumentPart = { type: 'document'; mediaType: 'application/pdf'; data: string; filename?: string; title?: string; text?: string; pages?: number; cache?: CacheControl };

export type Part =
  | { type: 'text'; text: string; cache?: CacheControl }
  | ImagePart
  | DocumentPart
  /** arguments: JSON text, byte-exact as the model produced it */
  | { type: 'tool_call'; id: string; name: string; arguments: string; cache?: CacheControl }
  /**
   * images and documents: what a tool returned besides text (a screenshot, an image or a PDF file it read), after the
   * text, images first
   */
  | { type: 'tool_result'; toolCallId: string; content: string; isError: boolean; images?: ImagePart[]; documents?: DocumentPart[]; cache?: CacheControl }
  /**
   * A model's own reasoning as Anthropic returns it (a thinking block and its signature, or a redacted_thinking
   * block's opaque data). It goes back only to Anthropic-protocol vendors, byte for byte: the signature covers it,
   * and with thinking on, a tool-use turn must be sent back with it. Inspected like any text but never rewritten (see
   * text-slots.ts).
   */
  | { type: 'reasoning'; text: string; signature: string; redactedData?: string; cache?: CacheControl };

export interface Message {
  role: 'user' | 'assistant' | 'tool';
  parts: Part[];
}

export interface ToolDef {
  name: string;
  description?: string;
  /** JSON Schema of the arguments */
  parameters: JsonObject;
  /** OpenAI's strict schema adherence for the arguments, as the caller set it; only OpenAI-protocol vendors read it */
  strict?: boolean;
  cache?: CacheControl;
  /**
   * A tool the vendor defines and the caller runs (Anthropic's computer, text editor, bash, memory tools): its
   * definition as the caller sent it, re-emitted only to a vendor of that protocol, whose model knows its schema.
   */
  vendorDefined?: { protocol: Protocol; definition: JsonObject };
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json_schema'; name: string; schema: JsonObject; strict: boolean; description?: string };

export interface ChatRequest {
  /** the logical model name the caller asked for */
  model: string;
  system: string[];
  /** cache breakpoints on system entries, by the entry's index (absent: none) */
  systemCache?: (CacheControl | null)[];
  messages: Message[];
  tools: ToolDef[];
  toolChoice: ToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop: string[];
  /** number of choices; only OpenAI-protocol vendors support more than 1 */
  n?: number;
  responseFormat: ResponseFormat;
  stream: boolean;
  /** the caller asked for a usage chunk/event in the stream */
  includeUsage: boolean;
  /** unknown fields, and the caller's protocol headers its codec forwards (anthropic-beta), re-emitted only to a vendor of the same protocol */
  passthrough: { protocol: Protocol; fields: JsonObject; headers?: Record<string, string> };
}

/** Unknown is not zero: a vendor that reports nothing yields `usage: null`, a local count yields `reported: false`. */
export interface Usage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reported: boolean;
}

export type Finish = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface Choice {
  index: number;
  parts: Part[];
  finish: Finish;
  /** the stop sequence that ended generation, when the vendor says which */
  stopSequence?: string;
}

export interface ChatResponse {
  id: string;
  /** the vendor's model id */
  model: string;
  choices: Choice[];
  usage: Usage | null;
}

/**
 * Stream events, in order: start, then text / tool_call / tool_args interleaved, then finish (per choice),
 * then usage (if the vendor reports it). `choice` defaults to 0. For tool events `index` is the tool call's
 * ordinal within its choice (0, 1, …), not a vendor content-block index.
 */
export type StreamEvent =
  | { type: 'start'; id: string; model: string; usage?: Usage }
  | { type: 'text'; choice?: number; text: string }
  | { type: 'tool_call'; choice?: number; index: number; id: string; name: string }
  | { type: 'tool_args'; choice?: number; index: number; delta: string }
  /** reasoning as it streams: text deltas, then the signature that ends the block; or a redacted block whole */
  | { type: 'reasoning'; choice?: number; text?: string; signature?: string; redactedData?: string }
  | { type: 'finish'; choice?: number; finish: Finish; stopSequence?: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'error'; error: AirlockError };

export interface EmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
  encodingFormat?: 'float' | 'base64';
  passthrough: { protocol: Protocol; fields: JsonObject };
}

export interface EmbeddingsResponse {
  model: string;
  vectors: number[][];
  usage: Usage | null;
}

/** One server-sent event as framed on the wire (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}
