// The codec contract. Every function here is pure: no I/O, no config, no clock, no logger. Ids and times come in
// through `ResponseMeta`; base URLs, timeouts and SSE byte framing live in vendors/.
import type {
  ChatRequest,
  ChatResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
  SseEvent,
  StreamEvent,
} from '../core/canonical.ts';
import type { AirlockError, ErrorCode } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';

export interface OutboundRequest {
  /** appended to the vendor's base_url, including any query string */
  path: string;
  headers: Record<string, string>;
  body: JsonObject;
}

/** A vendor failure, normalized once. */
export interface UpstreamFailure {
  status: number;
  code: ErrorCode;
  message: string;
  /** worth trying again (same target after backoff, or the next target) */
  retryable: boolean;
  retryAfterMs?: number;
  /** the request field at fault, for failures that are the request's */
  param?: string;
  /**
   * The vendor had the whole request and may have processed it (a timeout after sending it, an answer cut off or
   * unreadable): vendors bill such calls, so Airlock charges an estimate for them.
   */
  billable?: true;
}

/** A stream decoder is a closure per stream; `'end'` flushes buffered state. */
export type StreamDecoder = (ev: SseEvent | 'end') => StreamEvent[];
export type StreamEncoder = (ev: StreamEvent | 'end') => SseEvent[];

/** We → vendor. */
export interface Outbound {
  /** HTTP headers that carry the vendor key */
  authHeaders(apiKey: string): Record<string, string>;
  /**
   * `vendorModel` is the target's model id. Throws AirlockError('unsupported_parameter', { param }) for a request
   * the protocol cannot express (e.g. `n > 1` on Anthropic). A streamed request to a vendor that can report stream
   * usage always asks for it, whatever the caller asked.
   */
  encode(req: ChatRequest, vendorModel: string): OutboundRequest;
  /** throws AirlockError('upstream_malformed') */
  decode(body: unknown): ChatResponse;
  decodeError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): UpstreamFailure;
  streamDecoder(): StreamDecoder;
  /** absent when the protocol has no embeddings endpoint */
  embeddings?: {
    encode(req: EmbeddingsRequest, vendorModel: string): OutboundRequest;
    decode(body: unknown): EmbeddingsResponse;
  };
  /** the vendor's own input-token count for a chat request; absent when the protocol has no count endpoint */
  countTokens?: {
    encode(req: ChatRequest, vendorModel: string): OutboundRequest;
    /** throws AirlockError('upstream_malformed') */
    decode(body: unknown): number;
  };
}

export interface ResponseMeta {
  /** the id Airlock gives the answer (e.g. chatcmpl-… or msg_…) */
  id: string;
  /** the model name echoed to the caller: the logical model it asked for */
  model: string;
  /** unix seconds */
  created: number;
  /** the caller asked for usage in the stream */
  includeUsage: boolean;
}

/** Caller → us. */
export interface Inbound {
  /** throws AirlockError('invalid_request', { param }) naming the offending field */
  parse(body: unknown): ChatRequest;
  render(res: ChatResponse, meta: ResponseMeta): JsonObject;
  streamEncoder(meta: ResponseMeta): StreamEncoder;
  renderError(err: AirlockError, requestId: string): { status: number; body: JsonObject };
  /** the stream event that reports an error after the first byte went out */
  streamError(err: AirlockError, requestId: string): SseEvent[];
  /** request headers of this protocol that reach a vendor of the same protocol (in `passthrough.headers`) */
  forwardHeaders?: readonly string[];
}

export interface ProtocolCodec {
  inbound?: Inbound;
  outbound: Outbound;
}

/** OpenAI's `POST /v1/embeddings`, the only embeddings wire format Airlock accepts. */
export interface EmbeddingsInbound {
  parse(body: unknown): EmbeddingsRequest;
  /** base64: little-endian float32, which the openai SDK asks for by default and decodes */
  render(res: EmbeddingsResponse, meta: { model: string; encodingFormat?: 'float' | 'base64' }): JsonObject;
}
