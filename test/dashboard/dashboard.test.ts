// The dashboard end to end: the current sources built with Vite, served by a real gateway on 127.0.0.1 over
// simulated vendors, real traffic through the openai SDK, and headless Chromium reading every page. What a page
// shows is compared with what the admin API answers for the same question, and no page may break its CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { buildDashboard, launchBrowser, watchPage } from '../helpers/browser.ts';
import { DEFAULT_MODELS, KEY, startStack } from '../helpers/stack.ts';
import { testForecastPage } from './forecast-page.ts';
import { rows, until } from './helpers.ts';
import { testRequestPages } from './request-pages.ts';
import { testWhatIfPage } from './what-if-page.ts';

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";
const WRONG_TOKEN_MESSAGE = 'missing or wrong admin token';

interface SpendTotals {
  requests: number;
  costUsd: number;
}
interface SpendReport {
  total: SpendTotals;
  groups: (SpendTotals & { name: string | null })[];
}
interface BudgetStatus {
  budget: string;
  period: string;
  spentUsd: number;
}

// run in the page; strings, because this project's TypeScript has no DOM types (the dashboard's own tsconfig does)
const STORED_TOKEN = "sessionStorage.getItem('airlock.adminToken')";

test('the dashboard in Chromium against a live gateway', { timeout: 180_000 }, async (t) => {
  const started = Date.now();
  const [stack, contentStack] = await Promise.all([
    startStack(t, {
      // a fallback the retirement feed has moved on: claude-3-5-haiku-20241022 is served by its successor
      models: { ...DEFAULT_MODELS, 'with-fallback': ['sim-openai/gpt-4o-mini', 'sim-anthropic/claude-3-5-haiku-20241022'] },
      extra: {
        admin_token: ADMIN_TOKEN,
        teams: { support: { budget: { usd: 10, per: 'month', on_exceed: 'block' } } },
        apps: { tests: { team: 'support' } },
        // a global warn budget the traffic below crosses at once, so there is an alert to show
        budget: { usd: 0.05, per: 'month', on_exceed: 'warn', alert_at: [0.5] },
        alerts: { anomaly: { enabled: false } },
        // a cent a token or so: every request moves the spend in the 4 decimals the pages show
        prices: { 'sim-openai/gpt-4o-mini': { input: 1000, output: 1000 }, 'sim-anthropic/claude-3-5-haiku-20241022': { input: 1000, output: 1000 } },
      },
    }),
    // a second gateway that keeps each request's content, redacted, for the request page to show
    startStack(t, { extra: { admin_token: ADMIN_TOKEN, log_content: true } }),
    buildDashboard(),
  ]);
  const browser = await launchBrowser(t);
  const url = stack.url;
  const api = (path: string) => adminCall(url, path);

  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: KEY, maxRetries: 0 });
  const ids: string[] = [];
  const send = async (model: string, content: string): Promise<void> => {
    const { response } = await openai.chat.completions.create({ model, max_tokens: 20, messages: [{ role: 'user', content }] }).withResponse();
    ids.push(response.headers.get('x-airlock-request-id') ?? 'missing');
  };
  for (let i = 0; i < 3; i++) await send('via-openai', `hello ${i}`);
  await send('via-openai', 'Please write to jane.doe@example.com about the invoice');
  const emailId = ids.at(-1) ?? '';
  // models no config names: 404s the request log keeps as failed rows
  const failedIds: string[] = []; // newest first, as the requests page lists them
  for (const model of ['no-such-model', 'nor-this-one']) {
    await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hello?' }] }).then(
      () => assert.fail(`${model} answered`),
      (err: unknown) => {
        assert.ok(err instanceof OpenAI.APIError && err.status === 404, String(err));
        failedIds.unshift((err as { headers?: Headers }).headers?.get('x-airlock-request-id') ?? 'missing');
      },
    );
  }
  await send('via-anthropic', 'hello from the other vendor');
  const withContent = new OpenAI({ baseURL: `${contentStack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const { response: kept } = await withContent.chat.completions.create({ model: 'via-openai', messages: [{ role: 'user', content: 'Write to jane.doe@example.com about the invoice' }] }).withResponse();
  const keptId = kept.headers.get('x-airlock-request-id') ?? 'missing';
  // records are written off the request path
  await until('the request log to hold every request', async () => {
    const listed = new Set(((await api('/admin/requests?limit=100')).body.requests as { requestId: string }[]).map((r) => r.requestId));
    return [...ids, ...failedIds].every((id) => listed.has(id)) && (await adminCall(contentStack.url, `/admin/requests/${keptId}`)).status === 200;
  });
  await until('the budget alert', async () => (await api('/admin/alerts?limit=10')).body.alerts.length > 0);
  const drill = await adminCall(url, '/admin/drills', { body: { vendor: 'sim-gemini', fault: 'latency', share: 0.01, duration_ms: 600_000 } });
  assert.equal(drill.status, 201, JSON.stringify(drill.body));
  const drillId = drill.body.drill.id as string;
  t.diagnostic(`stack, build and traffic: ${Date.now() - started} ms`);

  const contexts: BrowserContext[] = [];
  const requested: string[] = [];
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext();
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    context.on('request', (r) => requested.push(r.url()));
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(path.startsWith('http') ? path : `${url}${path}`);
    return { page, problems };
  }
  t.after(() => Promise.all(contexts.map((c) => c.close())));

  await t.test('the gateway serves the build with its security headers', { timeout: 10_000 }, async () => {
    const moved = await fetch(`${url}/dashboard`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/dashboard/');
    const index = await fetch(`${url}/dashboard/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), CSP);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    assert.ok(script !== undefined, 'the index loads a hashed script');
    const asset = await fetch(`${url}${script}`);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  const { page, problems } = await open('/dashboard/');
  const run = { page, url, api, open };

  await t.test('sign-in: a wrong token shows the API message, the right one opens the overview', { timeout: 30_000 }, async () => {
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await page.getByRole('alert').textContent(), WRONG_TOKEN_MESSAGE);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    assert.equal(await page.evaluate(STORED_TOKEN), ADMIN_TOKEN);
    assert.equal(await page.evaluate('localStorage.length'), 0, 'nothing in localStorage');
  });

  await t.test('overview: every vendor with its review, budgets with their burn, the drill, the alert', { timeout: 30_000 }, async () => {
    const vendors = await rows(page, 'vendors');
    for (const name of ['sim-openai', 'sim-anthropic', 'sim-gemini']) {
      assert.ok(vendors.some((r) => r.startsWith(name) && r.includes('approved')), `${name} in ${JSON.stringify(vendors)}`);
    }
    // a poll may land between two settles: wait for the page and the API to agree
    let shown: string | undefined;
    let expected = '';
    await until('the budget row to match /admin/status', async () => {
      const budgets = (await api('/admin/status')).body.budgets as BudgetStatus[];
      const team = budgets.find((b) => b.budget === 'team:support');
      assert.ok(team !== undefined);
      expected = `team:support ${team.period} ${team.spentUsd.toFixed(4)} 10.00 ${((100 * team.spentUsd) / 10).toFixed(1)}%`;
      shown = (await rows(page, 'budgets')).find((r) => r.startsWith('team:support'));
      return shown?.startsWith(expected) === true;
    }).catch((err: Error) => assert.fail(`${err.message}: shown ${shown}, expected ${expected}`));
    const budgetRows = await rows(page, 'budgets');
    assert.equal(await page.getByRole('table', { name: 'budgets' }).locator('meter').count(), budgetRows.length);
    assert.ok((await rows(page, 'drills')).some((r) => r.includes(drillId) && r.includes('running')));
    assert.ok((await rows(page, 'alerts')).some((r) => r.includes('budget') && r.includes('global')));
  });

  await t.test('overview: new spend shows up on its own within a poll', { timeout: 30_000 }, async () => {
    const before = (await rows(page, 'budgets')).find((r) => r.startsWith('team:support'));
    await send('via-openai', 'one more');
    await until('the overview to poll', async () => (await rows(page, 'budgets')).find((r) => r.startsWith('team:support')) !== before, 12_000);
  });

  await t.test('spend: the total and the groups are what /admin/reports/spend answers', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'Spend', exact: true }).click();
    await page.getByRole('table', { name: 'spend by team' }).waitFor();
    const byTeam = (await api('/admin/reports/spend?since=30d&by=team')).body as SpendReport;
    assert.equal(await page.getByTestId('spend-requests').textContent(), String(byTeam.total.requests));
    assert.equal(await page.getByTestId('spend-cost').textContent(), byTeam.total.costUsd.toFixed(4));
    // the failed request counts too: spend reads the request log, which keeps every request
    assert.equal(byTeam.total.requests, ids.length + failedIds.length);
    assert.equal(await page.getByRole('link', { name: 'Spend', exact: true }).getAttribute('aria-current'), 'page');

    await page.getByLabel('By', { exact: true }).selectOption('vendor');
    const vendorRows = await rows(page, 'spend by vendor');
    const byVendor = (await api('/admin/reports/spend?since=30d&by=vendor')).body as SpendReport;
    assert.equal(vendorRows.length, byVendor.groups.length);
    for (const g of byVendor.groups) {
      // the failed request reached no vendor
      const name = g.name ?? '(none)';
      const shown = vendorRows.find((r) => r.startsWith(name));
      assert.ok(shown !== undefined, `${name} in ${JSON.stringify(vendorRows)}`);
      assert.ok(shown.startsWith(`${name} ${g.requests} `) && shown.includes(` ${g.costUsd.toFixed(4)} `), shown);
    }
    const foot = await page.getByRole('table', { name: 'spend by vendor' }).locator('tfoot tr').innerText();
    assert.match(foot, new RegExp(`^total\\s+${byVendor.total.requests}\\s.*\\s${byVendor.total.costUsd.toFixed(4)}\\s`));
  });

  await testForecastPage(t, run, 'support');
  await testWhatIfPage(t, run, 'sim-openai/gpt-4o-mini');

  await t.test('data flows: personal data went to sim-openai', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'Data flows', exact: true }).click();
    const flows = await rows(page, 'data flows');
    assert.ok(flows.some((r) => r.startsWith('sim-openai ') && r.includes(' personal ')), JSON.stringify(flows));
    const report = (await api('/admin/reports/data-flows?since=30d')).body;
    assert.equal(flows.length, report.flows.length);
  });

  await t.test('vendors: a bad review shows the API error and changes nothing; a good one changes the review', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'Vendors', exact: true }).click();
    await page.getByRole('table', { name: 'vendors' }).getByRole('link', { name: 'sim-gemini' }).click();
    await page.getByRole('heading', { name: 'Vendor sim-gemini' }).waitFor();
    const form = page.locator('form.review');
    const before = (await api('/admin/vendors/sim-gemini')).body.vendor;

    await form.getByLabel('Status', { exact: true }).selectOption('approved');
    await form.getByLabel('Expires').fill('2020-01-01');
    await form.getByRole('button', { name: 'Save review' }).click();
    const refused = await adminCall(url, '/admin/vendors/sim-gemini/review', { body: { status: 'approved', approved_data: before.review.approved_data, expires: '2020-01-01' } });
    assert.equal(refused.status, 400);
    assert.equal(await form.getByRole('alert').textContent(), refused.body.error.message);
    assert.deepEqual((await api('/admin/vendors/sim-gemini')).body.vendor.review, before.review);

    await form.getByLabel('Status', { exact: true }).selectOption('rejected');
    const checked = form.getByRole('checkbox', { checked: true });
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await form.getByLabel('Expires').fill('');
    await form.getByLabel('Reviewer').fill('dana');
    await form.getByRole('button', { name: 'Save review' }).click();
    assert.match((await form.getByRole('status').textContent()) ?? '', /from approved to rejected/);
    const after = (await api('/admin/vendors/sim-gemini')).body;
    assert.equal(after.vendor.review.status, 'rejected');
    assert.equal(after.vendor.review.reviewer, 'dana');
    assert.equal(after.vendor.effective.status, 'rejected');
    // the page reloads the vendor: the review in force and the audit trail show the change
    const inForce = page.locator('dl.facts div').filter({ has: page.locator('dt', { hasText: /^in force$/ }) });
    await until('the page to show the rejection', async () => (await inForce.innerText()).includes('rejected'));
    assert.ok((await rows(page, 'audit')).length >= 1);
  });

  await t.test('requests: every request id the SDK saw, newest first', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    const shown = await rows(page, 'requests');
    for (const id of ids) assert.ok(shown.some((r) => r.includes(id)), `${id} listed`);
    assert.ok(shown[0]?.includes(ids.at(-1) ?? ''), 'the newest request first');
  });

  await testRequestPages(t, run, { ids, failedIds, emailId, kept: { url: contentStack.url, id: keptId } });

  await t.test('readiness and deprecations: each logical model, and the retired target in its chain', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'Readiness', exact: true }).click();
    const models = await rows(page, 'readiness');
    const readiness = (await api('/admin/reports/readiness')).body as { models: { model: string }[] };
    assert.deepEqual(models.map((r) => r.split(' ')[0]), readiness.models.map((m) => m.model));
    const moved = models.find((r) => r.startsWith('with-fallback '));
    assert.ok(moved?.includes('(any app): sim-anthropic/claude-haiku-4-5-20251001 (replaces sim-anthropic/claude-3-5-haiku-20241022)'), moved);
    const deprecations = (await api('/admin/reports/deprecations?within=90d')).body;
    assert.ok(deprecations.targets.length > 0, 'the catalog retires claude-3-5-haiku-20241022');
    const shown = await rows(page, 'deprecations');
    assert.equal(shown.length, deprecations.targets.length);
    assert.ok(shown.some((r) => r.startsWith('via-anthropic') && r.includes('claude-3-5-haiku-20241022')), JSON.stringify(shown));
  });

  await t.test('alerts and drills', { timeout: 30_000 }, async () => {
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    const alerts = (await api('/admin/alerts?limit=100')).body.alerts;
    assert.equal((await rows(page, 'alerts')).length, alerts.length);
    await page.getByRole('link', { name: 'Drills', exact: true }).click();
    assert.ok((await rows(page, 'drills')).some((r) => r.includes(drillId) && r.includes('running')));
    assert.equal((await adminCall(url, `/admin/drills/${drillId}/stop`, { body: {} })).status, 200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('No drill is running.').waitFor();
    assert.ok((await rows(page, 'drills')).some((r) => r.includes(drillId) && !r.includes('running')));
  });

  await t.test('sign out forgets the token', { timeout: 30_000 }, async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    assert.equal(await page.evaluate(STORED_TOKEN), null);
    assert.deepEqual(problems, []);
  });

  await t.test('#token= signs in and leaves the address bar, also on a page already open; a token the API refuses later brings back the form', { timeout: 30_000 }, async () => {
    const other = await open(`/dashboard/requests#token=${ADMIN_TOKEN}`);
    await other.page.getByRole('heading', { name: 'Requests' }).waitFor();
    assert.equal(other.page.url(), `${url}/dashboard/requests`);
    await other.page.evaluate("sessionStorage.setItem('airlock.adminToken', 'revoked-token')");
    await other.page.reload();
    assert.equal(await other.page.getByRole('alert').textContent(), WRONG_TOKEN_MESSAGE);
    assert.equal(await other.page.evaluate(STORED_TOKEN), null);
    // a #token= link opened on the page already showing: only the fragment changes, and it still signs in
    await other.page.evaluate(`location.hash = '#token=${ADMIN_TOKEN}'`);
    await other.page.getByRole('heading', { name: 'Requests' }).waitFor();
    assert.equal(other.page.url(), `${url}/dashboard/requests`);
    assert.deepEqual(other.problems, []);
  });

  await t.test('the token never travels in a URL the browser requests', { timeout: 5000 }, () => {
    const leaks = requested.filter((u) => {
      const parsed = new URL(u);
      return (parsed.pathname + parsed.search).includes(ADMIN_TOKEN);
    });
    assert.deepEqual(leaks, []);
    assert.ok(requested.some((u) => u.includes('/admin/reports/spend')), 'the pages did call the API');
  });

  await t.test('the CSP watcher does see a violation when one happens', { timeout: 30_000 }, async () => {
    const probe = await open('/dashboard/');
    await probe.page.getByLabel('Admin token').waitFor();
    await probe.page.evaluate("document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }))");
    await until('the violation report', () => probe.problems.length > 0);
    assert.match(probe.problems.join('\n'), /style-src/);
  });
  t.diagnostic(`dashboard test: ${Date.now() - started} ms`);
});
