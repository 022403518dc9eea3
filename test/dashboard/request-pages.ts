// The requests page's filters, paging and layout, and a request's own page, against the API's answers. Subtests
// of the main dashboard test, which owns the gateway, the traffic and the browser.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN } from '../helpers/admin.ts';
import { rows, until, type DashboardRun } from './helpers.ts';

export interface RequestTraffic {
  /** every successful request, oldest first */
  ids: string[];
  /** the requests that failed (models no config names), newest first */
  failedIds: string[];
  /** the one whose prompt carried an email address */
  emailId: string;
  /** a request with the same email through a gateway with log_content: true */
  kept: { url: string; id: string };
}

const ID_CELLS = 'tbody tr td:nth-child(2) code';

/** The request ids the requests table lists, in its order, once there is a table. */
async function listedIds(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'requests', exact: true });
  await table.waitFor();
  return table.locator(ID_CELLS).allInnerTexts();
}

// run in the page: does the element overflow its own box sideways?
const OVERFLOWS = (selector: string): string => `(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e.scrollWidth > e.clientWidth; })()`;

export async function testRequestPages(t: TestContext, run: DashboardRun, traffic: RequestTraffic): Promise<void> {
  const { page, url, api } = run;
  const newestFirst = ((await api('/admin/requests?limit=1000')).body.requests as { requestId: string }[]).map((r) => r.requestId);

  await t.test('requests: the whole table fits a 1280 px window', { timeout: 30_000 }, async () => {
    await page.goto(`${url}/dashboard/requests`);
    assert.deepEqual(await listedIds(page), newestFirst);
    assert.equal(await page.locator('tbody tr.failed').count(), traffic.failedIds.length, 'the failed rows are marked');
    assert.equal(page.viewportSize()?.width, 1280);
    assert.equal(await page.evaluate(OVERFLOWS('.table-wrap')), false, 'the table scrolls sideways');
    assert.equal(await page.evaluate(OVERFLOWS('html')), false, 'the page scrolls sideways');
  });

  await t.test('requests: outcome=error lists exactly the failed requests, marked with their code, and the URL keeps the filter across a reload', { timeout: 30_000 }, async () => {
    await page.getByLabel('Outcome', { exact: true }).selectOption('error');
    await page.getByRole('button', { name: 'Apply' }).click();
    await until('the filtered list', async () => page.url().endsWith('/dashboard/requests?outcome=error') && (await listedIds(page)).join() === traffic.failedIds.join());
    const errors = (await api('/admin/requests?outcome=error')).body.requests as { requestId: string; errorCode: string }[];
    assert.deepEqual(errors.map((r) => r.requestId), traffic.failedIds);
    for (const row of await rows(page, 'requests')) assert.match(row, / 404 model_not_found /);
    assert.equal(await page.locator('tbody tr.failed').count(), traffic.failedIds.length);
    await page.reload();
    assert.deepEqual(await listedIds(page), traffic.failedIds);
    assert.equal(await page.getByLabel('Outcome', { exact: true }).inputValue(), 'error');
    await page.getByLabel('Outcome', { exact: true }).selectOption('ok');
    await page.getByLabel('Model').fill('via-anthropic');
    await page.getByRole('button', { name: 'Apply' }).click();
    const onAnthropic = ((await api('/admin/requests?outcome=ok&model=via-anthropic')).body.requests as { requestId: string }[]).map((r) => r.requestId);
    assert.ok(onAnthropic.length > 0);
    await until('the ok via-anthropic list', async () => (await listedIds(page)).join() === onAnthropic.join());
    assert.equal(await page.locator('tbody tr.failed').count(), 0);
    // back: the error filter again, the form's fields with it
    await page.goBack();
    await until('the error list again', async () => (await listedIds(page)).join() === traffic.failedIds.join());
    assert.equal(await page.getByLabel('Model').inputValue(), '');
  });

  await t.test('requests: Older pages through every request once, 2 at a time; Newest goes back to the first page', { timeout: 30_000 }, async () => {
    await page.getByLabel('Outcome', { exact: true }).selectOption('');
    await page.getByLabel('Per page').fill('2');
    await page.getByRole('button', { name: 'Apply' }).click();
    await until('the first page', async () => (await listedIds(page)).join() === newestFirst.slice(0, 2).join());
    const seen: string[] = [];
    const older = page.getByRole('button', { name: 'Older' });
    for (let shown = await listedIds(page); ; ) {
      seen.push(...shown);
      if ((await older.count()) === 0) break;
      await older.click();
      // the rows on show stay until the next page's arrive
      const before = shown;
      await until('the next page', async () => {
        // without waiting for a table: past the last page there is none
        shown = await page.getByRole('table', { name: 'requests', exact: true }).locator(ID_CELLS).allInnerTexts();
        return shown[0] !== before[0];
      });
      assert.ok(seen.length <= newestFirst.length, `paged past the end: ${seen.join()}`);
    }
    assert.deepEqual(seen, newestFirst);
    if (newestFirst.length % 2 === 0) await page.getByText('No older requests.').waitFor();
    assert.match(page.url(), /[?&]limit=2&before=/);
    await page.getByRole('button', { name: 'Newest' }).click();
    await until('the first page again', async () => (await listedIds(page)).join() === newestFirst.slice(0, 2).join());
  });

  await t.test("a request's page: its row, the personal data it sent to sim-openai, no content with log_content off", { timeout: 30_000 }, async () => {
    await page.goto(`${url}/dashboard/requests`);
    await page.getByRole('link', { name: traffic.emailId }).click();
    await page.getByRole('heading', { name: `Request ${traffic.emailId}` }).waitFor();
    assert.equal(page.url(), `${url}/dashboard/requests/${traffic.emailId}`);
    const facts = await page.getByLabel('request', { exact: true }).innerText();
    assert.match(facts, /vendor\s+sim-openai\/gpt-4o-mini/);
    assert.match(facts, /key\s+test-key/);
    assert.match(facts, /team\s+support/);
    const flows = await rows(page, 'data sent');
    assert.equal(flows.length, 1);
    assert.match(flows[0] ?? '', /^sim-openai .*personal ×1 allow$/);
    await page.getByText('Not kept: log_content is off.').waitFor();
    assert.equal(await page.locator('pre').count(), 0);
    assert.doesNotMatch(await page.locator('main').innerText(), /jane\.doe/);
  });

  await t.test("a request's page with log_content: the redacted prompt, without the email", { timeout: 30_000 }, async () => {
    const kept = await run.open(`${traffic.kept.url}/dashboard/requests/${traffic.kept.id}#token=${ADMIN_TOKEN}`);
    const prompt = kept.page.getByLabel('prompt', { exact: true });
    await prompt.waitFor();
    assert.equal(await prompt.innerText(), 'Write to [EMAIL] about the invoice');
    assert.doesNotMatch(await kept.page.locator('main').innerText(), /jane\.doe/);
    assert.ok((await kept.page.getByLabel('answer', { exact: true }).innerText()).length > 0);
    assert.deepEqual(kept.problems, []);
  });
}
