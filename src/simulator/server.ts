// A fake vendor on loopback: one node:http server per protocol. The request lifecycle is fixed:
//   read body → record → route (404) → gate: auth / required headers (401, 400) → JSON parse (400)
//   → fault script (latency, reset, hang, error status) → validate and answer (JSON, or paced SSE frames).
// Imports node built-ins only (STYLE.md): a bug shared with src/protocols would otherwise pass every test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openaiWire } from './openai.ts';
import { anthropicWire } from './anthropic.ts';
import { geminiWire } from './gemini.ts';
import { faultFromHeaders, prng, resolveFault, scriptFromModel, type Fault } from './script.ts';
import type { Answer, Route, SimProtocol, Streamed, Wire } from './wire.ts';

export type { SimProtocol } from './wire.ts';
export type { Fault } from './script.ts';

export interface SimOptions {
  protocol: SimProtocol;
  /** 0 = ephemeral */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** 0..1: share of requests answered with the vendor's retryable "overloaded" error */
  failRate?: number;
  /** before response headers */
  latencyMs?: number;
  /** content chunks per stream, default 8 */
  streamChunks?: number;
  chunkDelayMs?: number;
  /** if set, only this key is accepted */
  apiKey?: string;
  /** for failRate's PRNG */
  seed?: number;
}

export interface ReceivedRequest {
  method: string;
  /** path and query string, as sent */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** parsed JSON; the raw text when it did not parse; undefined when empty */
  body: unknown;
  at: number;
}

export interface Simulator {
  protocol: SimProtocol;
  /** http://127.0.0.1:PORT, no path */
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** requests whose client went away before the answer ended */
  aborted: number;
  /** applied to the next requests, one each, FIFO */
  enqueue(...faults: Fault[]): void;
  reset(): void;
  close(): Promise<void>;
}

const WIRES: Record<SimProtocol, Wire> = { openai: openaiWire, anthropic: anthropicWire, gemini: geminiWire };

interface State {
  opts: SimOptions;
  wire: Wire;
  received: ReceivedRequest[];
  aborted: number;
  queue: Fault[];
  random: () => number;
  live: Set<AbortController>;
  promptCache: Set<string>;
}

/** Per-request bookkeeping: `cut` marks connections the simulator ended itself, which are not client aborts. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  signal: AbortSignal;
  cut: () => void;
}

function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  res.end(answer.body);
}

async function writeStream(ex: Exchange, streamed: Streamed, fault: Fault, delayMs: number): Promise<void> {
  const { res, signal } = ex;
  res.writeHead(streamed.status, streamed.headers);
  let content = 0;
  let flushed: Promise<void> = Promise.resolve();
  for (const [i, frame] of streamed.frames.entries()) {
    const limit = fault.truncateAfterChunks;
    if (limit !== undefined && (content >= limit || frame.kind === 'end')) {
      // a vendor dying mid-answer: no terminal event, the connection just ends. Wait for what was written to
      // reach the socket first: node corks the response, and destroy() would discard the buffered chunks.
      await flushed;
      ex.cut();
      res.destroy();
      return;
    }
    if (i > 0 && delayMs > 0) await sleep(delayMs, undefined, { signal });
    if (res.destroyed) return;
    flushed = new Promise((resolve) => res.write(frame.data, () => resolve()));
    if (frame.kind === 'content') content++;
  }
  res.end();
}

function randomFault(state: State): Fault {
  const rate = state.opts.failRate ?? 0;
  if (rate <= 0 || state.random() >= rate) return {};
  return { status: state.wire.overloaded(state.random) };
}

async function respond(state: State, ex: Exchange, route: Route, body: unknown): Promise<void> {
  const script = scriptFromModel(route.model);
  const fault = resolveFault(state.queue.shift(), script.fault, faultFromHeaders(ex.req.headers), randomFault(state));
  const latency = fault.latencyMs ?? state.opts.latencyMs ?? 0;
  if (latency > 0) await sleep(latency, undefined, { signal: ex.signal });
  if (fault.reset) {
    ex.cut();
    ex.req.socket.destroy();
    return;
  }
  if (fault.hang) return; // never answer: the client's timeout (or close()) ends it
  if (fault.status !== undefined && fault.status >= 400) {
    writeAnswer(ex.res, state.wire.failure(fault.status, fault.retryAfterS, route.model));
    return;
  }
  const answer = state.wire.answer(route, body, { streamChunks: state.opts.streamChunks ?? 8, parallel: script.parallel, noUsage: script.noUsage, promptCache: state.promptCache });
  if ('frames' in answer) await writeStream(ex, answer, fault, fault.chunkDelayMs ?? state.opts.chunkDelayMs ?? 0);
  else writeAnswer(ex.res, answer);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): { ok: boolean; value: unknown } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, value: raw };
  }
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  state.live.add(controller);
  let cut = false;
  res.on('close', () => {
    state.live.delete(controller);
    controller.abort();
    if (!res.writableFinished && !cut) state.aborted++;
  });
  const ex: Exchange = { req, res, signal: controller.signal, cut: () => (cut = true) };
  const parsed = parseBody(await readBody(req));
  const method = req.method ?? 'GET';
  state.received.push({ method, path: req.url ?? '/', headers: req.headers, body: parsed.value, at: Date.now() });
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const { wire, opts } = state;
  const route = wire.route(method, url, parsed.value);
  const early = route === null ? wire.notFound(method, url) : (wire.gate(req.headers, url, opts.apiKey) ?? (parsed.ok ? null : wire.malformed()));
  if (early !== null || route === null) {
    if ((opts.latencyMs ?? 0) > 0) await sleep(opts.latencyMs, undefined, { signal: controller.signal });
    if (early !== null) writeAnswer(res, early);
    return;
  }
  await respond(state, ex, route, parsed.value);
}

export async function startSimulator(opts: SimOptions): Promise<Simulator> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 32);
  const state: State = { opts, wire: WIRES[opts.protocol], received: [], aborted: 0, queue: [], random: prng(seed), live: new Set(), promptCache: new Set() };
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => {
      // usually the client left mid-read or mid-wait (AbortError), already counted in `aborted`; anything else is
      // a simulator bug, answered as the vendor's own 500 rather than a silent hang
      if (!res.headersSent && !res.destroyed) writeAnswer(res, state.wire.failure(500, undefined, undefined));
      else res.destroy();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    protocol: opts.protocol,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    received: state.received,
    get aborted(): number {
      return state.aborted;
    },
    enqueue: (...faults) => void state.queue.push(...faults),
    reset: () => {
      state.received.length = 0;
      state.queue.length = 0;
      state.aborted = 0;
      state.random = prng(seed);
      state.promptCache.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of state.live) c.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
