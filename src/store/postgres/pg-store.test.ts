import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleFlow } from '../sample-flows.fixture.ts';
import { roundTripRows, sampleRow } from '../sample-rows.fixture.ts';
import { flowRecords, logRecords, openTestPgStore } from './pg-store.fixture.ts';
import { PgStore } from './pg-store.ts';
import { freshSchema } from './pg-schema.fixture.ts';

test('every field round-trips, booleans and nulls included', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const { full, empty, zero } = roundTripRows();
  const priced = sampleRow(4, { priceSource: 'catalog:2026-01-15', failedCostUsd: 0.000125, costUsd: 0.0025 });
  await store.commit(logRecords([full, empty, zero, priced]));
  assert.deepEqual(await store.requestLog.byId(full.requestId), full);
  assert.deepEqual(await store.requestLog.byId(empty.requestId), empty);
  assert.deepEqual(await store.requestLog.byId(zero.requestId), zero, 'zero stays zero, not null');
  assert.deepEqual(await store.requestLog.byId(priced.requestId), priced);
  assert.equal(await store.requestLog.byId('req_missing'), undefined);
  assert.deepEqual(await store.requestLog.recent(2), [priced, zero]);
  assert.equal(await store.requestLog.count(), 4);
});

test('recent: newest first, ties by request id descending, limits clamped', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const rows = [sampleRow(1), sampleRow(2), sampleRow(3, { time: sampleRow(2).time })];
  await store.commit(logRecords(rows));
  assert.deepEqual(await store.requestLog.recent(10), [rows[2], rows[1], rows[0]]);
  assert.deepEqual(await store.requestLog.recent(1), [rows[2]]);
  assert.deepEqual(await store.requestLog.recent(1.9), [rows[2]], 'a fraction is floored');
  assert.deepEqual(await store.requestLog.recent(0), []);
  assert.deepEqual(await store.requestLog.recent(-1), [], 'a negative limit is no rows, not the whole table');
  assert.deepEqual(await store.requestLog.recent(Number.NaN), []);
  assert.equal(await store.requestLog.count(), 3);
});

test('committing the same batch twice stores each row once; duplicates within a batch keep the first', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const n = 300;
  const rows = Array.from({ length: n }, (_, i) => sampleRow(i, i % 3 === 0 ? { content: { prompt: `["p${i}"]`, answer: `a${i}` } } : {}));
  const blocked = sampleFlow(n, { vendor: null, region: null, termsVersion: null, action: 'block' });
  const batch = [...logRecords(rows), ...flowRecords([...rows.map((_, i) => sampleFlow(i)), blocked])];
  await store.commit(batch);
  await store.commit(batch);
  assert.equal(await store.requestLog.count(), n);
  assert.equal(await store.dataFlows.count(0), n + 1);
  assert.equal((await store.dataFlows.allByRequest(blocked.requestId)).length, 1, 'a null vendor is one key too');
  assert.deepEqual(await store.requestContent.byRequest(rows[3]!.requestId), { prompt: '["p3"]', answer: 'a3' });

  const again = sampleRow(1, { status: 500 });
  await store.commit(logRecords([sampleRow(n), sampleRow(n, { status: 502 }), again]));
  assert.equal(await store.requestLog.count(), n + 1);
  assert.equal((await store.requestLog.byId(sampleRow(n).requestId))?.status, 200, 'the first of the batch');
  assert.equal((await store.requestLog.byId(again.requestId))?.status, 200, 'the stored row, not the replay');
});

test('a batch with a bad row in the middle stores none of its rows, across statements', { timeout: 20_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  await store.commit(logRecords([sampleRow(0)]));
  const rows = Array.from({ length: 2500 }, (_, i) => sampleRow(i + 1));
  // route is NOT NULL; row 1500 lands in the batch's second INSERT statement, after the first succeeded
  rows[1500] = sampleRow(1501, { route: null as unknown as string });
  const flows = [sampleFlow(1), sampleFlow(2)];
  await assert.rejects(store.commit([...flowRecords(flows), ...logRecords(rows)]), /null value|not-null/);
  assert.equal(await store.requestLog.count(), 1, 'only the row of the earlier batch');
  assert.equal(await store.dataFlows.count(0), 0);
  // the pool's connection is usable afterwards: the transaction was rolled back, not left open
  await store.commit(logRecords([sampleRow(1)]));
  assert.equal(await store.requestLog.count(), 2);
});

test('5,000 records of each kind commit in one call', { timeout: 30_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const n = 5000;
  const rows = Array.from({ length: n }, (_, i) => sampleRow(i, i % 10 === 0 ? { content: { prompt: '["hi [EMAIL_1]"]', answer: 'ok' } } : {}));
  const flows = Array.from({ length: n }, (_, i) => sampleFlow(i));
  const started = performance.now();
  await store.commit([...logRecords(rows), ...flowRecords(flows)]);
  const ms = performance.now() - started;
  console.log(`# pg commit of ${2 * n} records: ${ms.toFixed(0)} ms (${Math.round((2 * n) / (ms / 1000))} records/s)`);
  assert.equal(await store.requestLog.count(), n);
  assert.equal(await store.dataFlows.count(0), n);
  assert.deepEqual(await store.requestLog.byId(rows[n - 1]!.requestId), rows[n - 1]);
  assert.deepEqual(await store.requestContent.byRequest(rows[4990]!.requestId), { prompt: '["hi [EMAIL_1]"]', answer: 'ok' });
  assert.equal(await store.requestContent.byRequest(rows[4991]!.requestId), undefined);
});

test('request content round-trips; rows without content store none', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const content = { prompt: '["Mail [EMAIL_1] about ‘Ünïcode’ \\u0000-free text"]', answer: 'Done: [EMAIL_1]\nline two' };
  const withContent = sampleRow(1, { content });
  await store.commit(logRecords([withContent, sampleRow(2)]));
  assert.deepEqual(await store.requestContent.byRequest(withContent.requestId), content);
  assert.equal(await store.requestContent.byRequest(sampleRow(2).requestId), undefined);
  assert.equal(await store.requestContent.byRequest('req_missing'), undefined);
  const { content: _content, ...logged } = withContent;
  assert.deepEqual(await store.requestLog.byId(withContent.requestId), logged, 'content is not part of the log row');
});

test('an empty commit is a no-op', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  await store.commit([]);
  assert.equal(await store.requestLog.count(), 0);
});

test('readiness: true while open and cached, false at once after close', { timeout: 10_000 }, async (t) => {
  const { url } = await freshSchema(t);
  let now = 0;
  const store = await PgStore.open(url, { clock: { now: () => now } });
  t.after(() => store.close());
  assert.equal(store.ready(), true, 'the ping in open() answered');
  assert.equal(store.ready(), true, 'cached answer');
  now = 1500;
  assert.equal(store.ready(), true, 'the stale answer while a new ping runs');
  assert.equal(store.ready(), true, 'no second ping while one runs');
  await store.close();
  assert.equal(store.ready(), false);
  now = 5000;
  assert.equal(store.ready(), false, 'and stays false');
  await store.close(); // a second close is harmless
});

test('opening an unreachable database fails and leaves nothing running', { timeout: 10_000 }, async () => {
  await assert.rejects(PgStore.open('postgres://postgres@127.0.0.1:1/test', { connectTimeoutMs: 1000 }));
});
