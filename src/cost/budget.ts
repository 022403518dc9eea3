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

/** Budgets by owner. Config has team and app budgets today; key, vendor and global are read here once config has them. */
export interface BudgetSources {
  keys: Map<string, BudgetConfig>;
  apps: Map<string, BudgetConfig>;
  teams: Map<string, BudgetConfig>;
  vendors: Map<string, BudgetConfig>;
  global?: BudgetConfig;
}

export function budgetSourcesFromConfig(config: Config): BudgetSources {
  const apps = new Map<string, BudgetConfig>();
  const teams = new Map<string, BudgetConfig>();
  for (const app of config.apps.values()) if (app.budget !== undefined) apps.set(app.name, app.budget);
  for (const team of config.teams.values()) if (team.budget !== undefined) teams.set(team.name, team.budget);
  return { keys: new Map(), apps, teams, vendors: new Map() };
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
  for (const [key, budget] of owners) {
    if (budget === undefined) continue;
    const { id, resetAt } = periodOf(budget, now);
    lines.push({ key, period: id, limitUsd: budget.usd, onExceed: budget.onExceed, resetAt });
  }
  return lines;
}

export interface Period {
  /** '2026-11-27' (day), '2026-11' (month), 'w30-689' (the 690th 30-day window since 1970-01-01) */
  id: string;
  /** epoch ms when the next period starts */
  resetAt: number;
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
    return { id: new Date(start).toISOString().slice(0, 10), resetAt: start + DAY_MS };
  }
  if (budget.per === 'month') {
    return { id: `${y}-${String(m + 1).padStart(2, '0')}`, resetAt: Date.UTC(y, m + 1, 1) };
  }
  const days = Math.max(1, Math.floor(budget.windowDays ?? 30));
  const n = Math.floor(now / (days * DAY_MS));
  return { id: `w${days}-${n}`, resetAt: (n + 1) * days * DAY_MS };
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
