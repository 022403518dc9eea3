// A CLIENT span per vendor call, child of the request's SERVER span (trace-request.ts). Attribute names follow the
// OpenTelemetry GenAI semantic conventions (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/) where
// one fits, `airlock.*` where none does. Never content, never keys; a failure is named by its code, not its message
// (a vendor's error message may quote the prompt).
import { SpanKind, SpanStatusCode, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { AttemptResult } from '../routing/fallback.ts';
import type { RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';

/** One request's tracing state; the context holds it only while the request's span records. */
export interface RequestTrace {
  tracer: Tracer;
  span: Span;
  /** holds `span`: the parent of the vendor calls' spans */
  parent: Context;
  /** gen_ai.operation.name: chat | embeddings | count_tokens */
  operation: string;
  /** the vendor call under way, or the stream being relayed, until it ends */
  attempt: Span | null;
}

function startAttempt<R>(rt: RequestTrace, target: DecidedTarget<R>, n: number): Span {
  const protocol = target.vendorConfig.protocol;
  const base = target.vendorConfig.baseUrl;
  return rt.tracer.startSpan(
    `${rt.operation} ${target.model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': rt.operation,
        // the wire protocol spoken: an OpenAI-compatible server on premises is `openai` here, its vendor name below
        'gen_ai.provider.name': protocol,
        'gen_ai.system': protocol,
        'gen_ai.request.model': target.model,
        'airlock.vendor': target.vendor,
        'airlock.attempt': n,
        ...(URL.canParse(base) ? { 'server.address': new URL(base).hostname } : {}),
      },
    },
    rt.parent,
  );
}

/** Ends the vendor call's span; errorCode null: it answered. */
export function endAttempt(rt: RequestTrace, errorCode: string | null, model?: string): void {
  const span = rt.attempt;
  if (span === null) return;
  rt.attempt = null;
  if (errorCode === null) {
    if (model !== undefined) span.setAttribute('gen_ai.response.model', model);
  } else {
    span.setAttribute('error.type', errorCode);
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode });
  }
  span.end();
}

/** The status line of the vendor's answer, on the call under way. */
export function noteVendorStatus(ctx: RequestContext, status: number): void {
  ctx.trace?.attempt?.setAttribute('http.response.status_code', status);
}

/**
 * Runs one vendor call inside its span. `relayed`: a stream that opens stays the call under way until its relay ends
 * (stream.ts), so the span covers the whole answer.
 */
export async function traceAttempt<T, R>(
  ctx: RequestContext,
  target: DecidedTarget<R>,
  n: number,
  call: () => Promise<AttemptResult<T>>,
  relayed = false,
): Promise<AttemptResult<T>> {
  const rt = ctx.trace;
  if (rt === null) return call();
  rt.attempt = startAttempt(rt, target, n);
  let result: AttemptResult<T>;
  try {
    result = await call();
  } catch (err) {
    endAttempt(rt, 'internal');
    throw err;
  }
  if (!result.ok) endAttempt(rt, result.failure.code);
  else if (!relayed) endAttempt(rt, null, target.model);
  return result;
}
