// A report over a large SQLite request log takes seconds to read; the gateway reads it on its reports thread, so
// /healthz and the model routes keep answering at once while it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { startStack } from '../helpers/stack.ts';

const ROWS = 200_000;

/** Request-log rows spread over the last 30 days, written through a second connection as another process would. */
function fill(file: string): void {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare(`INSERT INTO request_log (request_id, time, key_name, app, team, route, logical_model, vendor, vendor_model,
    status, attempts, stream, latency_ms, input_tokens, output_tokens, usage_reported, cost_usd)
    VALUES (?, ?, 'test-key', ?, ?, 'chat.completions', 'via-openai', 'sim-openai', ?, 200, 1, 0, 12, 100, 50, 1, 0.0001)`);
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`bulk-${i}`, now - ((i * 7919) % (30 * 86_400_000)), `app-${i % 40}`, `team-${i % 7}`, `model-${i % 13}`);
  })();
  db.close();
}

test('a long report does not hold the gateway: /healthz answers while it is read', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { extra: { admin_token: ADMIN_TOKEN } });
  fill(join(stack.dir, 'airlock.db'));
  // the thread's first start (tsx loading the readers) is not what this measures
  assert.equal((await adminCall(stack.url, '/admin/requests?limit=1')).status, 200);

  let reading = true;
  const gaps: number[] = [];
  const poll = (async () => {
    while (reading) {
      const started = performance.now();
      const res = await fetch(`${stack.url}/healthz`);
      await res.arrayBuffer();
      assert.equal(res.status, 200);
      gaps.push(performance.now() - started);
    }
  })();
  const started = performance.now();
  // the daily series behind the forecast is the slowest read a report makes
  const report = await adminCall(stack.url, '/admin/reports/forecast');
  const took = performance.now() - started;
  reading = false;
  await poll;
  assert.equal(report.status, 200);
  const all = (report.body.scopes as { scope: string; series: { usd: number }[] }[]).find((s) => s.scope === 'global');
  assert.ok(all !== undefined && all.series.length > 0, 'the forecast read the bulk rows');
  const slowest = Math.max(...gaps);
  t.diagnostic(`report ${took.toFixed(0)} ms; ${gaps.length} /healthz answers meanwhile, slowest ${slowest.toFixed(1)} ms`);
  assert.ok(took > 250, `the report must take long enough to tell (took ${took.toFixed(0)} ms)`);
  assert.ok(gaps.length >= 10, `/healthz answered ${gaps.length} times while the report ran`);
  assert.ok(slowest < took / 3, `the slowest /healthz took ${slowest.toFixed(0)} ms of the report's ${took.toFixed(0)} ms`);
});
