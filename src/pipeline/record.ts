// record: one request-log row per data-plane request, handed to the durable sink before the answer's last byte.
import type { RequestContext } from './context.ts';
import type { RecordSink, RequestLogRow } from './ports.ts';

export function record(ctx: RequestContext, status: number, errorCode: string | null, sink: RecordSink, now: number): void {
  const usage = ctx.usage;
  const row: RequestLogRow = {
    requestId: ctx.id,
    time: ctx.time,
    keyName: ctx.principal?.keyName ?? null,
    app: ctx.principal?.app ?? null,
    team: ctx.principal?.team ?? null,
    route: ctx.route,
    logicalModel: ctx.logicalModel,
    vendor: ctx.vendor,
    vendorModel: ctx.vendorModel,
    status,
    errorCode,
    attempts: attemptCount(ctx),
    stream: ctx.stream,
    latencyMs: Math.round((now - ctx.started) * 1000) / 1000,
    ttfbMs: ctx.ttfbMs,
    inputTokens: usage?.input ?? null,
    outputTokens: usage?.output ?? null,
    cacheReadTokens: usage?.cacheRead ?? null,
    usageReported: usage?.reported ?? null,
    costUsd: ctx.costUsd,
  };
  sink.write(row);
}

/** Vendor attempts made: the failed ones plus the one that answered. */
export function attemptCount(ctx: RequestContext): number {
  return ctx.attempts.length + (ctx.vendor === null ? 0 : 1);
}
