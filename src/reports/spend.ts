// `airlock report spend` as data: each group's requests, tokens and cost over a period, with its share of the total.
import type { SpendDimension, SpendGroup } from '../store/sqlite/spend.ts';
import { isoSecond } from './period.ts';

export interface SpendPeriod {
  by: SpendDimension;
  since: number;
  until: number;
}

export type SpendTotal = Omit<SpendGroup, 'name'>;

/** The share of the total, as a fraction; 0 when nothing was spent (no share of nothing). */
export function share(cost: number, total: number): number {
  return total > 0 ? cost / total : 0;
}

export function spendTotal(groups: readonly SpendGroup[]): SpendTotal {
  const sum = (f: (g: SpendGroup) => number): number => groups.reduce((n, g) => n + f(g), 0);
  return {
    requests: sum((g) => g.requests), inputTokens: sum((g) => g.inputTokens), outputTokens: sum((g) => g.outputTokens),
    costUsd: sum((g) => g.costUsd), estimatedUsd: sum((g) => g.estimatedUsd), estimatedRequests: sum((g) => g.estimatedRequests),
  };
}

export function spendJson(groups: readonly SpendGroup[], period: SpendPeriod): object {
  const total = spendTotal(groups);
  const rows = groups.map((g) => ({ ...g, share: share(g.costUsd, total.costUsd) }));
  return { since: isoSecond(period.since), until: isoSecond(period.until), by: period.by, total, groups: rows };
}
