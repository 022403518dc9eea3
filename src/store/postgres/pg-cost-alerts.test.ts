import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CostAlert } from '../../cost/alerts.ts';
import { openTestPgStore } from './pg-store.fixture.ts';

function alert(id: string, time: number, o: Partial<CostAlert> = {}): CostAlert {
  return {
    id, time, kind: 'budget', subject: 'team:support', message: `alert ${id}`,
    detail: { budget: 'team:support', threshold: 80, usedUsd: 80.5 }, ...o,
  };
}

test('cost alerts: an episode is added once; delivery state, recent and undelivered round-trip', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const alerts = store.costAlerts;
  const a = alert('budget:team:support:2026-01:80', 1000);
  assert.equal(await alerts.add(a, 'pending'), true);
  assert.equal(await alerts.add({ ...a, message: 'again' }, 'pending'), false, 'the same episode');
  const b = alert('anomaly:global:2026-01-01T10', 2000, { kind: 'anomaly', subject: 'global', detail: { hour: '2026-01-01T10:00:00.000Z', spendUsd: 12.5 } });
  const c = alert('budget:app:x:2026-01:100', 2000, { subject: 'app:x' });
  assert.equal(await alerts.add(b, 'none'), true);
  assert.equal(await alerts.add(c, 'failed'), true);
  const stored = (x: CostAlert, webhook: string, attempts = 0, lastError: string | null = null, deliveredAt: number | null = null): unknown =>
    ({ ...x, webhook, attempts, lastError, deliveredAt });
  assert.deepEqual(await alerts.recent(10), [stored(b, 'none'), stored(c, 'failed'), stored(a, 'pending')], 'newest first, then by id');
  assert.deepEqual(await alerts.recent(1), [stored(b, 'none')]);
  assert.deepEqual(await alerts.undelivered(0), [stored(a, 'pending'), stored(c, 'failed')]);
  assert.deepEqual(await alerts.undelivered(1500), [stored(c, 'failed')]);
  await alerts.delivery(a.id, 'failed', 2, 'HTTP 503', null);
  await alerts.delivery(c.id, 'delivered', 3, null, 2500);
  assert.deepEqual(await alerts.undelivered(0), [stored(a, 'failed', 2, 'HTTP 503')]);
  assert.deepEqual((await alerts.recent(10))[1], stored(c, 'delivered', 3, null, 2500));
});
