// record: one request-log row per data-plane request, handed to the durable sink before the answer's last byte.
import type { RequestContext } from './context.ts';
import type { PolicyAction } from '../config/types.ts';
import { stronger } from '../governance/policy.ts';
import type { DataFlowRow, RecordSink, RequestLogRow } from './ports.ts';

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
    priceSource: ctx.priceSource,
  };
  if (ctx.inspection === null) sink.write(row);
  else sink.write(row, flowRow(ctx, errorCode));
}

function flowAction(ctx: RequestContext, errorCode: string | null): PolicyAction {
  if (errorCode === 'policy_blocked') return 'block';
  const chosen = ctx.chosen;
  if (chosen === null) return 'allow';
  return chosen.reroutedPast ? stronger(chosen.action, 'reroute') : chosen.action;
}

function flowRow(ctx: RequestContext, errorCode: string | null): DataFlowRow {
  const classes: Record<string, number> = {};
  for (const c of ctx.inspection?.classes ?? []) classes[c] = ctx.inspection?.counts.get(c) ?? 0;
  return {
    requestId: ctx.id,
    time: ctx.time,
    app: ctx.principal?.app ?? null,
    team: ctx.principal?.team ?? null,
    logicalModel: ctx.logicalModel,
    vendor: ctx.vendor,
    region: ctx.chosen?.review.region ?? null,
    termsVersion: ctx.chosen?.review.termsVersion ?? null,
    classes,
    action: flowAction(ctx, errorCode),
  };
}

/** Vendor calls made: the failed ones plus the one that answered; targets skipped by an open breaker (status null) are not calls. */
export function attemptCount(ctx: RequestContext): number {
  let n = ctx.vendor === null ? 0 : 1;
  for (const a of ctx.attempts) if (a.status !== null) n++;
  return n;
}
