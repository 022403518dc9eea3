// Drill records on Postgres: the same answers as SQLite's for the same inserts (a replace included), and a
// reader on another pool sees what the gateway's writer stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { DrillRecord, ModelDrillResult } from '../../core/drill.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import { SqliteDrillRecordStore } from '../sqlite/drill-records.ts';
import { openPgPool } from './connect.ts';
import { PgDrillRecords, PgDrillRecordStore } from './drill-records.ts';
import { migratePg } from './migrate.ts';
import { freshSchema } from './pg-schema.fixture.ts';

type After = { after(fn: () => Promise<void> | void): void };

async function pools(t: After, count = 1): Promise<pg.Pool[]> {
  const { url } = await freshSchema(t);
  const opened = Array.from({ length: count }, () => openPgPool(url));
  t.after(async () => {
    await Promise.all(opened.map((p) => p.end()));
  });
  for (const p of opened) await migratePg(p, POSTGRES_MIGRATIONS);
  return opened;
}

const T0 = Date.UTC(2026, 5, 15, 9);

const MODEL: ModelDrillResult = {
  model: 'chat', requests: 40, canaries: 4, affected: 12, answered: 11, keptAnswering: false,
  answeredBy: { acme: 3, beta: 8 }, callerErrors: { vendor_unavailable: 1 }, baselineMs: 120.5, affectedMs: 340, addedLatencyMs: null,
};

function drill(id: string, vendor: string, startedAt: number, o: Partial<DrillRecord> = {}): DrillRecord {
  return {
    id, vendor, fault: 'outage', share: 0.25, canary: true, durationMs: 60_000, latencyMs: 0, startedAt,
    endedAt: startedAt + 60_000, endedBy: 'duration', result: 'failed', models: [MODEL], ...o,
  };
}

test('postgres drills: insert, byId round trip, a replace, recent newest first', { timeout: 10_000 }, async (t) => {
  const [pool] = await pools(t);
  const store = new PgDrillRecordStore(pool as pg.Pool);
  assert.equal(await store.byId('drl_1'), undefined);
  assert.deepEqual(await store.recent(10), []);
  assert.deepEqual(await store.latestByVendor(), new Map());
  const a = drill('drl_1', 'acme', T0);
  const b = drill('drl_2', 'beta', T0 + 1000, { fault: 'latency', share: 0, canary: false, latencyMs: 2500, models: [], result: 'no-traffic', endedBy: 'stopped' });
  const c = drill('drl_3', 'acme', T0 + 2000, { fault: 'truncate', result: 'passed', models: [MODEL, { ...MODEL, model: 'embed', keptAnswering: null, baselineMs: null }] });
  for (const d of [a, b, c]) await store.insert(d);
  assert.deepEqual(await store.byId('drl_1'), a);
  assert.deepEqual(await store.byId('drl_2'), b, 'booleans and an empty model list');
  assert.deepEqual(await store.byId('drl_3'), c);
  assert.deepEqual(await store.recent(10), [c, b, a]);
  assert.deepEqual(await store.recent(2), [c, b]);
  assert.deepEqual(await store.recent(-1), []);
  assert.deepEqual(await store.recent(Number.NaN), []);
  // INSERT OR REPLACE: every column, and still one row
  const replaced = { ...a, result: 'passed' as const, endedBy: 'stopped' as const, endedAt: T0 + 5000, canary: false };
  await store.insert(replaced);
  assert.deepEqual(await store.byId('drl_1'), replaced);
  assert.equal((await store.recent(10)).length, 3);
  // a record still running when stored (shutdown) gets SQLite's defaults for what it has not got yet
  const before = Date.now();
  await store.insert(drill('drl_4', 'gamma', T0 + 3000, { endedAt: null, endedBy: null, result: null }));
  const running = await store.byId('drl_4');
  assert.equal(running?.endedBy, 'stopped');
  assert.equal(running?.result, 'no-traffic');
  assert.ok((running?.endedAt ?? 0) >= before && (running?.endedAt ?? 0) <= Date.now());
  store.close();
  assert.equal((await store.recent(10)).length, 4, 'close() leaves the shared pool open');
});

test('postgres drills: latestByVendor is the newest drill of each vendor; same start, the later write wins', { timeout: 10_000 }, async (t) => {
  const [pool] = await pools(t);
  const store = new PgDrillRecordStore(pool as pg.Pool);
  const inserts = [
    drill('z_old', 'acme', T0),
    drill('m_new', 'acme', T0 + 5000),
    drill('a_tie', 'beta', T0 + 1000),
    drill('z_tie', 'beta', T0 + 1000, { result: 'passed' }),
    drill('only', 'gamma', T0 + 3000),
  ];
  for (const d of inserts) await store.insert(d);
  const latest = await store.latestByVendor();
  assert.deepEqual([...latest.keys()], ['acme', 'gamma', 'beta'], 'newest first, as SQLite builds the map');
  assert.equal(latest.get('acme')?.id, 'm_new');
  assert.equal(latest.get('beta')?.id, 'z_tie', 'the later insert, not the larger id');
  assert.equal(latest.get('gamma')?.id, 'only');
  // a replaced row counts as written now, as SQLite's INSERT OR REPLACE gives it a new rowid
  await store.insert(drill('a_tie', 'beta', T0 + 1000, { result: 'no-traffic' }));
  assert.equal((await store.latestByVendor()).get('beta')?.id, 'a_tie');
  assert.deepEqual((await store.recent(10)).map((d) => d.id), ['m_new', 'only', 'a_tie', 'z_tie', 'z_old']);
});

test('postgres drills: the same answers as SQLite for the same inserts', { timeout: 10_000 }, async (t) => {
  const [pool] = await pools(t);
  const store = new PgDrillRecordStore(pool as pg.Pool);
  const sqlite = SqliteDrillRecordStore.open(':memory:');
  t.after(() => sqlite.close());
  const inserts = [
    drill('d1', 'acme', T0),
    drill('d2', 'beta', T0, { canary: false, share: 1 }),
    drill('d3', 'acme', T0 + 10, { fault: 'errors' }),
    drill('d4', 'Beta', T0 + 10, { models: [] }),
    drill('d2', 'beta', T0, { result: 'passed' }),
    drill('d5', 'acme', T0 + 10, { latencyMs: 900, fault: 'latency' }),
    drill('d6', '_x', T0 - 10),
  ];
  for (const d of inserts) {
    await store.insert(d);
    sqlite.insert(d);
  }
  assert.deepEqual(await store.recent(100), sqlite.recent(100));
  assert.deepEqual(await store.recent(3), sqlite.recent(3));
  assert.deepEqual([...(await store.latestByVendor())], [...sqlite.latestByVendor()]);
  for (const id of ['d1', 'd2', 'd5', 'missing']) assert.deepEqual(await store.byId(id), sqlite.byId(id));
});

test('postgres drills: a reader on another instance sees what the writer stored', { timeout: 10_000 }, async (t) => {
  const [a, b] = await pools(t, 2);
  const writer = new PgDrillRecordStore(a as pg.Pool);
  const reader = new PgDrillRecords(b as pg.Pool);
  const d = drill('drl_x', 'acme', T0);
  await writer.insert(d);
  assert.deepEqual(await reader.byId('drl_x'), d);
  assert.deepEqual(await reader.recent(5), [d]);
  assert.deepEqual(await reader.latestByVendor(), new Map([['acme', d]]));
});
