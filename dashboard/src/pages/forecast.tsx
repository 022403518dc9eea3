// The month-end forecast (`airlock report forecast`): per team, app and overall, the month to date, the daily
// rate, the projection with its ~95% interval, and when each budget runs out at that rate; amounts to 2 decimals
// as the CLI's table prints them. The overall daily spend of the month is charted above the table.
import { Empty, Loaded, Page, Table } from '../components.tsx';
import { cents, count, iso } from '../format.ts';
import type { Forecast as Report, ForecastScope } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { DailyChart } from './forecast-chart.tsx';

function name(s: ForecastScope): string {
  return s.name ?? (s.scope === 'global' ? 'all' : '(none)');
}

function interval(s: ForecastScope): string {
  return s.low === null || s.high === null ? '–' : `${cents(s.low)}–${cents(s.high)}`;
}

function budget(s: ForecastScope): string {
  const b = s.budget;
  return b === null ? '–' : `${cents(b.usd)}/${b.per}`;
}

function runsOut(s: ForecastScope): string {
  const b = s.budget;
  if (b === null) return '–';
  if (b.note !== undefined) return 'not forecast';
  if (b.exhausted) return `exhausted ${b.runsOut ?? ''}`.trim();
  return b.runsOut ?? 'not at this rate';
}

function ForecastTable(props: { scopes: ForecastScope[] }) {
  return (
    <Table label="forecast" rows={props.scopes} rowKey={(s) => `${s.scope}:${s.name ?? ''}`} columns={[
      { title: 'scope', cell: (s) => s.scope },
      { title: 'name', cell: name },
      { title: 'month to date', num: true, cell: (s) => cents(s.monthToDateUsd) },
      { title: 'per day', num: true, cell: (s) => cents(s.dailyRateUsd) },
      { title: 'days', num: true, cell: (s) => count(s.rateDays) },
      { title: 'month end', num: true, cell: (s) => cents(s.projectionUsd) },
      { title: 'low–high', num: true, cell: interval },
      { title: 'budget', num: true, cell: budget },
      { title: 'runs out', cell: runsOut },
    ]} />
  );
}

export function Forecast() {
  const r = useResource((s) => s.call<Report>('/admin/reports/forecast'), []);
  return (
    <Page title="Forecast" resource={r}>
      <Loaded resource={r}>
        {(report) => {
          const global = report.scopes.find((s) => s.scope === 'global');
          if (global === undefined) return <Empty>No spend recorded this month or in the 31 days before it: the forecast needs some history.</Empty>;
          return (
            <>
              <p class="summary">
                {report.month}: <strong>{report.daysLeft.toFixed(2)}</strong> days left at {iso(report.now)}; all spend so far{' '}
                <strong>{cents(global.monthToDateUsd)}</strong> USD, heading for <strong>{cents(global.projectionUsd)}</strong> USD.
              </p>
              <DailyChart series={global.series} label={`Daily spend in ${report.month}, all scopes, USD`} />
              <ForecastTable scopes={report.scopes} />
              <p class="note">
                Month end = month to date + the mean daily spend of the last (up to 7) completed days with data × days left, in UTC; low–high is a ~95%
                interval, never below month to date. A budget runs out on the day its limit is reached at that rate.
              </p>
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
