// What `airlock check` adds about cost: every budget and rate limit in force, by owner, so an operator sees before
// the start what will refuse requests (block), what will only alert (warn), and at which thresholds.
import { periodOf } from '../cost/budget.ts';
import type { BudgetConfig, Config, RateConfig } from '../config/types.ts';

function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 4 })}`;
}

function budgetText(b: BudgetConfig, now: number): string {
  const per = b.per === 'window' ? `${b.windowDays ?? 30}-day window` : b.per;
  const alerts = (b.alertAt ?? [0.5, 0.8, 1]).map((f) => `${Math.round(f * 1000) / 10}%`).join(', ');
  const reset = new Date(periodOf(b, now).resetAt).toISOString().slice(0, 16).replace('T', ' ');
  return `${usd(b.usd)} per ${per}, ${b.onExceed === 'block' ? 'blocks' : 'warns'} when spent, alerts at ${alerts}; resets ${reset} UTC`;
}

function rateText(r: RateConfig): string {
  const parts = [r.rpm === undefined ? null : `${r.rpm.toLocaleString('en-US')} requests/min`, r.tpm === undefined ? null : `${r.tpm.toLocaleString('en-US')} tokens/min`];
  return parts.filter((p) => p !== null).join(', ');
}

export function costSummary(config: Config, now: number): string {
  const budgets: Array<[string, BudgetConfig | undefined]> = [
    ['global', config.budget],
    ...[...config.vendors.values()].map((v): [string, BudgetConfig | undefined] => [`vendor ${v.name}`, v.budget]),
    ...[...config.teams.values()].map((t): [string, BudgetConfig | undefined] => [`team ${t.name}`, t.budget]),
    ...[...config.apps.values()].map((a): [string, BudgetConfig | undefined] => [`app ${a.name}`, a.budget]),
    ...config.keys.map((k): [string, BudgetConfig | undefined] => [`key ${k.name}`, k.budget]),
  ];
  const rates: Array<[string, RateConfig | undefined]> = [
    ...[...config.apps.values()].map((a): [string, RateConfig | undefined] => [`app ${a.name}`, a.rate]),
    ...config.keys.map((k): [string, RateConfig | undefined] => [`key ${k.name}`, k.rate]),
  ];
  const set = budgets.filter((b): b is [string, BudgetConfig] => b[1] !== undefined);
  const limited = rates.filter((r): r is [string, RateConfig] => r[1] !== undefined && (r[1].rpm !== undefined || r[1].tpm !== undefined));
  const width = Math.max(0, ...[...set, ...limited].map(([owner]) => owner.length));
  const lines = [set.length === 0 ? 'budgets: none (spend is metered and reported, never refused)' : 'budgets:'];
  for (const [owner, b] of set) lines.push(`  ${owner.padEnd(width)}  ${budgetText(b, now)}`);
  lines.push(limited.length === 0 ? 'rate limits: none' : 'rate limits:');
  for (const [owner, r] of limited) lines.push(`  ${owner.padEnd(width)}  ${rateText(r)}`);
  return `${lines.join('\n')}\n`;
}
