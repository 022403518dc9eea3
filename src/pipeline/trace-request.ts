// The SERVER span of one data-plane request: started where its handler begins (server/chat.ts), joined to the
// caller's trace through its W3C `traceparent`, ended with the answer's last byte (a stream's last chunk, or the caller
// leaving), carrying what the request log records. With no SDK registered, @opentelemetry/api hands out a
// non-recording span: the request then keeps no trace state and builds no attribute (see bench/profile.ts numbers in
// the commit that added this).
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import type { RequestContext } from './context.ts';
import { attemptCount, flowAction } from './record.ts';
import { endAttempt } from './trace-attempt.ts';

/** `route`: the path template (http.route); `operation`: gen_ai.operation.name. */
export function startRequestSpan(
  tracer: Tracer,
  ctx: RequestContext,
  headers: Record<string, string | string[] | undefined>,
  route: string,
  operation: string,
): void {
  // the propagator is the SDK's (W3C Trace Context in trace-export.ts); without one, extract changes nothing
  const caller = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer.startSpan(`POST ${route}`, { kind: SpanKind.SERVER }, caller);
  if (!span.isRecording()) return;
  span.setAttributes({ 'http.request.method': 'POST', 'http.route': route, 'gen_ai.operation.name': operation, 'airlock.request_id': ctx.id });
  ctx.trace = { tracer, span, parent: trace.setSpan(caller, span), operation, attempt: null };
}

/** Gemini's paths name the model: the template keeps the span names and http.route few. */
export function routeTemplate(endpointPath: string, url: string | undefined): string {
  if (endpointPath !== '') return endpointPath;
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(/\/models\/[^/]+:/, '/models/{model}:');
}

export function endRequestSpan(ctx: RequestContext, status: number, errorCode: string | null): void {
  const rt = ctx.trace;
  if (rt === null) return;
  ctx.trace = null;
  // a stream whose relay never reached its end (the caller left before it was read)
  endAttempt(rt, errorCode, ctx.vendorModel ?? undefined);
  const span = rt.span;
  span.setAttributes(requestAttributes(ctx, status, errorCode));
  if (errorCode !== null) span.setAttribute('error.type', errorCode);
  // HTTP semantic conventions: a 4xx is the caller's (a refusal by policy or budget), and leaves the status unset;
  // a 200 with an error code is a stream the vendor broke after its first byte
  if (status >= 500 || (status < 300 && errorCode !== null)) span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode ?? String(status) });
  span.end();
}

function requestAttributes(ctx: RequestContext, status: number, errorCode: string | null): Attributes {
  const p = ctx.principal;
  const a: Attributes = {
    'http.response.status_code': status,
    'airlock.attempts': attemptCount(ctx),
    // answered by a target after the first one tried (a retry of the first is not a fallback)
    'airlock.fallback': ctx.chosen !== null && ctx.sentTo[0] !== ctx.chosen,
    'airlock.stream': ctx.stream,
    'airlock.redactions': ctx.redactions,
  };
  const maybe: Array<[string, string | number | null | undefined]> = [
    ['airlock.key_name', p?.keyName],
    ['airlock.app', p?.app],
    ['airlock.team', p?.team],
    ['airlock.logical_model', ctx.logicalModel],
    ['gen_ai.request.model', ctx.logicalModel],
    ['airlock.vendor', ctx.vendor],
    ['gen_ai.provider.name', ctx.chosen?.vendorConfig.protocol],
    ['gen_ai.response.model', ctx.vendorModel],
    ['gen_ai.usage.input_tokens', ctx.usage?.input],
    ['gen_ai.usage.output_tokens', ctx.usage?.output],
    ['airlock.cost_usd', ctx.costUsd],
  ];
  for (const [k, v] of maybe) if (v !== null && v !== undefined) a[k] = v;
  if (ctx.inspection !== null) {
    // the classes' names only, never a value
    a['airlock.data_classes'] = [...ctx.inspection.classes];
    a['airlock.policy_action'] = flowAction(ctx, errorCode);
  }
  return a;
}
