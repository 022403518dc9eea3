import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { HOUR_MS } from '../../cost/anomaly.ts';
import type { RequestLogRow } from '../../pipeline/ports.ts';
import { sampleRow } from '../sample-rows.fixture.ts';
import type { HourlyRow } from '../sqlite/spend-totals.ts';
import { logRecords, openTestPgStore, openTestSqliteStore } from './pg-store.fixture.ts';
import type { PgStore } from './pg-store.ts';
import { insertRequestLogRows } from './request-log.ts';

const T0 = Date.UTC(2026, 0, 1);

// costs are binary fractions, so sums are exact in any order and both stores' totals compare with equal
function spendRows(): RequestLogRow[] {
  return [
    sampleRow(1, { time: T0, costUsd: 0.5 }),
    sampleRow(2, { time: T0 + 10, keyName: 'ops', app: 'ops', team: 'platform', vendor: 'anthropic', costUsd: 0.25 }),
    sampleRow(3, { time: T0 + 20, costUsd: null }),
    sampleRow(4, { time: T0 + HOUR_MS, app: null, team: null, keyName: null, costUsd: 2 }),
    sampleRow(5, { time: T0 + HOUR_MS + 5, costUsd: 0.125 }),
    sampleRow(6, { time: T0 - HOUR_MS, costUsd: 8 }),
  ];
}

const byAppHour = (rows: HourlyRow[]): HourlyRow[] =>
  [...rows].sort((a, b) => (a.app ?? '').localeCompare(b.app ?? '') || a.hour - b.hour);

const total = (rows: readonly HourlyRow[]): number => rows.reduce((sum, r) => sum + r.costUsd, 0);

/**
 * Calls hourlyAfter until the rows read add up to `usd`, summed per app and hour. The snapshot's xmin is
 * cluster-wide: another test's open transaction (any database) holds rows back for a while, never for good.
 */
async function readUntil(spend: PgStore['spendTotals'], cursor: number | null, since: number, usd: number): Promise<{ rows: HourlyRow[]; cursor: number }> {
  const sums = new Map<string, HourlyRow>();
  for (let i = 0; i < 200; i++) {
    const next = await spend.hourlyAfter(cursor, since);
    cursor = next.cursor;
    for (const r of next.rows) {
      const k = `${r.app}|${r.hour}`;
      sums.set(k, { ...r, costUsd: (sums.get(k)?.costUsd ?? 0) + r.costUsd });
    }
    if (total([...sums.values()]) >= usd) return { rows: byAppHour([...sums.values()]), cursor };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`hourlyAfter never reached $${usd}`);
}

test('spentSince for key, app, team, vendor and global equals the SQLite store\'s', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const sqlite = openTestSqliteStore(t);
  assert.equal(await store.spendTotals.spentSince('global', 0), 0, 'an empty log');
  assert.equal(await store.spendTotals.firstRequestAt(), null);
  await store.commit(logRecords(spendRows()));
  sqlite.commit(logRecords(spendRows()));
  const expected: Array<[string, number, number]> = [
    ['global', T0, 2.875], ['global', 0, 10.875], ['global', T0 + HOUR_MS + 1, 0.125],
    ['key:helpdesk-prod', T0, 0.625], ['key:ops', T0, 0.25],
    ['app:helpdesk', T0, 0.625], ['app:helpdesk', 0, 8.625], ['app:ops', T0, 0.25],
    ['team:support', T0, 0.625], ['team:platform', T0, 0.25],
    ['vendor:openai', T0, 2.625], ['vendor:anthropic', T0, 0.25],
    ['app:nobody', 0, 0], ['bogus:helpdesk', 0, 0], ['helpdesk', 0, 0], [':x', 0, 0],
  ];
  for (const [key, since, usd] of expected) {
    assert.equal(await store.spendTotals.spentSince(key, since), usd, `${key} since ${since}`);
    assert.equal(sqlite.spendTotals.spentSince(key, since), usd, `sqlite: ${key} since ${since}`);
  }
  assert.equal(await store.spendTotals.firstRequestAt(), T0 - HOUR_MS);
});

test('hourlyAfter: the same sums as SQLite, then only what was committed since', { timeout: 15_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const sqlite = openTestSqliteStore(t);
  await store.commit(logRecords(spendRows()));
  sqlite.commit(logRecords(spendRows()));
  const first = await readUntil(store.spendTotals, null, T0, 2.875);
  assert.deepEqual(first.rows, byAppHour(sqlite.spendTotals.hourlyAfter(null, T0).rows));
  assert.deepEqual(first.rows, [
    { app: null, hour: T0 / HOUR_MS + 1, costUsd: 2 },
    { app: 'helpdesk', hour: T0 / HOUR_MS, costUsd: 0.5 },
    { app: 'helpdesk', hour: T0 / HOUR_MS + 1, costUsd: 0.125 },
    { app: 'ops', hour: T0 / HOUR_MS, costUsd: 0.25 },
  ]);
  const idle = await store.spendTotals.hourlyAfter(first.cursor, T0);
  assert.deepEqual(idle.rows, [], 'nothing new');
  assert.ok(idle.cursor >= first.cursor);
  await store.commit(logRecords([sampleRow(10, { time: T0 + 30, costUsd: 1 }), sampleRow(11, { time: T0 - 1, costUsd: 1 })]));
  const next = await readUntil(store.spendTotals, idle.cursor, T0, 1);
  assert.deepEqual(next.rows, [{ app: 'helpdesk', hour: T0 / HOUR_MS, costUsd: 1 }], 'the new row inside the window, once');
  assert.deepEqual((await store.spendTotals.hourlyAfter(next.cursor, T0)).rows, []);
});

test('hourlyAfter: a transaction that commits after a later-started one is read exactly once', { timeout: 15_000 }, async (t) => {
  const { store, url } = await openTestPgStore(t);
  await store.commit(logRecords([sampleRow(1, { time: T0, costUsd: 4 })]));
  const early = new pg.Client({ connectionString: url });
  const late = new pg.Client({ connectionString: url });
  await early.connect();
  await late.connect();
  t.after(async () => {
    await early.end();
    await late.end();
  });
  await early.query('BEGIN');
  await insertRequestLogRows(early, [sampleRow(2, { time: T0 + 1, costUsd: 1 })]);
  await late.query('BEGIN');
  await insertRequestLogRows(late, [sampleRow(3, { time: T0 + 2, costUsd: 2 })]);
  await late.query('COMMIT');
  // a max(seq) cursor would now stand at row 3 and never see row 2, whose seq is smaller
  const before = await store.spendTotals.hourlyAfter(null, T0);
  assert.ok([0, 4].includes(total(before.rows)), 'row 3 waits for the transaction started before it');
  await early.query('COMMIT');
  const after = await readUntil(store.spendTotals, before.cursor, T0, 7 - total(before.rows));
  assert.equal(total(before.rows) + total(after.rows), 7, 'rows 1, 2 and 3, each once');
  assert.deepEqual((await store.spendTotals.hourlyAfter(after.cursor, T0)).rows, []);
});
