// The month-end forecast behind `airlock report forecast`, pure over the daily spend series.
//
// Method, per scope (each team, each app, and everything), all in UTC:
//  - month-to-date (MTD) = spend from the 1st of the current month until now, today's partial day included;
//  - the daily rate r = mean spend of the last 7 *completed* days with data (days with at least one request),
//    looking back up to 31 days before the month began, so the 2nd of a month still has a week to go on.
//    Today is left out because its partial spend would pull the mean down; when only today has data it is used
//    as it stands (an underestimate, said so by `rateDays`);
//  - days left L = (start of next month − now) / 24 h, fractional;
//  - projection = MTD + r × L;
//  - interval = projection ± 1.96 × s × √L, s the sample standard deviation of those daily values: the spread
//    of a sum of L independent days whose spend is normal with that spread (a ~95% interval). The low end is
//    floored at MTD (money spent is not given back). With fewer than 2 days, s is unknown and so is the interval;
//  - a budget runs out at now + (limit − spent in its period) / r days, if that falls before the period resets;
//    a daily budget not exhausted today is checked for tomorrow too (a fresh day at the same rate). Monthly
//    budgets are forecast within the current month only; fixed-window budgets are not forecast.
import type { BudgetConfig } from '../config/types.ts';
import { DAY_MS, type DailySpend, type SpendScope } from '../store/sqlite/spend.ts';
import { isoSecond } from './period.ts';

export const RATE_DAYS = 7;
export const LOOKBACK_DAYS = 31;
const Z95 = 1.96;

export interface BudgetForecast {
  usd: number;
  per: BudgetConfig['per'];
  onExceed: BudgetConfig['onExceed'];
  /** spent in the budget's current period (today for a daily budget, month-to-date for a monthly one) */
  spentUsd: number | null;
  exhausted: boolean;
  /** UTC date (YYYY-MM-DD) the budget runs out at the current rate; null when it does not in its forecast span */
  runsOut: string | null;
  /** why there is no forecast, for budgets this method does not cover */
  note?: string;
}

export interface ScopeForecast {
  scope: SpendScope;
  name: string | null;
  monthToDateUsd: number;
  /** every day of the month up to today, 0 where nothing was spent */
  series: { date: string; usd: number }[];
  dailyRateUsd: number;
  /** how many days the rate is the mean of */
  rateDays: number;
  projectionUsd: number;
  low: number | null;
  high: number | null;
  budget: BudgetForecast | null;
}

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** epoch ms: start of the current UTC month, of the next, and of today */
export function monthOf(now: number): { start: number; end: number; today: number } {
  const d = new Date(now);
  return {
    start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
    today: Math.floor(now / DAY_MS) * DAY_MS,
  };
}

/** The earliest day the forecast reads. */
export const forecastSince = (now: number): number => monthOf(now).start - LOOKBACK_DAYS * DAY_MS;

function meanAndSd(values: readonly number[]): { mean: number; sd: number | null } {
  if (values.length === 0) return { mean: 0, sd: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, sd: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** The UTC date of the instant a budget is used up: the day holding the moment just before it. */
const runOutDate = (at: number): string => isoDate(at - 1);

function budgetForecast(budget: BudgetConfig, days: ReadonlyMap<number, number>, mtd: number, rate: number, now: number): BudgetForecast {
  const base = { usd: budget.usd, per: budget.per, onExceed: budget.onExceed };
  const { end, start, today } = monthOf(now);
  if (budget.per === 'window') return { ...base, spentUsd: null, exhausted: false, runsOut: null, note: 'fixed-window budgets are not forecast' };
  const spent = budget.per === 'day' ? (days.get(today) ?? 0) : mtd;
  if (spent >= budget.usd) {
    if (budget.per === 'day') return { ...base, spentUsd: spent, exhausted: true, runsOut: isoDate(today) };
    let sum = 0;
    for (let day = start; day <= today; day += DAY_MS) {
      sum += days.get(day) ?? 0;
      if (sum >= budget.usd) return { ...base, spentUsd: spent, exhausted: true, runsOut: isoDate(day) };
    }
  }
  if (rate <= 0) return { ...base, spentUsd: spent, exhausted: false, runsOut: null };
  const resetAt = budget.per === 'day' ? today + DAY_MS : end;
  const at = now + ((budget.usd - spent) / rate) * DAY_MS;
  if (at < resetAt) return { ...base, spentUsd: spent, exhausted: false, runsOut: runOutDate(at) };
  // A daily budget starts afresh tomorrow: at this rate, does a whole day overrun it?
  const tomorrow = resetAt + (budget.usd / rate) * DAY_MS;
  const runsOut = budget.per === 'day' && tomorrow < resetAt + DAY_MS ? runOutDate(tomorrow) : null;
  return { ...base, spentUsd: spent, exhausted: false, runsOut };
}

/** One scope's forecast from its daily spend (day start → USD), read from forecastSince(now). */
export function forecastScope(
  id: { scope: SpendScope; name: string | null },
  days: ReadonlyMap<number, number>,
  budget: BudgetConfig | undefined,
  now: number,
): ScopeForecast {
  const { start, end, today } = monthOf(now);
  const series: { date: string; usd: number }[] = [];
  let mtd = 0;
  for (let day = start; day <= today; day += DAY_MS) {
    const usd = days.get(day) ?? 0;
    series.push({ date: isoDate(day), usd });
    mtd += usd;
  }
  const completed = [...days.keys()].filter((d) => d < today).sort((a, b) => a - b).slice(-RATE_DAYS);
  const rateDays = completed.length > 0 ? completed : [...days.keys()].filter((d) => d === today);
  const { mean, sd } = meanAndSd(rateDays.map((d) => days.get(d) ?? 0));
  const left = (end - now) / DAY_MS;
  const projection = mtd + mean * left;
  const half = sd === null ? null : Z95 * sd * Math.sqrt(left);
  return {
    ...id,
    monthToDateUsd: mtd,
    series,
    dailyRateUsd: mean,
    rateDays: rateDays.length,
    projectionUsd: projection,
    low: half === null ? null : Math.max(mtd, projection - half),
    high: half === null ? null : projection + half,
    budget: budget === undefined ? null : budgetForecast(budget, days, mtd, mean, now),
  };
}

export interface Budgets {
  teams: ReadonlyMap<string, { budget?: BudgetConfig }>;
  apps: ReadonlyMap<string, { budget?: BudgetConfig }>;
}

/** Every scope with spend since forecastSince(now), teams first, then apps, then the total. */
export function forecast(daily: readonly DailySpend[], budgets: Budgets | null, now: number): ScopeForecast[] {
  const scopes = new Map<string, { scope: SpendScope; name: string | null; days: Map<number, number> }>();
  for (const d of daily) {
    const key = JSON.stringify([d.scope, d.name]);
    let entry = scopes.get(key);
    if (entry === undefined) scopes.set(key, (entry = { scope: d.scope, name: d.name, days: new Map() }));
    entry.days.set(d.day, d.costUsd);
  }
  const order: Record<SpendScope, number> = { team: 0, app: 1, global: 2 };
  return [...scopes.values()]
    .sort((a, b) => order[a.scope] - order[b.scope] || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'))
    .map((s) => {
      const owner = s.name === null || budgets === null ? undefined : s.scope === 'team' ? budgets.teams.get(s.name) : s.scope === 'app' ? budgets.apps.get(s.name) : undefined;
      return forecastScope({ scope: s.scope, name: s.name }, s.days, owner?.budget, now);
    });
}

/** The report as data: the month, the days left in it and every scope's forecast with its daily series. */
export function forecastJson(scopes: readonly ScopeForecast[], now: number): object {
  const { start, end } = monthOf(now);
  return { now: isoSecond(now), month: isoSecond(start).slice(0, 7), daysLeft: (end - now) / DAY_MS, scopes };
}
