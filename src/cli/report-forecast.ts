// `airlock report forecast`: per team, per app and overall — month-to-date spend, the month's daily series, a
// month-end projection with an interval, and when each configured budget runs out at the current rate. The
// method is in report-forecast-model.ts. Budgets come from the config (--config, else ./airlock.yaml); with
// --store alone there is no config, so no budgets.
import { existsSync } from 'node:fs';
import { loadConfigFile } from '../config/load.ts';
import { openStoreReader } from '../store/reader.ts';
import { forecast, forecastJson, forecastSince, monthOf, type Budgets, type ScopeForecast } from '../reports/forecast.ts';
import { isoSecond } from '../reports/period.ts';
import { renderTable, type Column } from './report-format.ts';
import { oneOf, reportFlags, runReport } from './report-command.ts';
import type { ReportIo } from './report-io.ts';
import { storeUrlFor } from './report-source.ts';

export const FORECAST_USAGE = `usage: airlock report forecast [--format table|json] [--config FILE | --store URL]
  --format  table (default) or json (adds each scope's daily series)
  --config  the config naming the store and the budgets (default ./airlock.yaml, else the built-in demo's store)
  --store   read this store URL instead of the config's (then no budgets are known)
Month-end = month-to-date + mean daily spend of the last 7 completed days with data × days left, all in UTC;
the interval is ± 1.96 × their standard deviation × √(days left), never below month-to-date.
`;

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  format: Format;
  storeUrl: string;
  budgets: Budgets | null;
}

function parseArguments(argv: string[], io: ReportIo): Args | 'help' {
  const flags = reportFlags(argv, { format: 'table' });
  if (flags === 'help') return 'help';
  const format = oneOf('format', flags.format, FORMATS);
  if (flags.store !== undefined) return { format, storeUrl: flags.store, budgets: null };
  const file = flags.config ?? (existsSync('airlock.yaml') ? 'airlock.yaml' : undefined);
  if (file === undefined) return { format, storeUrl: storeUrlFor(flags, io.env), budgets: null };
  const config = loadConfigFile(file, io.env);
  return { format, storeUrl: config.store, budgets: { teams: config.teams, apps: config.apps } };
}

export function forecastReport(argv: string[], io: ReportIo): Promise<number> {
  return runReport('forecast', FORECAST_USAGE, io, () => parseArguments(argv, io), async (args) => {
    const now = io.now();
    const reader = await openStoreReader(args.storeUrl);
    let scopes: ScopeForecast[];
    try {
      scopes = forecast(await reader.spend.daily(forecastSince(now)), args.budgets, now);
    } finally {
      await reader.close();
    }
    return args.format === 'json' ? JSON.stringify(forecastJson(scopes, now), null, 2) + '\n' : renderForecastTable(scopes, now);
  });
}

const usd = (n: number | null): string => (n === null ? '-' : n.toFixed(2));

function budgetCell(s: ScopeForecast): [string, string] {
  const b = s.budget;
  if (b === null) return ['-', '-'];
  const limit = `${usd(b.usd)}/${b.per === 'window' ? 'window' : b.per}`;
  if (b.note !== undefined) return [limit, 'not forecast'];
  if (b.exhausted) return [limit, `exhausted ${b.runsOut ?? ''}`.trim()];
  return [limit, b.runsOut ?? 'no'];
}

export function renderForecastTable(scopes: readonly ScopeForecast[], now: number): string {
  const { start, end } = monthOf(now);
  const head = `forecast for ${isoSecond(start).slice(0, 7)} at ${isoSecond(now)}: ${((end - now) / 86_400_000).toFixed(2)} days left (USD)\n`;
  if (scopes.length === 0) return `${head}no spend recorded in this month or the 31 days before it\n`;
  const columns: Column[] = [
    { title: 'scope' }, { title: 'name' }, { title: 'month to date', align: 'right' }, { title: 'per day', align: 'right' },
    { title: 'days', align: 'right' }, { title: 'month end', align: 'right' }, { title: 'low', align: 'right' },
    { title: 'high', align: 'right' }, { title: 'budget', align: 'right' }, { title: 'runs out' },
  ];
  const rows = scopes.map((s) => [
    s.scope, s.name ?? (s.scope === 'global' ? 'all' : '-'), usd(s.monthToDateUsd), usd(s.dailyRateUsd), String(s.rateDays),
    usd(s.projectionUsd), usd(s.low), usd(s.high), ...budgetCell(s),
  ]);
  const total = scopes.find((s) => s.scope === 'global');
  const series = total === undefined ? '' : `daily, all: ${total.series.map((d) => `${d.date.slice(8)}:${usd(d.usd)}`).join(' ')}\n`;
  return head + renderTable(columns, rows) + series;
}
