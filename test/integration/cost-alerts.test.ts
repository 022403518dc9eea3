// Cost alerts end to end: budget thresholds and spend anomalies reach the log, GET /admin/alerts and a webhook on
// 127.0.0.1 once per episode, however many requests follow; a failed webhook is recorded and delivered at the next start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogRow } from '../../src/pipeline/ports.ts';
import { openSqliteStore } from '../../src/store/open.ts';
import type { Gateway } from '../../src/server/gateway.ts';
import { KEY } from '../helpers/stack.ts';
import { ADMIN, chat, costStack, vendor } from '../helpers/cost-stack.ts';
import { startReceiver, until } from '../helpers/webhook-receiver.ts';

const HOUR = 3_600_000;
const PRICE = { input: 10_000, output: 10_000 }; // $0.01 per token: one 'hi' answer costs $0.03

async function adminAlerts(g: Gateway): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${g.url}/admin/alerts?limit=50`, { headers: { authorization: `Bearer ${ADMIN}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { alerts: Array<Record<string, unknown>> }).alerts;
}

function row(i: number, time: number, costUsd: number): RequestLogRow {
  return {
    requestId: `hist-${i}`, time, keyName: 'k', app: 'a', team: null, route: 'chat.completions', logicalModel: 'chat',
    vendor: 'oa', vendorModel: 'm', status: 200, errorCode: null, attempts: 1, stream: false, latencyMs: 5, ttfbMs: 5,
    inputTokens: 1, outputTokens: 1, cacheReadTokens: null, usageReported: true, costUsd, priceSource: 'config',
  };
}

/** One vendor, one model, one app, the admin token: what every test here shares; each adds keys, budget and alerts. */
function alertConfig(vendorUrl: string, dir: string, db: string): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${dir}/${db}.db`,
    admin_token: ADMIN,
    vendors: { oa: vendor('openai', vendorUrl) },
    models: { chat: { targets: ['oa/m'] } },
    prices: { 'oa/m': PRICE },
    apps: { a: {} },
  };
}

test('budget thresholds alert once each: 50, 80 and 100% of a warn budget', { timeout: 30_000 }, async (t) => {
  const hook = await startReceiver(t);
  const stack = await costStack(t, (urls, dir) => ({
    ...alertConfig(urls.openai, dir, 'thresholds'),
    keys: [{ name: 'k', app: 'a', key: KEY }],
    budget: { usd: 0.5, per: 'day', on_exceed: 'warn', alert_at: [0.5, 0.8, 1.0] },
    alerts: { webhook: hook.url, timeout_ms: 2000, retries: 2, anomaly: { enabled: false } },
  }));
  const g = await stack.start();
  // committed = settled + held; each request holds $0.11 and settles at $0.03: about 16 requests pass 100%, 8 more follow
  for (let i = 0; i < 24; i++) assert.equal((await chat(g)).status, 200, 'a warn budget never refuses');
  assert.ok(await until(() => hook.posts >= 3, 5000), `webhook got ${hook.posts} POSTs`);
  await new Promise((r) => setTimeout(r, 200));
  const thresholds = hook.bodies.map((b) => (b.detail as { threshold: number }).threshold);
  assert.deepEqual(thresholds.sort((a, b) => a - b), [50, 80, 100], 'one POST per threshold, never repeated');
  assert.ok(hook.bodies.every((b) => b.kind === 'budget' && b.subject === 'global' && b.source === 'airlock'));
  const stored = await adminAlerts(g);
  assert.deepEqual(stored.map((a) => a.id).sort(), [50, 80, 100].map((p) => `budget:global:${new Date().toISOString().slice(0, 10)}:${p}`).sort());
  assert.ok(stored.every((a) => a.webhook === 'delivered' && a.attempts === 1));
  const status = (await (await fetch(`${g.url}/admin/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { alerts: unknown[]; budgets: Array<{ budget: string }> };
  assert.equal(status.alerts.length, 3, 'the dashboard data carries the alerts');
  assert.ok(status.budgets.some((b) => b.budget === 'global'));
});

test('a spend anomaly against the hourly baseline alerts once per episode and subject', { timeout: 30_000 }, async (t) => {
  const hook = await startReceiver(t);
  const stack = await costStack(t, (urls, dir) => ({
    ...alertConfig(urls.openai, dir, 'anomaly'),
    keys: [{ name: 'k', app: 'a', key: KEY }],
    alerts: { webhook: hook.url, anomaly: { baseline_hours: 24, k: 3, floor_usd: 0.05, check_every_ms: 50 } },
  }));
  // 30 hours of history: $0.010 and $0.012 by turns (mean 0.011, stddev 0.001), nothing yet this hour
  const history = openSqliteStore(`sqlite:${stack.dir}/anomaly.db`);
  const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
  for (let h = 1; h <= 30; h++) history.sink.write(row(h, thisHour - h * HOUR + 60_000, h % 2 === 0 ? 0.01 : 0.012));
  await history.close();
  const g = await stack.start();
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(hook.posts, 0, 'the baseline alone is no anomaly');
  // a burst: 3 × $0.03 this hour, far above 0.011 + 3 × 0.001 and the $0.05 floor
  for (let i = 0; i < 3; i++) assert.equal((await chat(g)).status, 200);
  assert.ok(await until(() => hook.posts >= 2, 5000), `webhook got ${hook.posts} POSTs`);
  // the episode goes on: more spend and many more checks, no more alerts
  for (let i = 0; i < 3; i++) await chat(g);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(hook.posts, 2, 'one alert for the whole gateway and one for the app');
  assert.deepEqual(hook.bodies.map((b) => b.subject).sort(), ['app:a', 'global']);
  for (const b of hook.bodies) {
    assert.equal(b.kind, 'anomaly');
    const d = b.detail as { spendUsd: number; meanUsd: number; thresholdUsd: number };
    assert.ok(d.spendUsd > 0.05 && Math.abs(d.meanUsd - 0.011) < 1e-9, JSON.stringify(d));
  }
  const stored = (await adminAlerts(g)).filter((a) => a.kind === 'anomaly');
  assert.equal(stored.length, 2);
  assert.ok(stored.every((a) => String(a.id).startsWith('anomaly:') && a.webhook === 'delivered'));
  assert.equal((await g.alerts.checkAnomalies(Date.now())).length, 0, 'a check now finds the same episode, alerted already');
});

test('a webhook that fails is retried within bounds, recorded as failed, and delivered at the next start', { timeout: 30_000 }, async (t) => {
  const hook = await startReceiver(t, 500);
  const stack = await costStack(t, (urls, dir) => ({
    ...alertConfig(urls.openai, dir, 'failing'),
    keys: [{ name: 'k', app: 'a', key: KEY, budget: { usd: 1, per: 'month', on_exceed: 'warn', alert_at: [0.1] } }],
    alerts: { webhook: hook.url, timeout_ms: 1000, retries: 1, anomaly: { enabled: false } },
  }));
  const first = await stack.start();
  const started = Date.now();
  const answer = await chat(first);
  assert.equal(answer.status, 200);
  assert.ok(Date.now() - started < 1000, 'the request did not wait for the webhook');
  assert.ok(await until(() => hook.posts === 2, 5000), `webhook got ${hook.posts} POSTs`);
  assert.ok(await until(async () => (await first.alerts.recent(1))[0]?.webhook === 'failed', 2000));
  const [failed] = await adminAlerts(first);
  assert.equal(failed?.attempts, 2);
  assert.equal(failed?.lastError, 'HTTP 500');
  await stack.stop(first);
  hook.status = 204;
  const second = await stack.start();
  assert.ok(await until(async () => (await second.alerts.recent(1))[0]?.webhook === 'delivered', 5000));
  assert.equal(hook.posts, 3);
  assert.equal(hook.bodies[2]?.id, failed?.id, 'the same alert, not a new one');
});
