// The what-if page against /admin/reports/what-if: a scenario entered in the form lands in the query string, the
// totals are what the API answers for that query, a reload keeps both, and a refused scenario shows the API's own
// message next to the form it keeps. A subtest of the main dashboard test.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { rows, until, type DashboardRun } from './helpers.ts';

interface Replayed {
  requests: number;
  recordedUsd: number;
  replayedUsd: number;
}
interface Report {
  total: Replayed;
  models: unknown[];
  notes: string[];
}

export async function testWhatIfPage(t: TestContext, run: DashboardRun, repriced: string): Promise<void> {
  const { page, api } = run;
  const form = page.getByRole('form', { name: 'scenario' });
  const search = (): string => new URL(page.url()).search.slice(1);
  /** the page's headline once it shows what the API answers for the address bar's query */
  const agrees = async (): Promise<Report> => {
    const answer = await api(`/admin/reports/what-if?${search()}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const total = answer.body.total as Replayed;
    const shown = async (id: string): Promise<string | null> => page.getByTestId(id).textContent({ timeout: 2000 }).catch(() => null);
    await until('the headline to match the API', async () =>
      (await shown('what-if-recorded')) === total.recordedUsd.toFixed(4) && (await shown('what-if-replayed')) === total.replayedUsd.toFixed(4),
    ).catch((err: Error) => assert.fail(`${err.message}: ${JSON.stringify(total)}`));
    return answer.body as Report;
  };

  await t.test('what-if: a price override and traffic x2 go to the query string, and the totals are what the API answers', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'What-if', exact: true }).click();
    await page.getByTestId('what-if-recorded').waitFor();
    // rows come and go: a second price row, then gone again
    await form.getByRole('button', { name: 'Add price' }).click();
    await form.getByLabel('price 2 vendor/model').fill('sim-openai/unused');
    await form.getByRole('button', { name: 'remove price 2' }).click();
    assert.equal(await form.getByLabel('price 2 vendor/model').count(), 0);
    await form.getByLabel('price 1 vendor/model').fill(repriced);
    await form.getByLabel('price 1 input').fill('500');
    await form.getByLabel('price 1 output').fill('2000');
    await form.getByLabel('Traffic').fill('2');
    await form.getByRole('button', { name: 'Replay' }).click();
    await until('the scenario in the URL', () => search().includes('traffic=2'));
    const query = new URLSearchParams(search());
    assert.deepEqual([...query], [['since', '30d'], ['price', `${repriced}=500,2000`], ['traffic', '2']]);

    const report = await agrees();
    assert.ok(report.total.recordedUsd > 0 && report.total.replayedUsd !== report.total.recordedUsd, JSON.stringify(report.total));
    assert.equal((await rows(page, 'what-if by logical model')).length, report.models.length);
    const foot = await page.getByRole('table', { name: 'what-if by logical model' }).locator('tfoot tr').innerText();
    assert.match(foot, new RegExp(`^total\\s+${report.total.requests}\\s.*\\s${report.total.recordedUsd.toFixed(4)}\\s+${report.total.replayedUsd.toFixed(4)}\\s+[+-]`));

    await page.reload();
    assert.equal(search(), query.toString());
    await agrees();
    assert.equal(await form.getByLabel('price 1 output').inputValue(), '2000');
    assert.equal(await form.getByLabel('Traffic').inputValue(), '2');
  });

  await t.test('what-if: a price that is no number and a route to an unpriced model show the API message, and the form keeps them', { timeout: 30_000 }, async () => {
    const refusal = async (): Promise<string> => {
      const answer = await api(`/admin/reports/what-if?${search()}`);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      return answer.body.error.message as string;
    };
    await form.getByLabel('price 1 input').fill('cheap');
    await form.getByRole('button', { name: 'Replay' }).click();
    await until('the refused scenario in the URL', () => search().includes('cheap'));
    const cheap = await refusal();
    assert.match(cheap, /^price must be vendor\/model=IN,OUT/);
    assert.equal(await form.getByRole('alert').textContent(), cheap);
    assert.equal(await form.getByLabel('price 1 input').inputValue(), 'cheap');
    assert.equal(await page.getByTestId('what-if-recorded').count(), 0, 'no numbers of another scenario under the error');

    await form.getByLabel('price 1 input').fill('500');
    await form.getByLabel('route 1 logical model').fill('via-openai');
    await form.getByLabel('route 1 to').fill('sim-openai/no-such-model');
    await form.getByRole('button', { name: 'Replay' }).click();
    await until('the route in the URL', () => search().includes('route='));
    const unpriced = await refusal();
    assert.match(unpriced, /no price for sim-openai\/no-such-model/);
    await until('the route refusal', async () => (await form.getByRole('alert').textContent()) === unpriced);
    assert.equal(await form.getByLabel('route 1 to').inputValue(), 'sim-openai/no-such-model');
  });

  await t.test('what-if: a period without usage is the empty state, with the note on the route that found nothing', { timeout: 30_000 }, async () => {
    // a since of this very moment: the traffic is all older, and a hand-typed since stays a choice of the form
    const since = new Date().toISOString();
    const query = new URLSearchParams({ since, route: 'via-openai=sim-openai/gpt-4o-mini' });
    await page.goto(`${run.url}/dashboard/what-if?${query.toString()}`);
    await page.getByText('No usage was recorded in this period').waitFor();
    const report = await agrees();
    assert.deepEqual(report.models, []);
    const notes = await page.getByRole('list', { name: 'notes' }).locator('li').allInnerTexts();
    assert.deepEqual(notes, report.notes);
    assert.ok(notes.some((n) => /the route of via-openai: no usage of logical model via-openai recorded in this period$/.test(n)), JSON.stringify(notes));
    assert.equal(await form.getByLabel('Period').inputValue(), since);
  });
}
