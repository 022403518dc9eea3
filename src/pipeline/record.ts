// record: one request-log row per data-plane request, handed to the durable sink before the answer's last byte.
import type { ChosenTarget, RequestContext, SentTarget } from './context.ts';
import type { PolicyAction } from '../config/types.ts';
import { stronger } from '../governance/policy.ts';
import type { DataFlowRow, RecordSink, RequestLogRow } from './ports.ts';

/** Returns the row, for the debug log's request line. */
export function record(ctx: RequestContext, status: number, errorCode: string | null, sink: RecordSink, now: number): RequestLogRow {
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
  if (ctx.failedCostUsd !== null) row.failedCostUsd = ctx.failedCostUsd;
  if (ctx.content !== null) row.content = { prompt: ctx.content.prompt, answer: ctx.content.redactedAnswer() };
  if (ctx.inspection === null) {
    sink.write(row);
    return row;
  }
  const flows = flowRows(ctx, errorCode);
  // The vendors tried before the last go first, so the request's last flow is the one that answered.
  for (let i = 0; i < flows.length - 1; i++) sink.writeFlow(flows[i] as DataFlowRow);
  sink.write(row, flows[flows.length - 1]);
  return row;
}

/** One flow per vendor the request was sent to (the strongest action where a vendor was tried twice); one flow with
 * no vendor when none was (blocked, or every target skipped). */
function flowRows(ctx: RequestContext, errorCode: string | null): DataFlowRow[] {
  if (ctx.sentTo.length <= 1) return [flowRow(ctx, errorCode)];
  const byVendor = new Map<string, SentTarget>();
  for (const t of ctx.sentTo) {
    const seen = byVendor.get(t.vendor);
    if (seen === undefined || stronger(seen.action, t.action) !== seen.action) byVendor.set(t.vendor, t);
  }
  const answered = ctx.vendor;
  const order = [...byVendor.keys()].filter((v) => v !== answered);
  if (answered !== null && byVendor.has(answered)) order.push(answered);
  return order.map((vendor) => {
    const t = byVendor.get(vendor) as SentTarget;
    return { ...flowRow(ctx, errorCode), vendor, region: t.review.region, termsVersion: t.review.termsVersion, action: targetAction(t) };
  });
}

function targetAction(t: ChosenTarget): PolicyAction {
  return t.reroutedPast ? stronger(t.action, 'reroute') : t.action;
}

/** The strongest action taken on the request's data, for its data-flow record and its span. */
export function flowAction(ctx: RequestContext, errorCode: string | null): PolicyAction {
  if (errorCode === 'policy_blocked') return 'block';
  const chosen = ctx.chosen ?? ctx.sentTo[ctx.sentTo.length - 1] ?? null;
  if (chosen === null) return 'allow';
  return targetAction(chosen);
}

function flowRow(ctx: RequestContext, errorCode: string | null): DataFlowRow {
  const classes: Record<string, number> = {};
  for (const c of ctx.inspection?.classes ?? []) classes[c] = ctx.inspection?.counts.get(c) ?? 0;
  // a request that failed at its only vendor still went there
  const last = ctx.sentTo[ctx.sentTo.length - 1];
  return {
    requestId: ctx.id,
    time: ctx.time,
    app: ctx.principal?.app ?? null,
    team: ctx.principal?.team ?? null,
    logicalModel: ctx.logicalModel,
    vendor: ctx.vendor ?? last?.vendor ?? null,
    region: (ctx.chosen ?? last)?.review.region ?? null,
    termsVersion: (ctx.chosen ?? last)?.review.termsVersion ?? null,
    classes,
    action: flowAction(ctx, errorCode),
  };
}

/**
 * Vendor calls made: the failed ones plus the one that answered; targets skipped by an open breaker (status null) are
 * not calls. A call the caller cut short is among the attempts already, though metering names its vendor.
 */
export function attemptCount(ctx: RequestContext): number {
  let n = ctx.vendor === null || ctx.attempts[ctx.attempts.length - 1]?.cutShort === true ? 0 : 1;
  for (const a of ctx.attempts) if (a.status !== null) n++;
  return n;
}
