// call, streamed: a stream counts as answered only once it yields content. Until then a vendor failure
// (error status, a dead connection, an error event, an empty stream) is retried or falls back like any other.
// After that the caller has bytes, no client will retry, so failures become an error event in the stream.
import type { ChatRequest, StreamEvent } from '../core/canonical.ts';
import { AirlockError, ERROR_SPECS, type ErrorCode } from '../core/errors.ts';
import type { StreamDecoder, UpstreamFailure } from '../protocols/types.ts';
import type { AttemptResult } from '../routing/fallback.ts';
import type { AnswerBody } from '../vendors/answer-body.ts';
import { transportFailure } from '../vendors/failure.ts';
import { sseReader, type SseReader } from '../vendors/sse-reader.ts';
import { clientFor, encodeFailure, fallback, type CallDeps } from './call.ts';
import type { RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';
import { attemptBudgetMs, startDeadline, type Deadline } from './deadline.ts';
import { sendOrFault } from './drill-hook.ts';
import { endAttempt, noteVendorStatus } from './trace-attempt.ts';

interface OpenStream {
  first: StreamEvent[];
  body: AnswerBody;
  sse: SseReader;
  decoder: StreamDecoder;
  deadline: Deadline;
}

const isContent = (e: StreamEvent): boolean => e.type !== 'start' && e.type !== 'usage';

function eventFailure(err: AirlockError): UpstreamFailure {
  return { status: err.status, code: err.code, message: err.message, retryable: !ERROR_SPECS[err.code].final };
}

function interrupted(message: string, code: ErrorCode = 'stream_interrupted'): UpstreamFailure {
  const failure: UpstreamFailure = { status: 502, code, message, retryable: true };
  // an unreadable stream was still generated, and billed
  if (code === 'upstream_malformed') failure.billable = true;
  return failure;
}

/** The canonical events in what one read brought (null: the body ended), appended to out. Throws on a malformed stream. */
function decodeInto(open: Omit<OpenStream, 'first'>, chunks: Buffer[] | null, out: StreamEvent[]): void {
  if (chunks === null) {
    for (const ev of open.sse.end()) for (const e of open.decoder(ev)) out.push(e);
    for (const e of open.decoder('end')) out.push(e);
    return;
  }
  for (const chunk of chunks) for (const ev of open.sse.feed(chunk)) for (const e of open.decoder(ev)) out.push(e);
}

/** Reads until the first content event. Never throws for vendor trouble. */
async function firstContent(open: Omit<OpenStream, 'first'>): Promise<AttemptResult<StreamEvent[]>> {
  const pending: StreamEvent[] = [];
  for (;;) {
    let chunks: Buffer[] | null;
    try {
      chunks = await open.body.read();
    } catch (err) {
      return { ok: false, failure: transportFailure(open.deadline.timedOut() ? { code: 'TOTAL_TIMEOUT' } : err, 'stream') };
    }
    try {
      decodeInto(open, chunks, pending);
    } catch {
      return { ok: false, failure: interrupted('the vendor sent a stream Airlock could not read', 'upstream_malformed') };
    }
    const error = pending.find((e) => e.type === 'error');
    if (error?.type === 'error') return { ok: false, failure: eventFailure(error.error) };
    if (pending.some(isContent)) return { ok: true, value: pending };
    if (chunks === null) return { ok: false, failure: interrupted('the vendor ended the stream before any content') };
  }
}

async function attemptStream(ctx: RequestContext, deps: CallDeps, target: DecidedTarget<ChatRequest>): Promise<AttemptResult<OpenStream>> {
  const client = clientFor(deps, target);
  let encoded;
  try {
    encoded = client.outbound.encode(target.request, target.model);
  } catch (err) {
    return encodeFailure(err);
  }
  const deadline = startDeadline(ctx.abort, attemptBudgetMs(ctx, target.timeouts.totalMs));
  const sent = await sendOrFault(ctx, deps.drills, client, encoded, target.timeouts, deadline.signal);
  let result: AttemptResult<OpenStream>;
  if (sent.ok) noteVendorStatus(ctx, sent.answer.status);
  if (!sent.ok) {
    result = deadline.timedOut() ? { ok: false, failure: transportFailure({ code: 'TOTAL_TIMEOUT' }, 'call') } : sent;
  } else if (sent.answer.status >= 300) {
    result = { ok: false, failure: await client.failureOf(sent.answer, deps.clock.now()) };
  } else {
    const open = { body: sent.answer.body, sse: sseReader(), decoder: client.outbound.streamDecoder(), deadline };
    const first = await firstContent(open);
    if (first.ok) return { ok: true, value: Object.assign(open, { first: first.value }) };
    sent.answer.body.destroy();
    result = first;
  }
  deadline.clear();
  return result;
}

/** Opens the stream on the first target that yields content, then relays the rest as canonical event batches. */
export async function openChatStream(ctx: RequestContext, targets: DecidedTarget<ChatRequest>[], deps: CallDeps): Promise<AsyncGenerator<StreamEvent[]>> {
  return relay(ctx, await fallback(ctx, targets, deps, (t) => attemptStream(ctx, deps, t), true));
}

async function* relay(ctx: RequestContext, open: OpenStream): AsyncGenerator<StreamEvent[]> {
  let finished = false;
  // the code of the error event that ended the stream, for the vendor call's span
  let failed: string | null = null;
  const seen = (events: StreamEvent[]): StreamEvent[] => {
    for (const e of events) {
      if (e.type === 'error') failed = e.error.code;
      if (e.type === 'finish' || e.type === 'error') finished = true;
    }
    return events;
  };
  try {
    yield seen(open.first);
    // one batch per read, however many chunks it brought: each batch costs a promise in every stage after this one
    for (;;) {
      const chunks = await open.body.read();
      const batch: StreamEvent[] = [];
      decodeInto(open, chunks, batch);
      if (batch.length > 0) yield seen(batch);
      if (chunks === null) break;
    }
    if (!finished) yield seen([{ type: 'error', error: new AirlockError('stream_interrupted', 'the vendor ended the stream early') }]);
  } catch (err) {
    const failure = err instanceof SyntaxError ? interrupted('the vendor sent a stream Airlock could not read', 'upstream_malformed')
      : transportFailure(open.deadline.timedOut() ? { code: 'TOTAL_TIMEOUT' } : err, 'stream');
    yield seen([{ type: 'error', error: new AirlockError(failure.code === 'upstream_unreachable' ? 'stream_interrupted' : failure.code, failure.message) }]);
  } finally {
    open.deadline.clear();
    open.body.destroy();
    if (ctx.trace !== null) endAttempt(ctx.trace, failed ?? (finished ? null : 'client_closed'), ctx.vendorModel ?? undefined);
  }
}
