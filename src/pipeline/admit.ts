// admit: reserve the request's estimated cost against every budget that applies and count it against the
// rate limits, before any vendor is called. Key, app, team and global budgets hold the dearest estimate of the
// chain (of the targets left, when a vendor budget dropped the dearest), so a paid fallback cannot spend past a
// budget the first target was checked against.
// A vendor's budget is checked per target at that target's price: a target whose vendor budget cannot take it is
// dropped from the chain (the next target serves), and only when no target is left is the request refused.
// meter settles to the actual cost: the vendor that answered is charged, the other vendors' holds are freed.
import type { ChatRequest } from '../core/canonical.ts';
import type { AirlockError } from '../core/errors.ts';
import { applicableBudgets, budgetExceededError, estimateUsd, vendorBudget, type BudgetSources } from '../cost/budget.ts';
import type { Counters, RateLimits, RateResult, ReserveResult, ThresholdCrossing } from '../cost/counters.ts';
import type { PriceSource } from '../cost/pricing.ts';
import { RATE_WINDOW_MS, mergeRateResults, rateLimitError, rateLimitHeaders, rateLimits } from '../cost/rate.ts';
import type { Config } from '../config/types.ts';
import { documentsOf } from '../governance/text-slots.ts';
import type { BudgetHold, Principal, RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';

export interface AdmitDeps {
  config: Config;
  counters: Counters;
  budgets: BudgetSources;
  prices: PriceSource;
  /** each threshold crossing, reported once per budget, period and threshold (the gateway's alert center) */
  onCrossing: (crossing: ThresholdCrossing, now: number) => void;
}

/** What a request may cost at most, in tokens. */
export interface AdmitSize {
  input: number;
  maxOutput: number;
}

/** Default output allowance when the caller sets no max tokens: the estimate must not be zero. */
const DEFAULT_MAX_OUTPUT = 4096;

/**
 * A PDF page also goes to the model as an image besides its text: Anthropic puts a page at 1,500-3,000 tokens with
 * its text, and an image of a letter page at ~1,600 (https://docs.anthropic.com/en/docs/build-with-claude/pdf-support).
 */
const PDF_PAGE_TOKENS = 1600;

/** ~3 characters per token is on the generous side of every tokenizer in PROTOCOLS.md: estimates err high. */
export function roughTokens(req: ChatRequest): number {
  let chars = 0;
  for (const s of req.system) chars += s.length;
  for (const m of req.messages) for (const p of m.parts) chars += p.type === 'text' ? p.text.length : p.type === 'tool_call' ? p.arguments.length : p.type === 'tool_result' ? p.content.length : 0;
  let pages = 0;
  for (const d of documentsOf(req.messages)) {
    chars += d.text?.length ?? 0;
    pages += d.pages ?? 0;
  }
  for (const t of req.tools) chars += JSON.stringify(t.parameters).length + (t.description?.length ?? 0);
  return Math.ceil(chars / 3) + pages * PDF_PAGE_TOKENS;
}

export function chatSize(req: ChatRequest): AdmitSize {
  return { input: roughTokens(req), maxOutput: req.maxTokens ?? DEFAULT_MAX_OUTPUT };
}

/** Embeddings produce no output tokens: the estimate is the input alone. */
export function embeddingsSize(inputs: readonly string[]): AdmitSize {
  let chars = 0;
  for (const s of inputs) chars += s.length;
  return { input: Math.ceil(chars / 3), maxOutput: 0 };
}

function report(deps: AdmitDeps, crossed: ThresholdCrossing[], now: number): void {
  for (const c of crossed) deps.onCrossing(c, now);
}

/** Reserves each vendor's budget for that vendor's dearest target; returns the vendors refused and the holds taken. */
async function holdVendors<R>(ctx: RequestContext, targets: DecidedTarget<R>[], estimates: number[], deps: AdmitDeps): Promise<{ refused: Map<string, ReserveResult>; holds: BudgetHold[] }> {
  const perVendor = new Map<string, number>();
  targets.forEach((t, i) => {
    if (deps.budgets.vendors.has(t.vendor)) perVendor.set(t.vendor, Math.max(perVendor.get(t.vendor) ?? 0, estimates[i] ?? 0));
  });
  const refused = new Map<string, ReserveResult>();
  const holds: BudgetHold[] = [];
  if (perVendor.size === 0) return { refused, holds };
  const ttlMs = (targets[0]?.timeouts.totalMs ?? 0) + 60_000;
  await Promise.all(
    [...perVendor].map(async ([vendor, estimate]) => {
      const line = vendorBudget(deps.budgets, vendor, ctx.time);
      if (line === undefined) return;
      const id = `${ctx.id}|vendor:${vendor}`;
      const res = await deps.counters.reserve({ id, budgets: [line], estimateUsd: estimate, now: ctx.time, ttlMs });
      if (!res.ok) refused.set(vendor, res);
      else {
        holds.push({ id, vendor, estimateUsd: estimate });
        report(deps, res.crossed, ctx.time);
      }
    }),
  );
  return { refused, holds };
}

const keyRateCache = new WeakMap<Config, Map<string, RateLimits | undefined>>();

function keyRates(config: Config): Map<string, RateLimits | undefined> {
  let rates = keyRateCache.get(config);
  if (rates === undefined) {
    rates = new Map(config.keys.map((k) => [k.name, rateLimits(k.rate)]));
    keyRateCache.set(config, rates);
  }
  return rates;
}

interface RateHits {
  limited: Array<[string, string, RateLimits]>;
  results: RateResult[];
  merged: RateResult;
  tokens: number;
}

/** Counts the request against the app's and the key's rate limits; null when neither has one. */
async function hitRates(ctx: RequestContext, principal: Principal, size: AdmitSize, deps: AdmitDeps): Promise<RateHits | null> {
  const owners: Array<[string, string, RateLimits | undefined]> = [];
  if (principal.app) owners.push([`app:${principal.app}`, `app ${principal.app}`, rateLimits(deps.config.apps.get(principal.app)?.rate)]);
  owners.push([`key:${principal.keyName}`, `key ${principal.keyName}`, keyRates(deps.config).get(principal.keyName)]);
  const limited = owners.filter((o): o is [string, string, RateLimits] => o[2] !== undefined);
  if (limited.length === 0) return null;
  const tokens = size.input + size.maxOutput;
  const results = await Promise.all(limited.map(([key, , limits]) => deps.counters.hit(key, RATE_WINDOW_MS, 1, tokens, limits, ctx.time)));
  return { limited, results, merged: mergeRateResults(results), tokens };
}

/** A refused request costs no quota: every hold is freed and every rate window that counted it gives it back. */
async function undo(ctx: RequestContext, rate: RateHits | null, counters: Counters): Promise<void> {
  const counted = rate === null ? [] : rate.limited.filter((_, i) => rate.results[i]?.allowed === true);
  await Promise.all([
    release(ctx, counters),
    ...counted.map(([key, , limits]) => counters.hit(key, RATE_WINDOW_MS, -1, -(rate?.tokens ?? 0), limits, ctx.time)),
  ]);
}

type Refused = Extract<ReserveResult, { ok: false }>;

/** The budget refusal, with what is left and when it resets as headers for callers that budget themselves. */
function refusal(ctx: RequestContext, refused: Refused): AirlockError {
  ctx.rateHeaders = {
    ...ctx.rateHeaders,
    'x-airlock-budget-remaining-usd': refused.remainingUsd.toFixed(6),
    'x-airlock-budget-reset': new Date(refused.resetAt).toISOString(),
  };
  return budgetExceededError(refused);
}

const NO_VENDOR_HOLDS = { refused: new Map<string, ReserveResult>(), holds: [] as BudgetHold[] };

/**
 * Returns the targets the budgets leave in the chain, in order. Vendor holds, the key/app/team/global hold (at the
 * dearest target of the whole chain) and the rate limits go out together: one round trip to Redis, not three.
 */
export async function admit<R>(ctx: RequestContext, size: AdmitSize, targets: DecidedTarget<R>[], deps: AdmitDeps): Promise<DecidedTarget<R>[]> {
  const principal = ctx.principal;
  if (principal === null || targets.length === 0) return targets;
  const scope = { keyName: principal.keyName, ...(principal.app ? { app: principal.app } : {}), ...(principal.team ? { team: principal.team } : {}) };
  const budgets = applicableBudgets(deps.budgets, scope, ctx.time, deps.config);
  const priced = budgets.length > 0 || deps.budgets.vendors.size > 0;
  const estimates = priced
    ? targets.map((t) => {
        const price = deps.prices.price(t.vendor, t.vendorConfig.protocol, t.model)?.price;
        return price ? estimateUsd(size.input, size.maxOutput, price) : 0;
      })
    : [];
  const ttlMs = (targets[0] as DecidedTarget<R>).timeouts.totalMs + 60_000;
  const dearest = (skip: Map<string, ReserveResult>): number => Math.max(0, ...estimates.filter((_, i) => !skip.has((targets[i] as DecidedTarget<R>).vendor)));
  const reserveMain = (estimateUsd: number): Promise<ReserveResult> => deps.counters.reserve({ id: ctx.id, budgets, estimateUsd, now: ctx.time, ttlMs });
  const [vendors, first, rate] = await Promise.all([
    priced ? holdVendors(ctx, targets, estimates, deps) : NO_VENDOR_HOLDS,
    budgets.length > 0 ? reserveMain(dearest(NO_VENDOR_HOLDS.refused)) : null,
    hitRates(ctx, principal, size, deps),
  ]);
  const holds = [...vendors.holds];
  ctx.reservation = { holds };
  if (rate !== null) ctx.rateHeaders = rateLimitHeaders(rate.merged);
  let main = first;
  if (main?.ok === true) holds.push({ id: main.reservationId, vendor: null, estimateUsd: dearest(NO_VENDOR_HOLDS.refused) });
  const admitted = targets.filter((t) => !vendors.refused.has(t.vendor));
  if (admitted.length === 0) {
    await undo(ctx, rate, deps.counters);
    throw refusal(ctx, vendors.refused.get((targets[0] as DecidedTarget<R>).vendor) as Refused);
  }
  // the dearest target was dropped for its vendor's budget: the rest of the chain may fit where the whole did not
  if (main?.ok === false && dearest(vendors.refused) < dearest(NO_VENDOR_HOLDS.refused)) {
    main = await reserveMain(dearest(vendors.refused));
    if (main.ok) holds.push({ id: main.reservationId, vendor: null, estimateUsd: dearest(vendors.refused) });
  }
  if (main?.ok === false) {
    await undo(ctx, rate, deps.counters);
    throw refusal(ctx, main);
  }
  if (main?.ok === true) report(deps, main.crossed, ctx.time);
  if (rate !== null && !rate.merged.allowed) {
    await undo(ctx, rate, deps.counters);
    const at = rate.results.findIndex((r) => !r.allowed);
    throw rateLimitError(rate.results[at] ?? rate.merged, rate.limited[at]?.[1] ?? 'this key', rate.tokens);
  }
  return admitted;
}

/**
 * A token count's admission: it holds no budget (vendors do not bill counts) and uses no tokens, but it is a request,
 * so it counts against the key's and the app's requests per minute. Without that, a client looping on count_tokens
 * would reach the vendor's count endpoint as often as it liked.
 */
export async function admitCount(ctx: RequestContext, deps: AdmitDeps): Promise<void> {
  const principal = ctx.principal;
  if (principal === null) return;
  const rate = await hitRates(ctx, principal, { input: 0, maxOutput: 0 }, deps);
  if (rate === null) return;
  ctx.rateHeaders = rateLimitHeaders(rate.merged);
  if (rate.merged.allowed) return;
  await undo(ctx, rate, deps.counters);
  const at = rate.results.findIndex((r) => !r.allowed);
  throw rateLimitError(rate.results[at] ?? rate.merged, rate.limited[at]?.[1] ?? 'this key', rate.tokens);
}

/**
 * The meter's half: the actual cost replaces the estimate in every budget that held for the answering vendor; the
 * holds of vendors that did not answer, and every hold of a request that got no answer, are freed.
 */
export async function settle(ctx: RequestContext, counters: Counters): Promise<void> {
  const r = ctx.reservation;
  if (r === null) return;
  ctx.reservation = null;
  await Promise.all(
    r.holds.map((h) => {
      const usd = holdCost(ctx, h);
      return usd === null ? counters.release(h.id) : counters.settle(h.id, usd);
    }),
  );
}

/**
 * What a hold settles at, or null to release it. Key, app, team and global holds take the request's whole cost; a
 * vendor's hold takes what that vendor may bill: its answer and its failed calls (chargeFailedCalls). A cost that is
 * unknown settles at the estimate held.
 */
function holdCost(ctx: RequestContext, h: BudgetHold): number | null {
  const failed = ctx.failedCallsUsd;
  if (h.vendor === null) return ctx.vendor === null && failed === null ? null : (ctx.costUsd ?? h.estimateUsd);
  const failedHere = failed?.get(h.vendor);
  if (h.vendor !== ctx.vendor) return failedHere ?? null;
  return ctx.costUsd === null ? h.estimateUsd : ctx.costUsd - (ctx.failedCostUsd ?? 0) + (failedHere ?? 0);
}

async function release(ctx: RequestContext, counters: Counters): Promise<void> {
  const r = ctx.reservation;
  ctx.reservation = null;
  if (r !== null) await Promise.all(r.holds.map((h) => counters.release(h.id)));
}
