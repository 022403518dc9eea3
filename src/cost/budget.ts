// Which budgets a request answers to, each resolved to its current period, and the admit-stage estimate. Pure: the
// reservation itself goes through the Counters port (cost/counters.ts).
import { AirlockError } from '../core/errors.ts';
import type { BudgetConfig, Config, PriceConfig } from '../config/types.ts';
import type { BudgetLine, ReserveResult } from './counters.ts';

/** who a request is for, from the identify stage, and the vendor of the target it will try first */
export interface BudgetScope {
  keyName: string;
  app?: string;
  team?: string;
  vendor?: string;
}

/** Budgets by owner: keys, apps, teams and vendors by name, and the gateway's global budget. */
export interface BudgetSources {
  keys: Map<string, BudgetConfig>;
  apps: Map<string, BudgetConfig>;
  teams: Map<string, BudgetConfig>;
  vendors: Map<string, BudgetConfig>;
  global?: BudgetConfig;
}

export function budgetSourcesFromConfig(config: Config): BudgetSources {
  const keys = new Map<string, BudgetConfig>();
  const apps = new Map<string, BudgetConfig>();
  const teams = new Map<string, BudgetConfig>();
  const vendors = new Map<string, BudgetConfig>();
  for (const key of config.keys) if (key.budget !== undefined) keys.set(key.name, key.budget);
  for (const app of config.apps.values()) if (app.budget !== undefined) apps.set(app.name, app.budget);
  for (const team of config.teams.values()) if (team.budget !== undefined) teams.set(team.name, team.budget);
  for (const vendor of config.vendors.values()) if (vendor.budget !== undefined) vendors.set(vendor.name, vendor.budget);
  return { keys, apps, teams, vendors, ...(config.budget === undefined ? {} : { global: config.budget }) };
}

/** A budget resolved to the period holding `now`. */
export function budgetLine(key: string, budget: BudgetConfig, now: number): BudgetLine {
  const { id, resetAt, startAt } = periodOf(budget, now);
  const line: BudgetLine = { key, period: id, limitUsd: budget.usd, onExceed: budget.onExceed, resetAt, startAt };
  if (budget.alertAt !== undefined) line.thresholds = [...budget.alertAt].map((f) => Math.round(f * 10_000) / 100).sort((a, b) => a - b);
  return line;
}

/** The budget of one vendor, checked per target of a fallback chain at that target's price. */
export function vendorBudget(sources: BudgetSources, vendor: string, now: number): BudgetLine | undefined {
  const budget = sources.vendors.get(vendor);
  return budget === undefined ? undefined : budgetLine(`vendor:${vendor}`, budget, now);
}

/**
 * Every budget that applies, narrowest first (key, app, team, vendor, global), so a refusal names the most specific
 * budget that is full. The team is the scope's, else the app's team in config.
 */
export function applicableBudgets(sources: BudgetSources, scope: BudgetScope, now: number, config?: Config): BudgetLine[] {
  const team = scope.team ?? (scope.app === undefined ? undefined : config?.apps.get(scope.app)?.team);
  const owners: Array<[string, BudgetConfig | undefined]> = [
    [`key:${scope.keyName}`, sources.keys.get(scope.keyName)],
    [`app:${scope.app ?? ''}`, scope.app === undefined ? undefined : sources.apps.get(scope.app)],
    [`team:${team ?? ''}`, team === undefined ? undefined : sources.teams.get(team)],
    [`vendor:${scope.vendor ?? ''}`, scope.vendor === undefined ? undefined : sources.vendors.get(scope.vendor)],
    ['global', sources.global],
  ];
  const lines: BudgetLine[] = [];
  for (const [key, budget] of owners) if (budget !== undefined) lines.push(budgetLine(key, budget, now));
  return lines;
}

export interface Period {
  /** '2026-11-27' (day), '2026-11' (month), 'w30-689' (the 690th 30-day window since 1970-01-01) */
  id: string;
  /** epoch ms when the next period starts */
  resetAt: number;
  /** epoch ms when this period started */
  startAt: number;
}

const DAY_MS = 86_400_000;

/**
 * The period holding `now`, in UTC. Fixed windows count whole `windowDays` from the Unix epoch: config has no start
 * date for a window yet.
 */
export function periodOf(budget: Pick<BudgetConfig, 'per' | 'windowDays'>, now: number): Period {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (budget.per === 'day') {
    const start = Date.UTC(y, m, d.getUTCDate());
    return { id: new Date(start).toISOString().slice(0, 10), resetAt: start + DAY_MS, startAt: start };
  }
  if (budget.per === 'month') {
    return { id: `${y}-${String(m + 1).padStart(2, '0')}`, resetAt: Date.UTC(y, m + 1, 1), startAt: Date.UTC(y, m, 1) };
  }
  const days = Math.max(1, Math.floor(budget.windowDays ?? 30));
  const n = Math.floor(now / (days * DAY_MS));
  return { id: `w${days}-${n}`, resetAt: (n + 1) * days * DAY_MS, startAt: n * days * DAY_MS };
}

/** List-price USD of a request at its worst: every prompt token plus the whole output allowance. */
export function estimateUsd(inputTokens: number, maxOutputTokens: number, price: PriceConfig): number {
  return (inputTokens * price.input + maxOutputTokens * price.output) / 1_000_000;
}

/** The 402 for a refused reservation: final (x-should-retry: false), since a full budget will not clear in seconds. */
export function budgetExceededError(refusal: Extract<ReserveResult, { ok: false }>): AirlockError {
  const { refusedBy, remainingUsd, resetAt } = refusal;
  return new AirlockError(
    'budget_exceeded',
    `budget ${refusedBy.key} for ${refusedBy.period} is exhausted: $${remainingUsd.toFixed(4)} of ` +
      `$${refusedBy.limitUsd} left, not enough for this request; it resets at ${new Date(resetAt).toISOString()}`,
  );
}
