// The contract between the HTTP server (routing, auth order, faults, pacing) and each protocol's wire file
// (what the vendor's bytes look like). Protocol files build answers; only server.ts writes to sockets.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type SimProtocol = 'openai' | 'anthropic' | 'gemini';

/** A complete non-streamed answer; the body is already serialized, byte for byte as the vendor sends it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One SSE event as it goes on the wire. `content` frames carry reply text or tool arguments (truncation counts
 * them); `end` frames finish the answer (finish reason, usage, [DONE]) and are never sent by a truncated stream.
 */
export interface Frame {
  kind: 'meta' | 'content' | 'end';
  data: string;
}

export interface Streamed {
  status: 200;
  headers: Record<string, string>;
  frames: Frame[];
}

export interface Route {
  op: 'chat' | 'embed' | 'embed-batch' | 'models' | 'count';
  /** the requested model (body field, or the path segment for Gemini) — scripting reads it */
  model: string | undefined;
  stream: boolean;
  /** Gemini's streamGenerateContent without alt=sse answers one JSON array instead of SSE */
  jsonArray?: boolean;
}

export interface ReplyOptions {
  streamChunks: number;
  parallel: number;
  /** answer like an OpenAI-compatible server that reports no usage (some local model servers) */
  noUsage?: boolean;
  /** prompt prefixes this simulator has cached (Anthropic's cache_control), for as long as it runs */
  promptCache?: Set<string>;
}

export interface Wire {
  route(method: string, url: URL, body: unknown): Route | null;
  /** Authentication and mandatory headers, checked before any fault script, as the vendor's edge does. */
  gate(headers: IncomingHttpHeaders, url: URL, apiKey: string | undefined): Answer | null;
  notFound(method: string, url: URL): Answer;
  malformed(): Answer;
  /** A scripted or random failure with this status, in the vendor's shape. */
  failure(status: number, retryAfterS: number | undefined, model: string | undefined): Answer;
  /** The retryable status the vendor uses when it is overloaded (failRate). */
  overloaded(random: () => number): number;
  /** Validate and answer; a validation failure comes back as a 400 Answer. */
  answer(route: Route, body: unknown, opts: ReplyOptions): Answer | Streamed;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Vendor-looking random ids (`chatcmpl-…`, `msg_01…`, `req_…`). */
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += ALNUM[b % ALNUM.length] ?? 'x';
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function json(status: number, headers: Record<string, string>, body: unknown): Answer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** `retry-after` in seconds as given (Stainless SDKs parse fractions), for statuses that carry one. */
export function retryHeaders(retryAfterS: number | undefined, withMs: boolean): Record<string, string> {
  if (retryAfterS === undefined) return {};
  const headers: Record<string, string> = { 'retry-after': String(retryAfterS) };
  if (withMs) headers['retry-after-ms'] = String(Math.round(retryAfterS * 1000));
  return headers;
}
