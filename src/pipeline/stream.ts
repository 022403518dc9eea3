// call, streamed: a stream counts as answered only once it yields content. Until then a vendor failure
// (error status, a dead connection, an error event, an empty stream) is retried or falls back like any other.
// After that the caller has bytes, no client will retry, so failures become an error event in the stream.
import type { ChatRequest, SseEvent, StreamEvent } from '../core/canonical.ts';
import { AirlockError, ERROR_SPECS, type ErrorCode } from '../core/errors.ts';
import type { StreamDecoder, UpstreamFailure } from '../protocols/types.ts';
import type { AttemptResult } from '../routing/fallback.ts';
import { transportFailure } from '../vendors/failure.ts';
import { readSse } from '../vendors/sse-reader.ts';
import { clientFor, encodeFailure, fallback, type CallDeps } from './call.ts';
import type { RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';
import { attemptBudgetMs, startDeadline, type Deadline } from './deadline.ts';
import { sendOrFault } from './drill-hook.ts';

interface OpenStream {
  first: StreamEvent[];
  batches: AsyncGenerator<SseEvent[]>;
  decoder: StreamDecoder;
  deadline: Deadline;
}

const isContent = (e: StreamEvent): boolean => e.type !== 'start' && e.type !== 'usage';

function eventFailure(err: AirlockError): UpstreamFailure {
  return { status: err.status, code: err.code, message: err.message, retryable: !ERROR_SPECS[err.code].final };
}

function interrupted(message: string, code: ErrorCode = 'stream_interrupted'): UpstreamFailure {
  return { status: 502, code, message, retryable: true };
}

/** Reads until the first content event. Never throws for vendor trouble. */
async function firstContent(open: Omit<OpenStream, 'first'>): Promise<AttemptResult<StreamEvent[]>> {
  const pending: StreamEvent[] = [];
  for (;;) {
    let next: IteratorResult<SseEvent[]>;
    try {
      next = await open.batches.next();
    } catch (err) {
      return { ok: false, failure: transportFailure(open.deadline.timedOut() ? { code: 'TOTAL_TIMEOUT' } : err, 'stream') };
    }
    try {
      if (next.done) pending.push(...open.decoder('end'));
      else for (const ev of next.value) pending.push(...open.decoder(ev));
    } catch {
      return { ok: false, failure: interrupted('the vendor sent a stream Airlock could not read', 'upstream_malformed') };
    }
    const error = pending.find((e) => e.type === 'error');
    if (error?.type === 'error') return { ok: false, failure: eventFailure(error.error) };
    if (pending.some(isContent)) return { ok: true, value: pending };
    if (next.done) return { ok: false, failure: interrupted('the vendor ended the stream before any content') };
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
  if (!sent.ok) {
    result = deadline.timedOut() ? { ok: false, failure: transportFailure({ code: 'TOTAL_TIMEOUT' }, 'call') } : sent;
  } else if (sent.answer.status >= 300) {
    result = { ok: false, failure: await client.failureOf(sent.answer, deps.clock.now()) };
  } else {
    const open = { batches: readSse(sent.answer.body), decoder: client.outbound.streamDecoder(), deadline };
    const first = await firstContent(open);
    if (first.ok) return { ok: true, value: { ...open, first: first.value } };
    sent.answer.body.destroy();
    result = first;
  }
  deadline.clear();
  return result;
}

/** Opens the stream on the first target that yields content, then relays the rest as canonical event batches. */
export async function openChatStream(ctx: RequestContext, targets: DecidedTarget<ChatRequest>[], deps: CallDeps): Promise<AsyncGenerator<StreamEvent[]>> {
  return relay(await fallback(ctx, targets, deps, (t) => attemptStream(ctx, deps, t)));
}

async function* relay(open: OpenStream): AsyncGenerator<StreamEvent[]> {
  let finished = false;
  const seen = (events: StreamEvent[]): StreamEvent[] => {
    if (events.some((e) => e.type === 'finish' || e.type === 'error')) finished = true;
    return events;
  };
  try {
    yield seen(open.first);
    for await (const batch of open.batches) {
      yield seen(batch.flatMap((ev) => open.decoder(ev)));
    }
    yield seen(open.decoder('end'));
    if (!finished) yield [{ type: 'error', error: new AirlockError('stream_interrupted', 'the vendor ended the stream early') }];
  } catch (err) {
    const failure = err instanceof SyntaxError ? interrupted('the vendor sent a stream Airlock could not read', 'upstream_malformed')
      : transportFailure(open.deadline.timedOut() ? { code: 'TOTAL_TIMEOUT' } : err, 'stream');
    yield [{ type: 'error', error: new AirlockError(failure.code === 'upstream_unreachable' ? 'stream_interrupted' : failure.code, failure.message) }];
  } finally {
    open.deadline.clear();
    await open.batches.return(undefined);
  }
}
