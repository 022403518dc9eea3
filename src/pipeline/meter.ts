// meter: cost from the vendor's reported usage, priced from the config's prices over the catalog. A vendor
// that reports no usage gets a local token count, marked reported:false so the cost reads as an estimate.
import type { ChatResponse, StreamEvent, Usage } from '../core/canonical.ts';
import { inOwnTurn } from '../core/own-turn.ts';
import { costUsd } from '../cost/price.ts';
import type { PriceSource } from '../cost/pricing.ts';
import type { RequestContext } from './context.ts';

/** What a local count needs, built lazily: most vendors report usage and never pay for it. */
export type Estimate = (outputText: string) => Usage;

export function meter(ctx: RequestContext, usage: Usage | null, prices: PriceSource, estimate: Estimate, outputText: () => string): void {
  const chosen = ctx.chosen;
  if (chosen === null || ctx.vendor === null || ctx.vendorModel === null) return;
  ctx.usage = usage ?? estimate(outputText());
  const priced = prices.price(ctx.vendor, chosen.vendorConfig.protocol, ctx.vendorModel);
  // A model neither the catalog nor the config prices is metered at zero; start-up and `airlock check` warn about it.
  ctx.costUsd = costUsd(ctx.usage, priced?.price ?? { input: 0, output: 0 });
  ctx.priceSource = priced === undefined ? 'unpriced' : priced.source === 'config' ? 'config' : `catalog:${prices.version}`;
}

/**
 * A call the caller cut short: it went away while the vendor had the request, and a vendor bills what it processed
 * whether or not anyone reads the answer. So the request is metered as sent to that vendor, its input counted
 * locally (reported:false) and its output, never seen, as none; the budgets then settle at that cost instead of
 * freeing the hold, and leaving early is no way around a budget. Does nothing for any other failure. The count runs
 * in an event-loop turn of its own (nobody waits for this answer, and callers who leave together would otherwise be
 * counted back to back while everyone else's requests wait).
 */
export async function meterAbandoned(ctx: RequestContext, prices: PriceSource, estimate: Estimate): Promise<void> {
  const cut = ctx.attempts[ctx.attempts.length - 1];
  const target = ctx.sentTo[ctx.sentTo.length - 1];
  if (ctx.vendor !== null || cut?.cutShort !== true || target === undefined) return;
  ctx.vendor = cut.vendor;
  ctx.vendorModel = cut.model;
  ctx.chosen = target;
  await inOwnTurn(() => meter(ctx, null, prices, estimate, () => ''));
}

/**
 * Failed calls a vendor may bill (a timeout after it had the request, an answer cut off or unreadable: see
 * UpstreamFailure.billable). Airlock never read their usage, so each is charged its input, counted locally and priced at
 * that call's vendor and model, with no output: a floor on what the vendor bills. Kept per vendor until the request is
 * over (chargeFailedCalls), since the answer's own metering may come later (streams).
 */
export function meterFailedCalls(ctx: RequestContext, prices: PriceSource, estimate: Estimate): void {
  let input: number | null = null;
  for (const a of ctx.attempts) {
    if (a.billable !== true) continue;
    const target = ctx.sentTo.find((t) => t.vendor === a.vendor);
    if (target === undefined) continue;
    input ??= estimate('').input;
    const priced = prices.price(a.vendor, target.vendorConfig.protocol, a.model);
    const usd = costUsd({ input, output: 0, reported: false }, priced?.price ?? { input: 0, output: 0 }) ?? 0;
    ctx.failedCallsUsd ??= new Map();
    ctx.failedCallsUsd.set(a.vendor, (ctx.failedCallsUsd.get(a.vendor) ?? 0) + usd);
  }
}

/**
 * Adds the failed calls' estimate to the request's cost, before it is recorded and budgets settle. An answer whose
 * cost is unknown stays unknown (failedCostUsd still says what the failed calls cost); with no answer, they are the
 * whole cost.
 */
export function chargeFailedCalls(ctx: RequestContext): void {
  if (ctx.failedCallsUsd === null || ctx.failedCostUsd !== null) return;
  let sum = 0;
  for (const usd of ctx.failedCallsUsd.values()) sum += usd;
  ctx.failedCostUsd = sum;
  if (ctx.vendor === null) ctx.costUsd = sum;
  else if (ctx.costUsd !== null) ctx.costUsd += sum;
}

/** Text and tool-call arguments of an answer, for a local count. */
export function answerText(res: ChatResponse): string {
  let out = '';
  for (const c of res.choices) for (const p of c.parts) out += p.type === 'text' ? p.text : p.type === 'tool_call' ? p.name + p.arguments : '';
  return out;
}

/** Meters a stream as its batches pass; close() once it is over, however it ended (the caller may have left). */
export interface StreamMeter {
  push(batch: StreamEvent[]): StreamEvent[];
  close(): void;
}

export function meterStream(ctx: RequestContext, prices: PriceSource, estimate: Estimate): StreamMeter {
  let text = '';
  let usage: Usage | null = null;
  return {
    push(batch) {
      for (const ev of batch) {
        if (ev.type === 'usage') usage = ev.usage;
        else if (ev.type === 'text') text += ev.text;
        else if (ev.type === 'tool_call') text += ev.name;
        else if (ev.type === 'tool_args') text += ev.delta;
        else if (ev.type === 'error') ctx.streamError = ev.error.code;
      }
      if (usage !== null && ctx.usage !== usage) meter(ctx, usage, prices, estimate, () => text);
      return batch;
    },
    close() {
      // a vendor that reported no usage is counted locally, once, when the stream is over (before it is recorded)
      if (ctx.usage === null) meter(ctx, usage, prices, estimate, () => text);
      if (ctx.content !== null) ctx.content.answer = text;
    },
  };
}
