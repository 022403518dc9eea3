import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { DataFlowRow, RequestLogRow } from '../../pipeline/ports.ts';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import { openSqliteStore } from '../open.ts';
import { openStoreReader, type StoreReader } from '../reader.ts';
import { sampleFlow } from '../sample-flows.fixture.ts';
import { sampleRow } from '../sample-rows.fixture.ts';
import { SPEND_DIMENSIONS, DAY_MS } from '../sqlite/spend.ts';
import type { RequestFilter } from '../sqlite/request-log.ts';
import { openPgPool } from './connect.ts';
import { migratePg } from './migrate.ts';
import { PgModelTraffic } from './model-traffic.ts';
import { insertDataFlowRows } from './data-flows.ts';
import { insertRequestLogRows, PgRequestLog } from './request-log.ts';
import { freshSchema } from './pg-schema.fixture.ts';
import { PgReadiness } from './readiness.ts';
import { PgSpend } from './spend.ts';
import { PgUsageReplay } from './usage-replay.ts';

type T = { after(fn: () => Promise<void> | void): void };

const H = 3_600_000;
/** 2026-03-01T00:00Z; the rows span seven UTC days from here */
const T0 = Date.UTC(2026, 2, 1);

// Deterministic pseudo-random choices (mulberry32), so a failure reproduces.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Text that sorts differently by byte than by a language collation, and NULL in every grouping column.
const APPS = ['helpdesk', 'Billing', 'billing', 'a-b', 'a_b', 'ärzte', null];
const TEAMS = ['support', 'Support', 'finance', null];
const KEYS = ['helpdesk-prod', 'K2', 'k2', null];
const LOGICAL = ['chat', 'chat-mini', 'Embed', null];
const TARGETS: { vendor: string | null; vendorModel: string | null; price: [number, number] }[] = [
  { vendor: 'openai', vendorModel: 'gpt-4o-mini', price: [0.15, 0.6] },
  { vendor: 'openai', vendorModel: 'gpt-4o', price: [2.5, 10] },
  { vendor: 'anthropic', vendorModel: 'claude-sonnet', price: [3, 15] },
  { vendor: 'Azure', vendorModel: 'gpt-4o', price: [2.75, 11] },
  // a vendor model without a vendor: the model dimension's coalesce(vendor, '')
  { vendor: null, vendorModel: 'orphan', price: [1, 1] },
  // refused before any vendor
  { vendor: null, vendorModel: null, price: [0, 0] },
];
const SOURCES = ['config', 'catalog:2026-02', 'unpriced', null];

function requestRows(): RequestLogRow[] {
  const r = rng(7);
  const pick = <V>(xs: readonly V[]): V => xs[Math.floor(r() * xs.length)]!;
  const rows: RequestLogRow[] = [];
  for (let i = 1; i <= 320; i++) {
    const target = pick(TARGETS);
    const input = r() < 0.1 ? null : Math.floor(r() * 20_000);
    const output = r() < 0.1 ? null : Math.floor(r() * 4_000);
    const source = pick(SOURCES);
    // cost as the meter computes it: full-mantissa doubles, whose float sums depend on how they are added up
    const metered = ((input ?? 0) * target.price[0] + (output ?? 0) * target.price[1]) / 1e6;
    const costUsd = r() < 0.12 ? null : source === 'unpriced' ? 0 : metered;
    const usageReported = pick([true, true, false, null]);
    rows.push(sampleRow(i, {
      // several rows per hour over seven days, and some on the exact start of a day
      time: i % 25 === 0 ? T0 + (i % 7) * DAY_MS : T0 + Math.floor(r() * 7 * DAY_MS),
      keyName: pick(KEYS), app: pick(APPS), team: pick(TEAMS), logicalModel: pick(LOGICAL),
      vendor: target.vendor, vendorModel: target.vendorModel,
      status: pick([200, 200, 200, 429, 502]), errorCode: pick([null, null, 'rate_limited']), attempts: 1 + Math.floor(r() * 3),
      stream: r() < 0.5, latencyMs: Math.round(r() * 5000) / 4, ttfbMs: r() < 0.2 ? null : Math.round(r() * 800) / 2,
      inputTokens: input, outputTokens: output, cacheReadTokens: r() < 0.6 ? null : Math.floor(r() * 2000),
      usageReported, costUsd, priceSource: source, failedCostUsd: r() < 0.9 ? null : metered / 3,
    }));
  }
  // groups whose spend ties (at zero): ordered by name alone, NULL last
  rows.push(sampleRow(401, { time: T0 + 2 * DAY_MS + 5 * H, keyName: 'zero-b', app: 'zero-b', team: 'zero-b', costUsd: null }));
  rows.push(sampleRow(402, { time: T0 + 2 * DAY_MS + 6 * H, keyName: 'zero-a', app: 'zero-a', team: 'zero-a', costUsd: 0 }));
  // no tokens at all: left out of the usage replay
  rows.push(sampleRow(403, { time: T0 + 3 * DAY_MS, inputTokens: null, outputTokens: null, cacheReadTokens: 5, costUsd: 0.25 }));
  return rows;
}

const CLASSES: Record<string, number>[] = [
  {}, { personal: 1 }, { personal: 3, payment: 2 }, { confidential: 0 }, { Payment: 1 }, { _x: 2, special: 1 }, { credentials: 1 },
];

function flowRows(): DataFlowRow[] {
  const r = rng(11);
  const pick = <V>(xs: readonly V[]): V => xs[Math.floor(r() * xs.length)]!;
  const rows: DataFlowRow[] = [];
  for (let i = 1; i <= 220; i++) {
    const base = {
      time: T0 + Math.floor(r() * 7 * DAY_MS), app: pick(APPS), team: pick(TEAMS), logicalModel: pick(LOGICAL),
      region: pick(['us', 'eu', null]), termsVersion: pick(['2026-01-01', null]), classes: pick(CLASSES),
      action: pick(['allow', 'redact', 'pseudonymize', 'block']),
    };
    rows.push(sampleFlow(i, { ...base, vendor: pick(['openai', 'anthropic', null]) }));
    // a fallback: the same request sent to a second vendor, counted once per class
    if (i % 9 === 0) rows.push(sampleFlow(i, { ...base, vendor: 'Azure' }));
  }
  return rows;
}

/** The same rows in a SQLite store, read through the report reader, and in a fresh Postgres schema. */
async function seeded(t: T, rows: readonly RequestLogRow[], flows: readonly DataFlowRow[]): Promise<{ sqlite: StoreReader; pool: pg.Pool }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-pg-readers-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const url = `sqlite:${path.join(dir, 'airlock.db')}`;
  const store = openSqliteStore(url);
  try {
    for (const row of rows) store.sink.write(row);
    for (const flow of flows) store.sink.writeFlow(flow);
    await store.sink.flush();
  } finally {
    await store.close();
  }
  const sqlite = await openStoreReader(url);
  t.after(() => sqlite.close());

  const { url: pgUrl } = await freshSchema(t);
  const pool = openPgPool(pgUrl);
  t.after(() => pool.end());
  await migratePg(pool, POSTGRES_MIGRATIONS);
  // a language collation on the text columns, as a database created with en_US.UTF-8 would have: the order must
  // still be SQLite's byte order (the test database itself is C.UTF-8, which would hide the difference)
  const collate = (columns: string[]): string => columns.map((c) => `ALTER COLUMN ${c} TYPE TEXT COLLATE "und-x-icu"`).join(', ');
  await pool.query(`ALTER TABLE request_log ${collate(['key_name', 'app', 'team', 'logical_model', 'vendor', 'vendor_model', 'price_source'])}`);
  await pool.query(`ALTER TABLE data_flow ${collate(['request_id', 'app', 'team', 'logical_model', 'vendor'])}`);
  await insertRequestLogRows(pool, rows);
  await insertDataFlowRows(pool, flows);
  return { sqlite, pool };
}

// Every day start, a mid-day cut, and past the last row.
const PERIODS = [0, T0, T0 + 2 * DAY_MS, T0 + 3 * DAY_MS + 13 * H + 1, T0 + 6 * DAY_MS, T0 + 8 * DAY_MS];

test('PgSpend.byDimension equals SQLite for every dimension and period', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, requestRows(), []);
  const pgSpend = new PgSpend(pool);
  let groups = 0;
  for (const d of SPEND_DIMENSIONS) {
    for (const since of PERIODS) {
      const want = await sqlite.spend.byDimension(d, since);
      assert.deepEqual(await pgSpend.byDimension(d, since), want, `${d} since ${since}`);
      groups += want.length;
    }
  }
  // the data did exercise ties and estimates
  const keys = await sqlite.spend.byDimension('key', 0);
  assert.deepEqual(keys.filter((g) => g.costUsd === 0).map((g) => g.name), ['zero-a', 'zero-b'], 'tied groups by name');
  assert.ok(groups > 100);
  assert.ok(keys.some((g) => g.estimatedRequests > 0 && g.estimatedUsd > 0));
});

test('PgSpend.lines equals SQLite for every period', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, requestRows(), []);
  const pgSpend = new PgSpend(pool);
  for (const since of PERIODS) assert.deepEqual(await pgSpend.lines(since), await sqlite.spend.lines(since), `since ${since}`);
  const all = await sqlite.spend.lines(0);
  assert.ok(all.length > 200 && new Set(all.map((l) => l.day)).size === 7);
});

test('PgSpend.daily equals SQLite for every period', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, requestRows(), []);
  const pgSpend = new PgSpend(pool);
  for (const since of PERIODS) assert.deepEqual(await pgSpend.daily(since), await sqlite.spend.daily(since), `since ${since}`);
  const all = await sqlite.spend.daily(0);
  assert.ok(all.some((d) => d.scope === 'team' && d.name === null) && all.some((d) => d.scope === 'global'));
});

test('PgUsageReplay.usage equals SQLite for every period', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, requestRows(), []);
  const replay = new PgUsageReplay(pool);
  for (const since of PERIODS) assert.deepEqual(await replay.usage(since), await sqlite.usageReplay.usage(since), `since ${since}`);
  const all = await sqlite.usageReplay.usage(0);
  assert.ok(all.some((g) => g.unpriced.requests > 0 && g.unpriced.requests < g.requests));
});

test('PgModelTraffic.since equals SQLite for every period', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, requestRows(), []);
  const traffic = new PgModelTraffic(pool);
  for (const since of PERIODS) assert.deepEqual(await traffic.since(since), await sqlite.modelTraffic.since(since), `since ${since}`);
});

test('PgReadiness.vendorShares equals SQLite for every period', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, requestRows(), []);
  const readiness = new PgReadiness(pool);
  for (const since of PERIODS) assert.deepEqual(await readiness.vendorShares(since), await sqlite.readiness.vendorShares(since), `since ${since}`);
});

test('PgReadiness.appClasses equals SQLite for every period, fallbacks counted once', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, [], flowRows());
  const readiness = new PgReadiness(pool);
  for (const since of PERIODS) assert.deepEqual(await readiness.appClasses(since), await sqlite.readiness.appClasses(since), `since ${since}`);
  const all = await sqlite.readiness.appClasses(0);
  assert.ok(all.some((c) => c.dataClass === 'public') && all.some((c) => c.app === null));
});

test('every reader answers an empty store as SQLite does', { timeout: 30_000 }, async (t) => {
  const { sqlite, pool } = await seeded(t, [], []);
  for (const d of SPEND_DIMENSIONS) assert.deepEqual(await new PgSpend(pool).byDimension(d, 0), await sqlite.spend.byDimension(d, 0));
  assert.deepEqual(await new PgSpend(pool).lines(0), await sqlite.spend.lines(0));
  assert.deepEqual(await new PgSpend(pool).daily(0), await sqlite.spend.daily(0));
  assert.deepEqual(await new PgUsageReplay(pool).usage(0), await sqlite.usageReplay.usage(0));
  assert.deepEqual(await new PgModelTraffic(pool).since(0), await sqlite.modelTraffic.since(0));
  assert.deepEqual(await new PgReadiness(pool).vendorShares(0), await sqlite.readiness.vendorShares(0));
  assert.deepEqual(await new PgReadiness(pool).appClasses(0), await sqlite.readiness.appClasses(0));
});

test('PgRequestLog.recent equals SQLite for every filter, and paging with before visits every row once', { timeout: 30_000 }, async (t) => {
  const rows = requestRows();
  const { sqlite, pool } = await seeded(t, rows, []);
  const log = new PgRequestLog(pool);
  const filters: RequestFilter[] = [
    {}, { app: 'billing' }, { app: 'Billing' }, { team: 'support', outcome: 'error' }, { keyName: 'k2' }, { logicalModel: 'chat', vendor: 'openai' },
    { outcome: 'ok' }, { vendor: 'nobody' },
  ];
  for (const filter of filters) {
    const want = await sqlite.requestLog.recent(500, filter);
    assert.deepEqual(await log.recent(500, filter), want, JSON.stringify(filter));
    const fields = Object.entries(filter).filter(([k]) => k !== 'outcome');
    const outcome = (r: RequestLogRow): boolean => filter.outcome === undefined || (filter.outcome === 'ok') === (r.status >= 200 && r.status < 300);
    const expected = rows.filter((r) => outcome(r) && fields.every(([k, v]) => r[k as keyof RequestLogRow] === v)).length;
    assert.equal(want.length, expected, `${JSON.stringify(filter)} matches what it says`);
  }
  // pages of 7 over the whole log, through rows that share a time: the same order as one read, nothing twice
  for (const reader of [sqlite.requestLog, log]) {
    const seen: string[] = [];
    let before: RequestFilter['before'];
    for (;;) {
      const page = await reader.recent(7, before === undefined ? {} : { before });
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.requestId));
      const last = page[page.length - 1]!;
      before = { time: last.time, requestId: last.requestId };
    }
    assert.deepEqual(seen, (await sqlite.requestLog.recent(500)).map((r) => r.requestId));
    assert.equal(seen.length, rows.length);
  }
  const times = rows.map((r) => r.time);
  assert.ok(times.length - new Set(times).size >= 5, 'the rows hold ties on time');
  assert.deepEqual(await log.recent(-1), [], 'a negative limit lists nothing');
});
