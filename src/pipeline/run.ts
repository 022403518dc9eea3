// The stages in order for one chat or embeddings request: identify, accept, read (attached PDFs), plan, inspect, decide, call,
// restore, meter (record runs in the server once the answer is out). Each is a plain function over the context.
import type { ChatRequest, ChatResponse, EmbeddingsRequest, EmbeddingsResponse, StreamEvent, Usage } from '../core/canonical.ts';
import type { Config } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import { estimateUsage } from '../cost/estimate.ts';
import type { PriceSource } from '../cost/pricing.ts';
import { ContentCapture } from '../governance/content-log.ts';
import { resolvePolicy } from '../governance/policy.ts';
import { mapEmbeddingTexts, mapTexts, visitEmbeddingTexts, visitOutgoing, visitTexts, type SlotKind, type TextMapper } from '../governance/text-slots.ts';
import type { PdfReader } from '../governance/pdf/reader.ts';
import type { Detect } from '../governance/types.ts';
import type { ChatEndpoint, CountTokensEndpoint, EmbeddingsInbound } from '../protocols/index.ts';
import { planTargets } from '../routing/plan.ts';
import { callChat, callEmbeddings, type CallDeps } from './call.ts';
import { callCount, type TokenCount } from './count.ts';
import type { RequestContext } from './context.ts';
import { decide, type DecidedTarget } from './decide.ts';
import { readDocuments } from './documents.ts';
import { identify, type KeyIndex } from './identify.ts';
import { inspect, parseDeclared } from './inspect.ts';
import { admit, admitCount, chatSize, embeddingsSize, type AdmitDeps } from './admit.ts';
import { answerText, meter, meterAbandoned, meterFailedCalls, meterStream, type Estimate, type StreamMeter } from './meter.ts';
import type { Tracer } from '@opentelemetry/api';
import type { Log, ReadinessProbe, RecordSink, ReviewSource } from './ports.ts';
import { restoreResponse, restoreStream, type StreamRestore } from './restore.ts';
import { openChatStream } from './stream.ts';

export interface Runtime {
  config: Config;
  keys: KeyIndex;
  call: CallDeps;
  sink: RecordSink;
  readiness: ReadinessProbe;
  detect: Detect;
  prices: PriceSource;
  admit: AdmitDeps;
  reviews: ReviewSource;
  /** inspection longer than this, plus INSPECT_MS_PER_KB of text, blocks the request (fail closed) */
  inspectBudgetMs: number;
  /** reads attached PDFs for inspection, off the event loop */
  pdf: PdfReader;
  log: Log;
  /** the request and vendor-call spans' tracer: a no-op unless an SDK is registered (server/trace-export.ts) */
  tracer: Tracer;
}

export type Headers = Record<string, string | string[] | undefined>;

export type ChatResult =
  | { kind: 'json'; response: ChatResponse }
  /** includeUsage: the caller's own wish for a usage event; the codec asks the vendor for usage regardless */
  | { kind: 'stream'; events: AsyncGenerator<StreamEvent[]>; includeUsage: boolean };

/** inspect + decide: the targets this request may go to, each with the request its vendor may receive. */
function govern<R>(
  ctx: RequestContext,
  headers: Headers,
  rt: Runtime,
  model: string,
  original: R,
  visit: (fn: (text: string, kind: SlotKind) => void) => void,
  transform: (fn: TextMapper) => R,
): DecidedTarget<R>[] {
  const principal = ctx.principal;
  const app = principal?.app ? rt.config.apps.get(principal.app) : undefined;
  const planned = planTargets(rt.config, model, principal?.models ?? null, rt.call.clock.now());
  const extra = [...parseDeclared(headers['x-airlock-data-class']), ...(app?.dataClass ?? [])];
  ctx.inspection = inspect(visit, rt.detect, extra, rt.inspectBudgetMs);
  if (rt.config.logContent) ctx.content = new ContentCapture(visit, ctx.inspection.findings, rt.detect);
  const policy = resolvePolicy(rt.config.dataPolicy.actions, app?.dataPolicy);
  return decide(model, ctx.inspection, planned, rt.reviews, policy, original, transform, ctx.time);
}

/** X-Stainless-Timeout: the openai and Anthropic SDKs' own timeout in seconds (PROTOCOLS.md §2). */
function clientDeadline(headers: Headers, started: number): number | null {
  const raw = headers['x-stainless-timeout'];
  const seconds = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? started + seconds * 1000 : null;
}

/**
 * accept: the codec's parse, with one failure of the input's making turned into the caller's error. JSON.parse takes
 * any nesting, but validating a tool schema nested a few thousand levels deep overflows the stack (zod recurses),
 * which is the request's fault, not a bug in Airlock.
 */
function accept<T>(codec: { parse(body: unknown): T }, body: unknown): T {
  try {
    return codec.parse(body);
  } catch (err) {
    // V8's stack overflow; any other RangeError stays what it is
    if (err instanceof RangeError && err.message.includes('call stack')) {
      throw new AirlockError('invalid_request', 'the request body is nested too deeply', { cause: err });
    }
    throw err;
  }
}

/** The caller's headers its codec forwards (anthropic-beta), kept for vendors of the caller's protocol only. */
function carryHeaders(req: ChatRequest, names: readonly string[] | undefined, headers: Headers): ChatRequest {
  if (names === undefined) return req;
  for (const name of names) {
    const value = headers[name];
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (joined !== undefined && joined !== '') (req.passthrough.headers ??= {})[name] = joined;
  }
  return req;
}

function estimateFor(req: ChatRequest): Estimate {
  return (output) => {
    const inputs: string[] = [];
    visitTexts(req, (t) => inputs.push(t));
    return estimateUsage(inputs, output);
  };
}

/**
 * restore, then meter, batch by batch, in one generator: the stages are plain functions over a batch, so a streamed
 * token pays one promise here rather than one per stage.
 */
async function* answerStream(events: AsyncGenerator<StreamEvent[]>, restore: StreamRestore, metered: StreamMeter): AsyncGenerator<StreamEvent[]> {
  try {
    for await (const batch of events) yield metered.push(restore.push(batch));
    const tail = restore.end();
    if (tail.length > 0) yield metered.push(tail);
  } finally {
    metered.close();
    await events.return(undefined);
  }
}

export async function runChat(ctx: RequestContext, endpoint: ChatEndpoint, headers: Headers, body: unknown, rt: Runtime): Promise<ChatResult> {
  // identify before accept: an unauthenticated caller learns nothing about the request's validity
  ctx.principal = identify(headers, endpoint.keyHeaders, rt.keys);
  ctx.clientDeadline = clientDeadline(headers, ctx.started);
  const req: ChatRequest = carryHeaders(accept(endpoint.codec, body), endpoint.codec.forwardHeaders, headers);
  ctx.logicalModel = req.model;
  ctx.stream = req.stream;
  const reading = readDocuments(req, rt.pdf);
  if (reading !== null) await reading;
  const targets = await admit(ctx, chatSize(req), govern(ctx, headers, rt, req.model, req, (fn) => visitOutgoing(req, fn), (fn) => mapTexts(req, fn)), rt.admit);
  const estimate = estimateFor(req);
  try {
    if (req.stream) {
      const opened = await openChatStream(ctx, targets, rt.call);
      // the calls that failed before this one are known now; the answer is metered as it streams
      meterFailedCalls(ctx, rt.prices, estimate);
      const restore = restoreStream(ctx.chosen?.vault.byPlaceholder ?? new Map());
      const events = answerStream(opened, restore, meterStream(ctx, rt.prices, estimate));
      return { kind: 'stream', events, includeUsage: req.includeUsage };
    }
    const response = await callChat(ctx, targets, rt.call);
    meter(ctx, response.usage, rt.prices, estimate, () => answerText(response));
    meterFailedCalls(ctx, rt.prices, estimate);
    if (ctx.content !== null) ctx.content.answer = answerText(response);
    return { kind: 'json', response: restoreResponse(response, ctx.chosen?.vault.byPlaceholder ?? new Map()) };
  } catch (err) {
    // a caller who left while a vendor had the request is charged for it all the same (a no-op for any other failure)
    await meterAbandoned(ctx, rt.prices, estimate);
    meterFailedCalls(ctx, rt.prices, estimate);
    throw err;
  }
}

/**
 * A token count: identify, accept, plan, inspect and decide as for a call, since a vendor's count endpoint receives
 * the prompt like a call does, so the same policy and the same data-flow record apply. No budget hold (vendors do
 * not bill a count), but it counts against the requests-per-minute limits.
 */
export async function runCountTokens(ctx: RequestContext, endpoint: CountTokensEndpoint, headers: Headers, body: unknown, rt: Runtime): Promise<TokenCount> {
  ctx.principal = identify(headers, endpoint.keyHeaders, rt.keys);
  ctx.clientDeadline = clientDeadline(headers, ctx.started);
  const req: ChatRequest = carryHeaders(accept(endpoint, body), endpoint.inbound.forwardHeaders, headers);
  ctx.logicalModel = req.model;
  await readDocuments(req, rt.pdf);
  const targets = govern(ctx, headers, rt, req.model, req, (fn) => visitOutgoing(req, fn), (fn) => mapTexts(req, fn));
  await admitCount(ctx, rt.admit);
  return callCount(ctx, targets, rt.call);
}

export async function runEmbeddings(
  ctx: RequestContext,
  endpoint: { codec: EmbeddingsInbound; keyHeaders: readonly string[] },
  headers: Headers,
  body: unknown,
  rt: Runtime,
): Promise<{ response: EmbeddingsResponse; model: string; encodingFormat: 'float' | 'base64' }> {
  const { codec } = endpoint;
  ctx.principal = identify(headers, endpoint.keyHeaders, rt.keys);
  const req: EmbeddingsRequest = accept(codec, body);
  ctx.logicalModel = req.model;
  const governed = govern(ctx, headers, rt, req.model, req, (fn) => visitEmbeddingTexts(req, fn), (fn) => mapEmbeddingTexts(req, fn));
  const targets = await admit(ctx, embeddingsSize(req.input), governed, rt.admit);
  const estimate = (): Usage => estimateUsage(req.input, '');
  let response: EmbeddingsResponse;
  try {
    response = await callEmbeddings(ctx, targets, rt.call);
  } catch (err) {
    await meterAbandoned(ctx, rt.prices, estimate);
    meterFailedCalls(ctx, rt.prices, estimate);
    throw err;
  }
  meter(ctx, response.usage, rt.prices, estimate, () => '');
  meterFailedCalls(ctx, rt.prices, estimate);
  return { response, model: req.model, encodingFormat: req.encodingFormat ?? 'float' };
}
