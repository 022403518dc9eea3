// The forecast page against /admin/reports/forecast: a budgeted team's month to date and limit in the table, and
// one bar a day in the chart of the month's spend. A subtest of the main dashboard test.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { rows, type DashboardRun } from './helpers.ts';

interface Scope {
  scope: string;
  name: string | null;
  monthToDateUsd: number;
  series: { date: string; usd: number }[];
  budget: { usd: number; per: string } | null;
}

export async function testForecastPage(t: TestContext, run: DashboardRun, team: string): Promise<void> {
  await t.test('forecast: the team budget row and the daily chart are what /admin/reports/forecast answers', { timeout: 30_000 }, async () => {
    const { page } = run;
    await page.getByRole('link', { name: 'Forecast', exact: true }).click();
    const shown = await rows(page, 'forecast');
    const report = (await run.api('/admin/reports/forecast')).body as { month: string; scopes: Scope[] };
    assert.equal(shown.length, report.scopes.length);
    const mine = report.scopes.find((s) => s.scope === 'team' && s.name === team);
    assert.ok(mine?.budget, JSON.stringify(report.scopes));
    assert.ok(mine.monthToDateUsd >= 0.01, `the traffic shows at 2 decimals: ${mine.monthToDateUsd}`);
    const row = shown.find((r) => r.startsWith(`team ${team} `));
    assert.ok(row !== undefined, JSON.stringify(shown));
    assert.ok(row.startsWith(`team ${team} ${mine.monthToDateUsd.toFixed(2)} `), `${row} vs ${mine.monthToDateUsd}`);
    assert.match(row, new RegExp(` ${mine.budget.usd.toFixed(2)}/${mine.budget.per} `));

    const global = report.scopes.find((s) => s.scope === 'global');
    assert.ok(global !== undefined);
    const chart = page.getByRole('img', { name: `Daily spend in ${report.month}, all scopes, USD` });
    assert.equal(await chart.locator('rect.bar').count(), global.series.length);
    assert.equal(await chart.locator(':scope > title').textContent(), `Daily spend in ${report.month}, all scopes, USD`);
    const today = global.series.at(-1);
    assert.equal(await chart.locator('rect.bar').last().locator('title').textContent(), `${today?.date}: ${today?.usd.toFixed(2)} USD`);
  });
}
