// call: send the canonical request to the planned targets with retries and fallback, for whole answers.
// Streams are opened in stream.ts; both share the attempt helpers here.
import type { ChatRequest, ChatResponse, EmbeddingsRequest, EmbeddingsResponse } from '../core/canonical.ts';
import type { Clock } from '../core/clock.ts';
import { AirlockError } from '../core/errors.ts';
import type { OutboundRequest, UpstreamFailure } from '../protocols/types.ts';
import type { BreakerPort } from '../routing/breaker.ts';
import { runFallback, type AttemptResult } from '../routing/fallback.ts';
import type { PlannedTarget } from '../routing/plan.ts';
import type { AnswerBody } from '../vendors/answer-body.ts';
import type { VendorClient } from '../vendors/client.ts';
import { transportFailure } from '../vendors/failure.ts';
import type { RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';
import { attemptBudgetMs, startDeadline } from './deadline.ts';
import { sendOrFault, type DrillHook } from './drill-hook.ts';
import type { Cancel } from '../core/cancel.ts';
import { noteVendorStatus, traceAttempt } from './trace-attempt.ts';

export interface CallDeps {
  vendors: Map<string, VendorClient>;
  clock: Clock;
  sleep: (ms: number, signal: Cancel) => Promise<void>;
  random: () => number;
  /** skips targets whose circuit is open; fed by every attempt's outcome */
  breakers?: BreakerPort;
  /** running drills' faults (`airlock drill`) */
  drills?: DrillHook;
}

export function clientFor(deps: CallDeps, target: PlannedTarget): VendorClient {
  const client = deps.vendors.get(target.vendor);
  if (client === undefined) throw new AirlockError('internal', `no client for vendor ${target.vendor}`);
  return client;
}

/** A codec that cannot express the request for this target: skip the target, keep the reason. */
export function encodeFailure(err: unknown): { ok: false; failure: UpstreamFailure } {
  if (err instanceof AirlockError) {
    const failure: UpstreamFailure = { status: err.status, code: err.code, message: err.message, retryable: false };
    if (err.param !== null) failure.param = err.param;
    return { ok: false, failure };
  }
  throw err;
}

export async function readJson(body: AnswerBody): Promise<unknown> {
  return JSON.parse(await body.text());
}

/** One non-streamed attempt: encode, send, decode. Never throws for vendor trouble. */
export async function attemptJson<T>(
  ctx: RequestContext,
  deps: CallDeps,
  target: PlannedTarget,
  encode: (client: VendorClient) => OutboundRequest,
  decode: (client: VendorClient, body: unknown) => T,
): Promise<AttemptResult<T>> {
  const client = clientFor(deps, target);
  let encoded: OutboundRequest;
  try {
    encoded = encode(client);
  } catch (err) {
    return encodeFailure(err);
  }
  const deadline = startDeadline(ctx.abort, attemptBudgetMs(ctx, target.timeouts.totalMs));
  try {
    const sent = await sendOrFault(ctx, deps.drills, client, encoded, target.timeouts, deadline.signal);
    if (!sent.ok) return deadline.timedOut() ? { ok: false, failure: transportFailure({ code: 'TOTAL_TIMEOUT' }, 'call') } : sent;
    noteVendorStatus(ctx, sent.answer.status);
    if (sent.answer.status >= 300) return { ok: false, failure: await client.failureOf(sent.answer, deps.clock.now()) };
    let body: unknown;
    try {
      body = await readJson(sent.answer.body);
    } catch (err) {
      const code = deadline.timedOut() ? { code: 'TOTAL_TIMEOUT' } : err;
      return { ok: false, failure: err instanceof SyntaxError ? malformed() : transportFailure(code, 'body') };
    }
    try {
      return { ok: true, value: decode(client, body) };
    } catch {
      return { ok: false, failure: malformed() };
    }
  } finally {
    deadline.clear();
  }
}

/** A 2xx answer Airlock could not read: the vendor answered, and bills it. */
function malformed(): UpstreamFailure {
  return { status: 502, code: 'upstream_malformed', message: 'the vendor sent an answer Airlock could not read', retryable: true, billable: true };
}

/** The target whose vendor answered: the log's vendor and model, the data flow's target, the redactions header. */
export function noteAnswered<R>(ctx: RequestContext, target: DecidedTarget<R>): void {
  ctx.vendor = target.vendor;
  ctx.vendorModel = target.model;
  ctx.chosen = target;
  ctx.redactions = target.redactions;
}

/**
 * Runs the fallback loop and notes on the context which target answered, or every attempt when none did.
 * `relayed`: the answer is a stream, whose call (and span) lasts until its relay ends.
 */
export async function fallback<T, R>(
  ctx: RequestContext,
  targets: DecidedTarget<R>[],
  deps: CallDeps,
  attempt: (target: DecidedTarget<R>) => Promise<AttemptResult<T>>,
  relayed = false,
): Promise<T> {
  try {
    const outcome = await runFallback(targets, (t, n) => {
      // Whatever happens to the call, the vendor may have received the (redacted) request: it goes on record.
      ctx.sentTo.push(t);
      return traceAttempt(ctx, t, n, () => attempt(t), relayed);
    }, deps, ctx.abort);
    ctx.attempts = outcome.attempts;
    noteAnswered(ctx, outcome.target);
    return outcome.value;
  } catch (err) {
    if (err instanceof AirlockError) ctx.attempts = err.attempts;
    throw err;
  }
}

export function callChat(ctx: RequestContext, targets: DecidedTarget<ChatRequest>[], deps: CallDeps): Promise<ChatResponse> {
  return fallback(ctx, targets, deps, (t) =>
    attemptJson(ctx, deps, t, (c) => c.outbound.encode(t.request, t.model), (c, body) => c.outbound.decode(body)),
  );
}

export function callEmbeddings(ctx: RequestContext, targets: DecidedTarget<EmbeddingsRequest>[], deps: CallDeps): Promise<EmbeddingsResponse> {
  const codec = (c: VendorClient): NonNullable<VendorClient['outbound']['embeddings']> => {
    if (c.outbound.embeddings === undefined) {
      throw new AirlockError('unsupported_parameter', 'this target has no embeddings endpoint', { param: 'model' });
    }
    return c.outbound.embeddings;
  };
  return fallback(ctx, targets, deps, (t) =>
    attemptJson(ctx, deps, t, (c) => codec(c).encode(t.request, t.model), (c, body) => codec(c).decode(body)),
  );
}
