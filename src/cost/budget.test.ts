import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.ts';
import { applicableBudgets, budgetExceededError, budgetSourcesFromConfig, estimateUsd, periodOf, vendorBudget } from './budget.ts';

const YAML = `
teams:
  support: { budget: { usd: 100, per: month } }
  research: {}
apps:
  helpdesk: { team: support, budget: { usd: 5, per: day, on_exceed: warn } }
  batch: { team: research, budget: { usd: 50, per: window, window_days: 7 } }
  loose: {}
`;
const config = parseConfig(YAML, 'budget.yaml', {});
const NOW = Date.UTC(2026, 10, 27, 15, 30);

test('budgets apply narrowest first: app, then the app team from config', { timeout: 5_000 }, () => {
  const sources = budgetSourcesFromConfig(config);
  const lines = applicableBudgets(sources, { keyName: 'k1', app: 'helpdesk', vendor: 'openai' }, NOW, config);
  assert.deepEqual(lines, [
    { key: 'app:helpdesk', period: '2026-11-27', limitUsd: 5, onExceed: 'warn', resetAt: Date.UTC(2026, 10, 28), startAt: Date.UTC(2026, 10, 27) },
    { key: 'team:support', period: '2026-11', limitUsd: 100, onExceed: 'block', resetAt: Date.UTC(2026, 11, 1), startAt: Date.UTC(2026, 10, 1) },
  ]);
  assert.deepEqual(applicableBudgets(sources, { keyName: 'k1', app: 'loose' }, NOW, config), []);
  assert.deepEqual(applicableBudgets(sources, { keyName: 'k1' }, NOW, config), []);
});

test('key, vendor and global budgets apply when the sources hold them', { timeout: 5_000 }, () => {
  const day = { usd: 1, per: 'day' as const, onExceed: 'block' as const };
  const sources = { ...budgetSourcesFromConfig(config), keys: new Map([['k1', day]]), vendors: new Map([['openai', day]]), global: day };
  const keys = applicableBudgets(sources, { keyName: 'k1', app: 'batch', team: 'research', vendor: 'openai' }, NOW, config).map((l) => l.key);
  assert.deepEqual(keys, ['key:k1', 'app:batch', 'vendor:openai', 'global']);
});

test('periods are UTC days, months and fixed windows from the epoch', { timeout: 5_000 }, () => {
  assert.deepEqual(periodOf({ per: 'month' }, Date.UTC(2026, 11, 31, 23, 59)), { id: '2026-12', resetAt: Date.UTC(2027, 0, 1), startAt: Date.UTC(2026, 11, 1) });
  assert.deepEqual(periodOf({ per: 'day' }, Date.UTC(2026, 1, 28, 0, 0)), { id: '2026-02-28', resetAt: Date.UTC(2026, 2, 1), startAt: Date.UTC(2026, 1, 28) });
  const w = periodOf({ per: 'window', windowDays: 7 }, NOW);
  assert.match(w.id, /^w7-\d+$/);
  assert.ok(w.resetAt > NOW && w.resetAt - NOW <= 7 * 86_400_000);
  assert.equal(w.resetAt - w.startAt, 7 * 86_400_000);
  assert.equal((w.resetAt / 86_400_000) % 7, 0);
  assert.equal(periodOf({ per: 'window', windowDays: 7 }, w.resetAt - 1).id, w.id);
  assert.notEqual(periodOf({ per: 'window', windowDays: 7 }, w.resetAt).id, w.id);
});

test('the estimate is every prompt token plus the whole output allowance at list price', { timeout: 5_000 }, () => {
  assert.equal(estimateUsd(1_000_000, 0, { input: 0.15, output: 0.6 }), 0.15);
  assert.equal(estimateUsd(2_000, 1_000, { input: 3, output: 15 }), 0.021);
});

test('a refusal becomes a final 402 naming the budget and its reset', { timeout: 5_000 }, () => {
  const refusedBy = { key: 'team:support', period: '2026-11', limitUsd: 100, onExceed: 'block' as const, resetAt: Date.UTC(2026, 11, 1) };
  const err = budgetExceededError({ ok: false, refusedBy, remainingUsd: 0.5, resetAt: refusedBy.resetAt });
  assert.equal(err.code, 'budget_exceeded');
  assert.equal(err.status, 402);
  assert.equal(err.spec.final, true);
  assert.match(err.message, /team:support for 2026-11 .*\$0\.5000 of \$100 left.*2026-12-01T00:00:00\.000Z/);
});

test('key, vendor and global budgets come from the config, with alert_at as percent thresholds', { timeout: 5_000 }, () => {
  const cfg = parseConfig(
    `
vendors:
  openai: { protocol: openai, base_url: 'http://127.0.0.1:9/v1', budget: { usd: 20, per: month, alert_at: [0.9, 0.25] } }
apps:
  helpdesk: {}
keys:
  - { name: k1, app: helpdesk, key: sk-1, budget: { usd: 2, per: day, on_exceed: warn }, rate: { rpm: 10 } }
budget: { usd: 1000, per: window, window_days: 30 }
`,
    'budget2.yaml',
    {},
  );
  const sources = budgetSourcesFromConfig(cfg);
  const lines = applicableBudgets(sources, { keyName: 'k1', app: 'helpdesk' }, NOW, cfg);
  assert.deepEqual(lines.map((l) => [l.key, l.limitUsd, l.onExceed]), [['key:k1', 2, 'warn'], ['global', 1000, 'block']]);
  assert.deepEqual(vendorBudget(sources, 'openai', NOW)?.thresholds, [25, 90]);
  assert.equal(vendorBudget(sources, 'anthropic', NOW), undefined);
  assert.deepEqual(cfg.keys[0]?.rate, { rpm: 10 });
});

test('the config refuses alert thresholds at or below 0 and a webhook that is not http(s)', { timeout: 5_000 }, () => {
  assert.throws(() => parseConfig('budget: { usd: 1, per: day, alert_at: [0, 0.5] }\n', 'bad.yaml', {}), /alert_at/);
  assert.throws(() => parseConfig('alerts: { webhook: ftp://example.com/hook }\n', 'bad.yaml', {}), /webhook/);
  const ok = parseConfig('alerts: { webhook: "http://127.0.0.1:9/hook", anomaly: { k: 2 } }\n', 'ok.yaml', {});
  assert.deepEqual(ok.alerts, {
    webhook: 'http://127.0.0.1:9/hook',
    timeoutMs: 5000,
    retries: 3,
    anomaly: { baselineHours: 24, k: 2, floorUsd: 1, checkEveryMs: 60_000, enabled: true },
  });
});
