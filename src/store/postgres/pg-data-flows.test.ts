import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { DataFlowRow } from '../../pipeline/ports.ts';
import { sampleFlow, seededFlows, SEEDED_HOUR, SEEDED_T0 } from '../sample-flows.fixture.ts';
import { flowRecords, openTestPgStore, openTestSqliteStore } from './pg-store.fixture.ts';

const at = (hours: number): number => SEEDED_T0 + hours * SEEDED_HOUR;

test('data-flow rows round-trip, nulls and empty classes included', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  const full = sampleFlow(1, { classes: { personal: 3, payment: 1, confidential: 0 } });
  const blocked = sampleFlow(2, { app: null, team: null, logicalModel: null, vendor: null, region: null, termsVersion: null, classes: { credentials: 1 }, action: 'block' });
  const plain = sampleFlow(3, { classes: {}, action: 'allow' });
  await store.commit(flowRecords([full, blocked, plain]));
  assert.deepEqual(await store.dataFlows.byRequest(full.requestId), full);
  assert.deepEqual(await store.dataFlows.byRequest(blocked.requestId), blocked);
  assert.deepEqual(await store.dataFlows.byRequest(plain.requestId), plain);
  assert.equal(await store.dataFlows.byRequest('req_missing'), undefined);
  assert.deepEqual(await store.dataFlows.since(0), [full, blocked, plain]);
  assert.deepEqual(await store.dataFlows.since(full.time + 1), [blocked, plain]);
  assert.equal(await store.dataFlows.count(0), 3);
  assert.equal(await store.dataFlows.count(plain.time + 1), 0);
});

test('a request sent to several vendors: allByRequest in send order, byRequest the last', { timeout: 10_000 }, async (t) => {
  const { store } = await openTestPgStore(t);
  // vendor names out of alphabetical order, so only the send order (seq) can give this order back
  const tried = ['openai', 'azure', 'anthropic'].map((vendor) => sampleFlow(1, { vendor }));
  await store.commit(flowRecords([tried[0]!, sampleFlow(2)]));
  await store.commit(flowRecords(tried.slice(1)));
  assert.deepEqual(await store.dataFlows.allByRequest(tried[0]!.requestId), tried);
  assert.deepEqual(await store.dataFlows.byRequest(tried[0]!.requestId), tried[2]);
  assert.equal(await store.dataFlows.count(0), 2, 'distinct requests');
  assert.deepEqual(await store.dataFlows.allByRequest('req_missing'), []);
  // a replay keeps the original row of each (request, vendor)
  await store.commit(flowRecords([{ ...tried[1]!, action: 'block' } satisfies DataFlowRow]));
  assert.deepEqual(await store.dataFlows.allByRequest(tried[0]!.requestId), tried);
});

test('aggregate equals the SQLite store\'s for the same rows', { timeout: 10_000 }, async (t) => {
  const { store, url } = await openTestPgStore(t);
  const sqlite = openTestSqliteStore(t);
  // a language collation on the columns, as a database created with en_US.UTF-8 would have: the store's order
  // must still be SQLite's byte order (the test database itself is C.UTF-8, which would hide the difference)
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const columns = ['request_id', 'vendor', 'region', 'terms_version', 'app', 'team', 'action'];
    await admin.query(`ALTER TABLE data_flow ${columns.map((c) => `ALTER COLUMN ${c} TYPE TEXT COLLATE "und-x-icu"`).join(', ')}`);
  } finally {
    await admin.end();
  }
  const rows: DataFlowRow[] = [
    ...seededFlows(),
    // text that sorts differently by byte than by a language collation, and a NULL in every grouping column
    sampleFlow(20, { time: at(90), vendor: 'Zeta', app: 'b', classes: { personal: 2, Payment: 1 } }),
    sampleFlow(21, { time: at(91), vendor: 'alpha', app: 'B', classes: { personal: 1 } }),
    sampleFlow(22, { time: at(92), vendor: 'alpha', app: null, team: null, region: null, termsVersion: null, classes: { _x: 5 } }),
    sampleFlow(23, { time: at(93), vendor: 'alpha', app: 'a-b', classes: {} }),
    sampleFlow(24, { time: at(94), vendor: 'alpha', app: 'ab', classes: {} }),
  ];
  await store.commit(flowRecords(rows));
  sqlite.commit(flowRecords(rows));
  for (const since of [0, at(30), at(81), at(92), at(95)]) {
    assert.deepEqual(await store.dataFlows.aggregate(since), sqlite.dataFlows.aggregate(since), `since ${since}`);
    assert.equal(await store.dataFlows.count(since), sqlite.dataFlows.count(since));
    assert.deepEqual(await store.dataFlows.since(since), sqlite.dataFlows.since(since));
  }
  // and the hand-checked numbers of src/store/data-flows.test.ts, for one flow
  const personal = (await store.dataFlows.aggregate(0)).find((a) => a.vendor === 'openai' && a.dataClass === 'personal' && a.action === 'pseudonymize');
  assert.deepEqual(personal && [personal.requests, personal.values, personal.firstSeen, personal.lastSeen], [3, 7, at(1), at(30)]);
  assert.deepEqual(await store.dataFlows.aggregate(at(95)), []);
});
