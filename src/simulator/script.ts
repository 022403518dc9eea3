// Fault scripting: what goes wrong with one request. The gateway forwards no test headers, so a test scripts a
// vendor through the model id it configures (`gpt-fail-429-retry-after-1`); direct callers may use x-sim-*
// headers; the enqueue() queue and the seeded failRate cover the rest.
import type { IncomingHttpHeaders } from 'node:http';

export interface Fault {
  status?: number;
  retryAfterS?: number;
  latencyMs?: number;
  /** destroy the socket before any byte */
  reset?: boolean;
  /** never answer */
  hang?: boolean;
  /** stream: cut the connection after N content chunks, no terminal event */
  truncateAfterChunks?: number;
  chunkDelayMs?: number;
}

/** What the model id asks for: a fault plus reply shaping (parallel tool calls). */
export interface ModelScript {
  fault: Fault;
  parallel: number;
  noUsage: boolean;
}

// Tokens sit between separators (or the ends) of the model id, so `gemini-2.0-flash` never reads as a token.
const EDGE = '(?:^|[-_/.:])';
const END = '(?=$|[-_/.:])';
const num = (name: string, value = '(\\d+)'): RegExp => new RegExp(`${EDGE}${name}-${value}${END}`, 'i');
const flag = (name: string): RegExp => new RegExp(`${EDGE}${name}${END}`, 'i');

const TOKENS = {
  fail: num('fail', '(\\d{3})'),
  retryAfter: num('retry-after', '(\\d+(?:\\.\\d+)?)'),
  latency: num('latency'),
  chunkDelay: num('chunk-delay'),
  truncate: num('truncate'),
  parallel: num('parallel'),
  hang: flag('hang'),
  noUsage: flag('no-usage'),
  reset: flag('reset'),
};

function match(model: string, re: RegExp): number | undefined {
  const m = re.exec(model);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

export function scriptFromModel(model: string | undefined): ModelScript {
  if (model === undefined) return { fault: {}, parallel: 1, noUsage: false };
  const fault: Fault = {};
  const status = match(model, TOKENS.fail);
  const retryAfterS = match(model, TOKENS.retryAfter);
  const latencyMs = match(model, TOKENS.latency);
  const chunkDelayMs = match(model, TOKENS.chunkDelay);
  const truncate = match(model, TOKENS.truncate);
  if (status !== undefined) fault.status = status;
  if (retryAfterS !== undefined) fault.retryAfterS = retryAfterS;
  if (latencyMs !== undefined) fault.latencyMs = latencyMs;
  if (chunkDelayMs !== undefined) fault.chunkDelayMs = chunkDelayMs;
  if (truncate !== undefined) fault.truncateAfterChunks = truncate;
  if (TOKENS.hang.test(model)) fault.hang = true;
  if (TOKENS.reset.test(model)) fault.reset = true;
  return { fault, parallel: match(model, TOKENS.parallel) ?? 1, noUsage: TOKENS.noUsage.test(model) };
}

function header(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function faultFromHeaders(headers: IncomingHttpHeaders): Fault {
  const fault: Fault = {};
  const status = header(headers, 'x-sim-fail');
  const latencyMs = header(headers, 'x-sim-latency-ms');
  if (status !== undefined) fault.status = status;
  if (latencyMs !== undefined) fault.latencyMs = latencyMs;
  return fault;
}

/** mulberry32: a tiny seeded PRNG, so a failRate run is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Precedence: an enqueued fault is the whole script for its request (so `enqueue({})` forces a clean answer);
 * otherwise model tokens beat headers, which beat the random failRate, field by field.
 */
export function resolveFault(enqueued: Fault | undefined, model: Fault, headers: Fault, random: Fault): Fault {
  if (enqueued !== undefined) return enqueued;
  return { ...random, ...headers, ...model };
}
