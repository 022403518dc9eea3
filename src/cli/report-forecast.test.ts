import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogRow } from '../pipeline/ports.ts';
import { forecastScope, type ScopeForecast } from '../reports/forecast.ts';
import { day, NOV1, row, runReport, seededStore, tempDir } from './report-spend.fixture.ts';

/** the start of Nov 11: ten whole days recorded, 20 days of November left */
const NOW = Date.UTC(2026, 10, 11);
const RESEARCH = [1, 3, 1, 3, 1, 3, 2];

// support/helpdesk: $2 every day of Nov 1–10. research/batch: $100 on Oct 30 (before the month and outside the
// last 7 days with data), then 1,3,1,3,1,3,2 on Nov 4–10: mean 2, sample standard deviation 1.
function history(): RequestLogRow[] {
  const helpdesk = { team: 'support', app: 'helpdesk' };
  const batch = { team: 'research', app: 'batch' };
  return [
    ...Array.from({ length: 10 }, (_, i) => row({ ...helpdesk, time: day(i + 1), costUsd: 2 })),
    row({ ...batch, time: Date.UTC(2026, 9, 30, 9), costUsd: 100 }),
    ...RESEARCH.map((usd, i) => row({ ...batch, time: day(i + 4, 8), costUsd: usd })),
  ];
}

const CONFIG = (url: string): string => [
  `store: "${url}"`,
  'vendors:',
  '  onprem: { protocol: openai, base_url: "http://127.0.0.1:11434/v1", region: internal, review: { status: approved } }',
  'models:',
  '  chat: { targets: [{ vendor: onprem, model: llama }] }',
  'teams:',
  '  support: { budget: { usd: 50, per: month } }',
  '  research: { budget: { usd: 10, per: month, on_exceed: warn } }',
  'apps:',
  '  helpdesk: { team: support, budget: { usd: 1.5, per: day } }',
  '  batch: { team: research, budget: { usd: 100, per: window, window_days: 7 } }',
  '',
].join('\n');

async function configured(t: { after(fn: () => void): void }): Promise<string> {
  const url = await seededStore(t, history());
  const file = path.join(tempDir(t), 'airlock.yaml');
  fs.writeFileSync(file, CONFIG(url));
  return file;
}

async function forecastJson(argv: string[]): Promise<{ month: string; daysLeft: number; scopes: ScopeForecast[] }> {
  const r = await runReport(['forecast', '--format', 'json', ...argv], NOW);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as { month: string; daysLeft: number; scopes: ScopeForecast[] };
}

const find = (scopes: ScopeForecast[], scope: string, name: string | null): ScopeForecast => {
  const s = scopes.find((x) => x.scope === scope && x.name === name);
  assert.ok(s, `${scope} ${name}`);
  return s;
};

test('forecast: $2/day for 10 days of a 30-day month ends at 60, interval 0; budgets run out on known dates', { timeout: 10_000 }, async (t) => {
  const r = await forecastJson(['--config', await configured(t)]);
  assert.equal(r.month, '2026-11');
  assert.equal(r.daysLeft, 20);
  assert.deepEqual(r.scopes.map((s) => [s.scope, s.name]), [['team', 'research'], ['team', 'support'], ['app', 'batch'], ['app', 'helpdesk'], ['global', null]]);
  const support = find(r.scopes, 'team', 'support');
  assert.equal(support.monthToDateUsd, 20);
  assert.equal(support.series.length, 11, 'Nov 1 to today');
  assert.deepEqual(support.series[0], { date: '2026-11-01', usd: 2 });
  assert.deepEqual(support.series.at(-1), { date: '2026-11-11', usd: 0 });
  assert.equal(support.dailyRateUsd, 2);
  assert.equal(support.rateDays, 7);
  assert.equal(support.projectionUsd, 60);
  assert.equal(support.low, 60);
  assert.equal(support.high, 60);
  // 20 spent + 2/day reaches 50 at the end of Nov 25
  assert.deepEqual(support.budget, { usd: 50, per: 'month', onExceed: 'block', spentUsd: 20, exhausted: false, runsOut: '2026-11-25' });
  // 1.5/day at 2/day: used up at 18:00 today
  const helpdesk = find(r.scopes, 'app', 'helpdesk');
  assert.deepEqual(helpdesk.budget, { usd: 1.5, per: 'day', onExceed: 'block', spentUsd: 0, exhausted: false, runsOut: '2026-11-11' });
  assert.equal(find(r.scopes, 'app', 'batch').budget?.note, 'fixed-window budgets are not forecast');
});

test('forecast: the interval widens with the spread of the last 7 days with data; spent budgets show when they ran out', { timeout: 10_000 }, async (t) => {
  const r = await forecastJson(['--config', await configured(t)]);
  const research = find(r.scopes, 'team', 'research');
  assert.equal(research.monthToDateUsd, 14, 'October is not month-to-date');
  assert.equal(research.dailyRateUsd, 2);
  assert.equal(research.projectionUsd, 54);
  const half = 1.96 * 1 * Math.sqrt(20);
  assert.ok(Math.abs(research.low! - (54 - half)) < 1e-9 && Math.abs(research.high! - (54 + half)) < 1e-9);
  // cumulative 1, 4, 5, 8, 9, 12 (Nov 9) ≥ 10
  assert.deepEqual(research.budget, { usd: 10, per: 'month', onExceed: 'warn', spentUsd: 14, exhausted: true, runsOut: '2026-11-09' });
  const all = find(r.scopes, 'global', null);
  assert.equal(all.monthToDateUsd, 34);
  assert.equal(all.dailyRateUsd, 4);
  assert.equal(all.projectionUsd, 114);
  assert.equal(all.budget, null);
});

test('forecast model: interval floored at month-to-date, one day of data has no interval, a daily budget overrun tomorrow', { timeout: 5_000 }, () => {
  const id = { scope: 'team' as const, name: 'x' };
  // 2 days left; values 0 and 10 → mean 5, sd ≈ 7.07, half ≈ 19.6 > projection − MTD
  const now = Date.UTC(2026, 10, 29);
  const wide = forecastScope(id, new Map([[Date.UTC(2026, 10, 27), 0], [Date.UTC(2026, 10, 28), 10]]), undefined, now);
  assert.equal(wide.monthToDateUsd, 10);
  assert.equal(wide.projectionUsd, 20);
  assert.equal(wide.low, 10);
  const one = forecastScope(id, new Map([[NOV1, 3]]), { usd: 2.5, per: 'day', onExceed: 'block' }, NOV1 + 6 * 3_600_000);
  assert.equal(one.dailyRateUsd, 3, 'only today has data: it is the rate');
  assert.equal(one.low, null);
  assert.equal(one.high, null);
  assert.deepEqual(one.budget, { usd: 2.5, per: 'day', onExceed: 'block', spentUsd: 3, exhausted: true, runsOut: '2026-11-01' });
  const tomorrow = forecastScope(id, new Map([[NOV1, 1.5], [NOV1 + 86_400_000, 0.5]]), { usd: 1.8, per: 'day', onExceed: 'warn' }, NOV1 + 36 * 3_600_000);
  assert.equal(tomorrow.dailyRateUsd, 1.5);
  assert.equal(tomorrow.budget?.runsOut, null, '0.5 + 1.5 × 0.5 day stays under 1.8, and a whole day at 1.5 does too');
  const over = forecastScope(id, new Map([[NOV1, 2], [NOV1 + 86_400_000, 0.5]]), { usd: 1.8, per: 'day', onExceed: 'warn' }, NOV1 + 36 * 3_600_000);
  assert.equal(over.budget?.runsOut, '2026-11-03', 'today ends at 1.5; tomorrow at 2/day passes 1.8');
});

test('forecast table, --store without budgets, and bad arguments', { timeout: 10_000 }, async (t) => {
  const file = await configured(t);
  const r = await runReport(['forecast', '--config', file], NOW);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^forecast for 2026-11 at 2026-11-11T00:00:00Z: 20\.00 days left \(USD\)\n/);
  assert.match(r.out, /\nteam {4}support\s+20\.00\s+2\.00\s+7\s+60\.00\s+60\.00\s+60\.00\s+50\.00\/month\s+2026-11-25\n/);
  assert.match(r.out, /\nteam {4}research\s+14\.00.*10\.00\/month\s+exhausted 2026-11-09\n/);
  assert.match(r.out, /\napp {5}batch .*not forecast\n/);
  assert.match(r.out, /\ndaily, all: 01:2\.00 02:2\.00 03:2\.00 04:3\.00 .* 11:0\.00\n$/);
  const url = /store: "(.*)"/.exec(fs.readFileSync(file, 'utf8'))![1]!;
  const bare = await forecastJson(['--store', url]);
  assert.ok(bare.scopes.every((s) => s.budget === null));
  assert.equal(find(bare.scopes, 'team', 'support').projectionUsd, 60);
  const bad = await runReport(['forecast', '--format', 'csv'], NOW);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be one of table, json; got 'csv'/);
  const both = await runReport(['forecast', '--config', file, '--store', url], NOW);
  assert.equal(both.code, 2);
  assert.match(both.err, /usage: airlock report forecast/);
});
