// admit: reserve the request's estimated cost against every budget that applies and count it against the
// rate limits, before any vendor is called. The estimate uses the dearest target of the chain, so a paid
// fallback cannot spend past a budget the first target was checked against. meter settles to the actual cost.
import type { ChatRequest } from '../core/canonical.ts';
import { applicableBudgets, budgetExceededError, estimateUsd, type BudgetSources } from '../cost/budget.ts';
import type { Counters } from '../cost/counters.ts';
import type { PriceSource } from '../cost/pricing.ts';
import { RATE_WINDOW_MS, rateLimitError, rateLimitHeaders, rateLimits } from '../cost/rate.ts';
import type { Config } from '../config/types.ts';
import type { RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';

export interface AdmitDeps {
  config: Config;
  counters: Counters;
  budgets: BudgetSources;
  prices: PriceSource;
}

/** Default output allowance when the caller sets no max tokens: the estimate must not be zero. */
const DEFAULT_MAX_OUTPUT = 4096;

/** ~3 characters per token is on the generous side of every tokenizer in PROTOCOLS.md: estimates err high. */
export function roughTokens(req: ChatRequest): number {
  let chars = 0;
  for (const s of req.system) chars += s.length;
  for (const m of req.messages) for (const p of m.parts) chars += p.type === 'text' ? p.text.length : p.type === 'tool_call' ? p.arguments.length : p.type === 'tool_result' ? p.content.length : 0;
  for (const t of req.tools) chars += JSON.stringify(t.parameters).length + (t.description?.length ?? 0);
  return Math.ceil(chars / 3);
}

export async function admit(ctx: RequestContext, req: ChatRequest, targets: DecidedTarget<unknown>[], deps: AdmitDeps): Promise<void> {
  const principal = ctx.principal;
  if (principal === null || targets.length === 0) return;
  const first = targets[0] as DecidedTarget<unknown>;
  const budgets = applicableBudgets(deps.budgets, { keyName: principal.keyName, ...(principal.app ? { app: principal.app } : {}), ...(principal.team ? { team: principal.team } : {}), vendor: first.vendor }, ctx.time, deps.config);
  const limits = principal.app ? rateLimits(deps.config.apps.get(principal.app)?.rate) : undefined;
  if (budgets.length === 0 && limits === undefined) return;
  const input = roughTokens(req);
  const maxOutput = req.maxTokens ?? DEFAULT_MAX_OUTPUT;
  if (budgets.length > 0) {
    let estimate = 0;
    for (const t of targets) {
      const price = deps.prices.price(t.vendor, t.vendorConfig.protocol, t.model)?.price;
      if (price) estimate = Math.max(estimate, estimateUsd(input, maxOutput, price));
    }
    const res = await deps.counters.reserve({ id: ctx.id, budgets, estimateUsd: estimate, now: ctx.time, ttlMs: first.timeouts.totalMs + 60_000 });
    if (!res.ok) throw budgetExceededError(res);
    ctx.reservation = { id: res.reservationId, estimateUsd: estimate };
    for (const c of res.crossed) {
      // once per budget, period and threshold: the counters report each crossing a single time
      process.stderr.write(`airlock: budget ${c.key} (${c.period}) passed ${c.threshold}%: ${c.usedUsd.toFixed(4)} of ${c.limitUsd} USD\n`);
    }
  }
  if (limits !== undefined && principal.app) {
    const hit = await deps.counters.hit(`app:${principal.app}`, RATE_WINDOW_MS, 1, input + maxOutput, limits, ctx.time);
    ctx.rateHeaders = rateLimitHeaders(hit);
    if (!hit.allowed) {
      await release(ctx, deps.counters);
      throw rateLimitError(hit, `app ${principal.app}`, input + maxOutput);
    }
  }
}

/** The meter's half: the actual cost replaces the estimate; a request that never got an answer frees its hold. */
export async function settle(ctx: RequestContext, counters: Counters): Promise<void> {
  const r = ctx.reservation;
  if (r === null) return;
  ctx.reservation = null;
  if (ctx.vendor === null) await counters.release(r.id);
  else await counters.settle(r.id, ctx.costUsd ?? r.estimateUsd);
}

async function release(ctx: RequestContext, counters: Counters): Promise<void> {
  const r = ctx.reservation;
  ctx.reservation = null;
  if (r !== null) await counters.release(r.id);
}
