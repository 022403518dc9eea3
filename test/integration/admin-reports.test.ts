// The admin API's reports and request list (what the dashboard reads) on a real gateway with real traffic: each
// report answers what `airlock report <name> --format json` prints for the same store and config, the readiness
// report follows the live register, and bad parameters get 400s naming them. Then the same on a Postgres store.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { reportCommand } from '../../src/cli/report.ts';
import { freshSchema } from '../../src/store/postgres/pg-schema.fixture.ts';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { captured } from '../helpers/register-config.ts';
import { KEY, startStack, type Stack } from '../helpers/stack.ts';

const SINCE = '2026-01-01';

/** Sends `n` chat requests (one with an email in it) and waits until the store holds all of them; their ids, oldest first. */
async function traffic(stack: Stack, n: number): Promise<string[]> {
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const content = i === 0 ? 'Write to jane.doe@example.com about the invoice' : `question ${i}`;
    const { response } = await client.chat.completions.create({ model: i % 2 === 0 ? 'via-openai' : 'via-anthropic', messages: [{ role: 'user', content }] }).withResponse();
    ids.push(response.headers.get('x-airlock-request-id') ?? '');
  }
  for (let i = 0; i < 100 && (await stack.gateway.store.requestLog.count()) < n; i++) await sleep(20);
  return ids;
}

async function cliJson(stack: Stack, argv: string[]): Promise<Record<string, unknown>> {
  const stdout = captured();
  const stderr = captured();
  const code = await reportCommand([...argv, '--config', join(stack.dir, 'airlock.yaml'), '--format', 'json'], { stdout, stderr, env: {} });
  assert.ok(code === 0 || code === 3, `${argv.join(' ')} exited ${code}: ${stderr.text}`);
  return JSON.parse(stdout.text) as Record<string, unknown>;
}

/**
 * The report without what differs between two reads a moment apart: the read's own time, and the last digits of
 * the forecast's projections, which scale with the milliseconds left in the month.
 */
function timeless(report: unknown): unknown {
  const strip = (key: string, value: unknown): unknown => {
    if (['until', 'now', 'daysLeft', 'since'].includes(key)) return undefined;
    return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value;
  };
  return JSON.parse(JSON.stringify(report, strip));
}

const BUDGETS = {
  teams: { support: { budget: { usd: 5, per: 'month', on_exceed: 'block' } } },
  apps: { tests: { team: 'support', budget: { usd: 1, per: 'day', on_exceed: 'warn' } } },
};

test('admin reports on a SQLite store', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: { 'via-openai': ['sim-openai/gpt-4o-mini', 'sim-anthropic/claude-haiku-4-5-20251001'], 'via-anthropic': ['sim-anthropic/claude-haiku-4-5-20251001'] }, extra: { admin_token: ADMIN_TOKEN, ...BUDGETS } });
  const ids = await traffic(stack, 5);

  await t.test('each report answers what the CLI prints as json for the same store and config', async () => {
    const cases: [string, string[]][] = [
      [`spend?since=${SINCE}&by=vendor`, ['spend', '--since', SINCE, '--by', 'vendor']],
      [`spend?since=${SINCE}`, ['spend', '--since', SINCE]],
      ['forecast', ['forecast']],
      ['deprecations?within=52w', ['deprecations', '--within', '52w']],
      ['readiness', ['readiness']],
      [`what-if?since=${SINCE}`, ['what-if', '--since', SINCE]],
      [
        `what-if?since=${SINCE}&price=sim-openai/gpt-4o-mini=1,2&route=via-anthropic=sim-openai/gpt-4o-mini&traffic=x3`,
        ['what-if', '--since', SINCE, '--price', 'sim-openai/gpt-4o-mini=1,2', '--route', 'via-anthropic=sim-openai/gpt-4o-mini', '--traffic', 'x3'],
      ],
    ];
    for (const [path, argv] of cases) {
      const api = await adminCall(stack.url, `/admin/reports/${path}`);
      assert.equal(api.status, 200, `${path}: ${JSON.stringify(api.body)}`);
      assert.deepEqual(timeless(api.body), timeless(await cliJson(stack, argv)), path);
    }
    const whatIf = await adminCall(stack.url, `/admin/reports/what-if?since=${SINCE}&route=via-anthropic=sim-openai/gpt-4o-mini&traffic=x2`);
    assert.deepEqual(whatIf.body.scenario, { prices: {}, routes: { 'via-anthropic': 'sim-openai/gpt-4o-mini' }, traffic: 2 });
    assert.equal(whatIf.body.total.requests, 5);
    const doubled = await adminCall(stack.url, `/admin/reports/what-if?since=${SINCE}&traffic=x2`);
    assert.ok(Math.abs(doubled.body.total.replayedUsd - 2 * doubled.body.total.recordedUsd) < 1e-12, 'twice the traffic costs twice as much');
    const spend = await adminCall(stack.url, `/admin/reports/spend?since=${SINCE}&by=vendor`);
    assert.equal(spend.body.total.requests, 5);
    assert.equal(spend.body.since, '2026-01-01T00:00:00Z');
    assert.deepEqual((spend.body.groups as { name: string; requests: number }[]).map((g) => [g.name, g.requests]).sort(), [['sim-anthropic', 2], ['sim-openai', 3]]);
  });

  await t.test('data flows: the CLI json flows, with the period and the request count', async () => {
    const api = await adminCall(stack.url, `/admin/reports/data-flows?since=${SINCE}`);
    assert.equal(api.status, 200);
    assert.equal(api.body.requests, 5);
    assert.deepEqual(api.body.flows, await cliJson(stack, ['data-flows', '--since', SINCE]));
    const personal = (api.body.flows as { vendor: string; dataClass: string; requests: number }[]).filter((f) => f.dataClass === 'personal');
    assert.deepEqual(personal.map((f) => [f.vendor, f.requests]), [['sim-openai', 1]]);
    assert.doesNotMatch(JSON.stringify(api.body), /jane\.doe/);
  });

  await t.test('readiness follows the live register: rejecting the fallback vendor leaves via-openai without one', async () => {
    const before = await adminCall(stack.url, '/admin/reports/readiness');
    const model = (body: unknown): boolean | undefined => (body as { models: { model: string; ready: boolean }[] }).models.find((m) => m.model === 'via-openai')?.ready;
    assert.equal(model(before.body), true);
    const review = await adminCall(stack.url, '/admin/vendors/sim-anthropic/review', { body: { status: 'rejected', by: 'dana' } });
    assert.equal(review.status, 200);
    const after = await adminCall(stack.url, '/admin/reports/readiness');
    assert.equal(model(after.body), false);
    assert.equal(after.body.ready, false);
  });

  await t.test('requests: the newest rows first, their ids as the answers carried them, no content', async () => {
    const all = await adminCall(stack.url, '/admin/requests');
    assert.equal(all.status, 200);
    const rows = all.body.requests as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => r.requestId), [...ids].reverse());
    assert.equal(rows[0]?.keyName, 'test-key');
    assert.equal(rows[0]?.app, 'tests');
    assert.equal(rows[0]?.status, 200);
    assert.match(String(rows[0]?.time), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(rows.every((r) => !('content' in r)));
    const two = await adminCall(stack.url, '/admin/requests?limit=2');
    assert.deepEqual((two.body.requests as { requestId: string }[]).map((r) => r.requestId), ids.slice(-2).reverse());
    const next = await adminCall(stack.url, `/admin/requests?limit=2&before=${encodeURIComponent(ids[3] ?? '')}`);
    assert.deepEqual((next.body.requests as { requestId: string }[]).map((r) => r.requestId), [ids[2], ids[1]], 'the page after the second');
    const onAnthropic = await adminCall(stack.url, '/admin/requests?model=via-anthropic&outcome=ok&key=test-key&app=tests');
    assert.deepEqual((onAnthropic.body.requests as { requestId: string }[]).map((r) => r.requestId), [ids[3], ids[1]]);
    const errors = await adminCall(stack.url, '/admin/requests?outcome=error');
    assert.deepEqual(errors.body.requests, []);
  });

  await t.test('one request: its row, the data it sent each vendor, no content unless log_content is on', async () => {
    const first = await adminCall(stack.url, `/admin/requests/${encodeURIComponent(ids[0] ?? '')}`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.request.requestId, ids[0]);
    assert.equal(first.body.request.vendor, 'sim-openai');
    assert.deepEqual((first.body.flows as { vendor: string; classes: Record<string, number> }[]).map((f) => [f.vendor, f.classes]), [['sim-openai', { personal: 1 }]]);
    assert.equal(first.body.content, null);
    assert.doesNotMatch(JSON.stringify(first.body), /jane\.doe/);
    const missing = await adminCall(stack.url, '/admin/requests/req-nothing');
    assert.equal(missing.status, 404);
    assert.match(String(missing.body.error.message), /no request 'req-nothing'/);
  });

  await t.test('bad parameters answer 400 naming them; unknown reports 404; other methods 405; no token 401', async () => {
    const cases: [string, number, string | null][] = [
      ['/admin/reports/spend?since=banana', 400, 'since'],
      ['/admin/reports/spend?since=2999-01-01', 400, 'since'],
      ['/admin/reports/spend?by=colour', 400, 'by'],
      ['/admin/reports/spend?format=csv', 400, 'format'],
      ['/admin/reports/forecast?since=30d', 400, 'since'],
      ['/admin/reports/deprecations?within=soon', 400, 'within'],
      ['/admin/requests?limit=0', 400, 'limit'],
      ['/admin/requests?offset=5', 400, 'offset'],
      ['/admin/requests?outcome=maybe', 400, 'outcome'],
      ['/admin/requests?before=req-nothing', 400, 'before'],
      ['/admin/reports/what-if?price=cheap', 400, 'price'],
      ['/admin/reports/what-if?traffic=-2', 400, 'traffic'],
      ['/admin/reports/what-if?route=via-openai=nobody/unpriced-model', 400, 'route'],
      ['/admin/reports/what-if?route=a=x/y&route=a=x/z', 400, 'route'],
      ['/admin/reports/burn-rate', 404, null],
      ['/admin/reports/__proto__', 404, null],
    ];
    for (const [path, status, param] of cases) {
      const r = await adminCall(stack.url, path);
      assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.param, param, path);
      assert.equal(typeof r.body.error.message, 'string');
    }
    const unknown = await adminCall(stack.url, '/admin/reports/burn-rate');
    assert.match(String(unknown.body.error.message), /spend, data-flows, forecast, deprecations, what-if, readiness/);
    const price = await adminCall(stack.url, '/admin/reports/what-if?price=cheap');
    assert.match(String(price.body.error.message), /^price must be vendor\/model=IN,OUT/);
    const bad = await adminCall(stack.url, '/admin/reports/spend?since=banana');
    assert.match(String(bad.body.error.message), /^since must be a duration like 30d/);
    assert.equal((await adminCall(stack.url, '/admin/reports/spend', { body: {} })).status, 405);
    assert.equal((await adminCall(stack.url, '/admin/requests', { token: null })).status, 401);
    assert.equal((await adminCall(stack.url, '/admin/reports/spend', { token: 'wrong' })).status, 401);
  });
});

async function pgStack(t: TestContext): Promise<Stack> {
  const { url } = await freshSchema(t);
  return startStack(t, { extra: { admin_token: ADMIN_TOKEN, store: url } });
}

test('admin reports on a Postgres store', { timeout: 60_000 }, async (t) => {
  const stack = await pgStack(t);
  const ids = await traffic(stack, 4);
  const spend = await adminCall(stack.url, `/admin/reports/spend?since=${SINCE}&by=model`);
  assert.equal(spend.status, 200, JSON.stringify(spend.body));
  assert.deepEqual(timeless(spend.body), timeless(await cliJson(stack, ['spend', '--since', SINCE, '--by', 'model'])));
  assert.equal(spend.body.total.requests, 4);
  const flows = await adminCall(stack.url, `/admin/reports/data-flows?since=${SINCE}`);
  assert.deepEqual(flows.body.flows, await cliJson(stack, ['data-flows', '--since', SINCE]));
  const requests = await adminCall(stack.url, '/admin/requests');
  assert.deepEqual((requests.body.requests as { requestId: string }[]).map((r) => r.requestId), [...ids].reverse());
});

test('admin request detail with log_content: the prompt and answer, redacted', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, { extra: { admin_token: ADMIN_TOKEN, log_content: true } });
  const [id] = await traffic(stack, 1);
  const r = await adminCall(stack.url, `/admin/requests/${encodeURIComponent(id ?? '')}`);
  assert.equal(r.status, 200);
  assert.match(String(r.body.content.prompt), /Write to \S+ about the invoice/);
  assert.doesNotMatch(JSON.stringify(r.body), /jane\.doe@example\.com/);
  assert.equal(typeof r.body.content.answer, 'string');
});
