// The replay behind `airlock report what-if`, pure over the recorded groups (store/sqlite/usage-replay.ts).
//
// Per recorded group (logical model × vendor × vendor model):
// - routed (its logical model has a --route): all its tokens at the route target's scenario price;
// - repriced (its vendor model has a --price): all its tokens at that price;
// - otherwise its recorded cost stands, and only the rows never priced are priced, at today's price;
// then × the traffic multiplier. "Recorded" is always the logged cost (rows never priced add nothing).
// Tokens stay as recorded: another model's tokenizer would count the same text differently.
import type { PriceConfig } from '../config/types.ts';
import { costUsd } from '../cost/price.ts';
import type { UsageGroup, UsageTokens } from '../store/sqlite/usage-replay.ts';
import { isoSecond } from './period.ts';
import { scenarioPrice, targetKey, type PriceLookup, type Scenario, type Target } from './what-if-scenario.ts';

export interface Replayed extends UsageTokens {
  recordedUsd: number;
  replayedUsd: number;
  diffUsd: number;
  /** (replayed − recorded) / recorded × 100; null when nothing was recorded */
  diffPercent: number | null;
  /** requests whose cost neither the store nor the scenario knows: left out of replayedUsd */
  unpricedRequests: number;
}

export interface ReplayedModel extends Replayed {
  /** null for recorded usage without a logical model */
  logicalModel: string | null;
  /** the vendor models this logical model's tokens are priced at in the scenario */
  replayedOn: string[];
}

export interface WhatIf {
  total: Replayed;
  models: ReplayedModel[];
}

function cost(tokens: UsageTokens, price: PriceConfig): number {
  return costUsd({ input: tokens.inputTokens, output: tokens.outputTokens, cacheRead: tokens.cacheReadTokens, reported: true }, price) ?? 0;
}

interface GroupReplay {
  replayedUsd: number;
  unpricedRequests: number;
  on: string | null;
}

function replayGroup(g: UsageGroup, scenario: Scenario, today: PriceLookup): GroupReplay {
  const recordedAs: Target | null = g.vendor !== null && g.vendorModel !== null ? { vendor: g.vendor, model: g.vendorModel } : null;
  const route = g.logicalModel === null ? undefined : scenario.routes.get(g.logicalModel);
  const target = route ?? recordedAs;
  if (target === null) return { replayedUsd: g.costUsd, unpricedRequests: g.unpriced.requests, on: null };
  const override = scenario.prices.get(targetKey(target));
  const price = route !== undefined ? scenarioPrice(scenario, today, route) : override;
  if (price !== undefined) return { replayedUsd: cost(g, price), unpricedRequests: 0, on: targetKey(target) };
  // Not rerouted nor repriced: what was logged stands; the rows never priced get today's price if there is one.
  const now = g.unpriced.requests > 0 ? today(target.vendor, target.model) : undefined;
  if (now === undefined) return { replayedUsd: g.costUsd, unpricedRequests: g.unpriced.requests, on: targetKey(target) };
  return { replayedUsd: g.costUsd + cost(g.unpriced, now), unpricedRequests: 0, on: targetKey(target) };
}

function finish(sums: UsageTokens & { recordedUsd: number; replayedUsd: number; unpricedRequests: number }, traffic: number): Replayed {
  const replayedUsd = sums.replayedUsd * traffic;
  const diffUsd = replayedUsd - sums.recordedUsd;
  return {
    requests: sums.requests, inputTokens: sums.inputTokens, outputTokens: sums.outputTokens, cacheReadTokens: sums.cacheReadTokens,
    recordedUsd: sums.recordedUsd, replayedUsd, diffUsd, diffPercent: sums.recordedUsd > 0 ? (diffUsd / sums.recordedUsd) * 100 : null,
    unpricedRequests: sums.unpricedRequests,
  };
}

type Sums = UsageTokens & { recordedUsd: number; replayedUsd: number; unpricedRequests: number };

const zero = (): Sums => ({ requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, recordedUsd: 0, replayedUsd: 0, unpricedRequests: 0 });

function add(into: Sums, g: UsageGroup, r: GroupReplay): void {
  into.requests += g.requests;
  into.inputTokens += g.inputTokens;
  into.outputTokens += g.outputTokens;
  into.cacheReadTokens += g.cacheReadTokens;
  into.recordedUsd += g.costUsd;
  into.replayedUsd += r.replayedUsd;
  into.unpricedRequests += r.unpricedRequests;
}

/** Groups arrive ordered by logical model (nulls last); so do the models of the answer. */
export function replay(groups: readonly UsageGroup[], scenario: Scenario, today: PriceLookup): WhatIf {
  const perModel = new Map<string | null, { sums: Sums; on: Set<string> }>();
  const total = zero();
  for (const g of groups) {
    const r = replayGroup(g, scenario, today);
    let m = perModel.get(g.logicalModel);
    if (m === undefined) perModel.set(g.logicalModel, (m = { sums: zero(), on: new Set() }));
    add(m.sums, g, r);
    add(total, g, r);
    if (r.on !== null) m.on.add(r.on);
  }
  const models = [...perModel].map(([logicalModel, m]) => ({ logicalModel, ...finish(m.sums, scenario.traffic), replayedOn: [...m.on].sort() }));
  return { total: finish(total, scenario.traffic), models };
}

const TOKENIZER_NOTE = "token counts are as recorded: a different model's tokenizer would count the same text differently";

/** What the replay could not do, or did not touch, said with the result. */
export function whatIfNotes(result: WhatIf, scenario: Scenario): string[] {
  const out = [TOKENIZER_NOTE];
  const recorded = new Set(result.models.map((m) => m.logicalModel));
  for (const logical of scenario.routes.keys()) {
    if (!recorded.has(logical)) out.push(`the route of ${logical}: no usage of logical model ${logical} recorded in this period`);
  }
  if (result.total.unpricedRequests > 0) {
    out.push(`${result.total.unpricedRequests} requests were never priced and nothing prices their model today: left out of replayed`);
  }
  return out;
}

function scenarioJson(s: Scenario): object {
  return {
    prices: Object.fromEntries(s.prices),
    routes: Object.fromEntries([...s.routes].map(([logical, t]) => [logical, `${t.vendor}/${t.model}`])),
    traffic: s.traffic,
  };
}

/** The report as data: the period, the scenario, the totals and each logical model's replay, with the notes. */
export function whatIfJson(result: WhatIf, scenario: Scenario, period: { since: number; until: number }): object {
  return {
    since: isoSecond(period.since), until: isoSecond(period.until), scenario: scenarioJson(scenario),
    total: result.total, models: result.models, notes: whatIfNotes(result, scenario),
  };
}
