// GET /admin/status: what `airlock status` shows — breakers, vendors' review state, budgets' burn in the
// current period. Read live from the running instance (breakers are per process; budgets come from the
// counters, so with Redis they are the fleet's).
import type { BudgetConfig } from '../config/types.ts';
import { periodOf, type BudgetSources } from '../cost/budget.ts';
import type { Counters } from '../cost/counters.ts';
import type { VendorRegister } from '../governance/vendor-register.ts';
import type { Breakers } from '../routing/breaker.ts';

export interface StatusDeps {
  breakers: Breakers;
  register: VendorRegister;
  counters: Counters;
  budgets: BudgetSources;
}

export interface BudgetStatus {
  budget: string;
  period: string;
  spentUsd: number;
  limitUsd: number;
  onExceed: 'block' | 'warn';
  resetAt: string;
}

export async function buildStatus(deps: StatusDeps, now: number): Promise<Record<string, unknown>> {
  const budgets: BudgetStatus[] = [];
  const owners: Array<[string, Map<string, BudgetConfig>]> = [
    ['key', deps.budgets.keys],
    ['app', deps.budgets.apps],
    ['team', deps.budgets.teams],
    ['vendor', deps.budgets.vendors],
  ];
  const all: Array<[string, BudgetConfig]> = owners.flatMap(([kind, map]) => [...map].map(([name, b]): [string, BudgetConfig] => [`${kind}:${name}`, b]));
  if (deps.budgets.global !== undefined) all.push(['global', deps.budgets.global]);
  for (const [key, budget] of all) {
    const period = periodOf(budget, now);
    budgets.push({ budget: key, period: period.id, spentUsd: await deps.counters.spent(key, period.id), limitUsd: budget.usd, onExceed: budget.onExceed, resetAt: new Date(period.resetAt).toISOString() });
  }
  return {
    time: new Date(now).toISOString(),
    breakers: deps.breakers.snapshot(),
    vendors: deps.register.list(now).map((v) => ({ name: v.name, status: v.effective.status, approvedData: v.effective.approvedData, reason: v.effective.reason })),
    budgets,
  };
}
