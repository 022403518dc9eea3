import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataFlowRow } from '../pipeline/ports.ts';
import { openSqliteStore } from './open.ts';
import { decodeRecord, encodeRecord } from './queue/records.ts';
import { sampleFlow, seededFlows, SEEDED_HOUR, SEEDED_T0 } from './sample-flows.fixture.ts';
import { sampleRow } from './sample-rows.fixture.ts';
import type { FlowAggregate } from './sqlite/data-flows.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-flows-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const at = (hours: number): number => SEEDED_T0 + hours * SEEDED_HOUR;

function agg(o: Partial<FlowAggregate> & Pick<FlowAggregate, 'dataClass' | 'action' | 'requests' | 'values' | 'firstSeen' | 'lastSeen'>): FlowAggregate {
  return { vendor: 'openai', region: 'us', termsVersion: '2026-01-01', app: 'helpdesk', team: 'support', ...o };
}

test('data-flow rows round-trip through the journal, nulls and empty classes included', { timeout: 5000 }, async (t) => {
  const dir = tempDir(t);
  const store = openSqliteStore(`sqlite:${path.join(dir, 'airlock.db')}`);
  t.after(() => store.close());
  const full = sampleFlow(1, { classes: { personal: 3, payment: 1, confidential: 0 } });
  const blocked = sampleFlow(2, { app: null, team: null, logicalModel: null, vendor: null, region: null, termsVersion: null, classes: { credentials: 1 }, action: 'block' });
  const plain = sampleFlow(3, { classes: {}, action: 'allow' });
  for (const row of [full, blocked, plain]) store.sink.writeFlow(row);
  store.sink.write(sampleRow(1));
  await store.sink.flush();
  assert.deepEqual((await store.dataFlows.byRequest(full.requestId)), full);
  assert.deepEqual((await store.dataFlows.byRequest(blocked.requestId)), blocked);
  assert.deepEqual((await store.dataFlows.byRequest(plain.requestId)), plain);
  assert.equal((await store.dataFlows.byRequest('req_missing')), undefined);
  assert.deepEqual((await store.dataFlows.since(0)), [full, blocked, plain]);
  assert.deepEqual((await store.dataFlows.since(full.time + 1)), [blocked, plain]);
  assert.equal((await store.dataFlows.count(0)), 3);
  // The two kinds land in their own tables from one journal.
  assert.equal((await store.requestLog.count()), 1);
  assert.deepEqual((await store.requestLog.byId(sampleRow(1).requestId)), sampleRow(1));
});

test('journal lines: both kinds decode; a data_flow line without classes is skipped as torn', { timeout: 1000 }, () => {
  const flow = sampleFlow(7);
  assert.deepEqual(decodeRecord(encodeRecord({ kind: 'data_flow', row: flow })), { kind: 'data_flow', row: flow });
  assert.deepEqual(decodeRecord(encodeRecord({ kind: 'request_log', row: sampleRow(7) })), { kind: 'request_log', row: sampleRow(7) });
  const { classes: _classes, ...noClasses } = flow;
  assert.equal(decodeRecord(JSON.stringify({ kind: 'data_flow', row: noClasses })), null);
  assert.equal(decodeRecord(JSON.stringify({ kind: 'audit_event', row: flow })), null, 'a kind from a newer Airlock');
  assert.equal(decodeRecord(encodeRecord({ kind: 'data_flow', row: flow }).slice(0, 60)), null);
});

test('replaying a committed journal of mixed kinds duplicates nothing', { timeout: 10_000 }, async (t) => {
  const dir = tempDir(t);
  const url = `sqlite:${path.join(dir, 'airlock.db')}`;
  const n = 400;
  const first = openSqliteStore(url);
  for (let i = 0; i < n; i++) {
    first.sink.write(sampleRow(i));
    first.sink.writeFlow(sampleFlow(i));
  }
  await first.close();
  for (let round = 0; round < 2; round++) {
    // A crash between the commit and the cursor's advance: the cursor still says 0, so everything replays.
    fs.writeFileSync(path.join(dir, 'airlock.db.journal.offset'), Buffer.alloc(8));
    const again = openSqliteStore(url);
    await again.sink.flush();
    assert.equal((await again.requestLog.count()), n, `round ${round}`);
    assert.equal((await again.dataFlows.count(0)), n, `round ${round}`);
    assert.deepEqual((await again.dataFlows.byRequest(sampleFlow(n - 1).requestId)), sampleFlow(n - 1));
    await again.close();
  }
});

test('a second write of the same request id keeps the first row', { timeout: 5000 }, async (t) => {
  const store = openSqliteStore('sqlite::memory:', { journalDir: tempDir(t) });
  t.after(() => store.close());
  const original = sampleFlow(1);
  store.sink.writeFlow(original);
  store.sink.writeFlow({ ...original, action: 'block' } satisfies DataFlowRow);
  await store.sink.flush();
  assert.equal((await store.dataFlows.count(0)), 1);
  assert.deepEqual((await store.dataFlows.byRequest(original.requestId)), original);
});

test('aggregate: one row per flow and data class, `none` for requests without a class', { timeout: 5000 }, async (t) => {
  const store = openSqliteStore('sqlite::memory:', { journalDir: tempDir(t) });
  t.after(() => store.close());
  for (const row of seededFlows()) store.sink.writeFlow(row);
  await store.sink.flush();
  const onprem = { vendor: 'onprem', region: 'internal', termsVersion: null };
  assert.deepEqual((await store.dataFlows.aggregate(0)), [
    agg({ vendor: 'anthropic', termsVersion: '2025-09-01', dataClass: 'internal', action: 'allow', requests: 1, values: 3, firstSeen: at(80), lastSeen: at(80) }),
    agg({ ...onprem, dataClass: 'confidential', action: 'reroute', requests: 1, values: 0, firstSeen: at(60), lastSeen: at(60) }),
    agg({ ...onprem, app: 'hr', team: 'people', dataClass: 'special', action: 'reroute', requests: 1, values: 1, firstSeen: at(61), lastSeen: at(61) }),
    agg({ dataClass: 'none', action: 'allow', requests: 2, values: 0, firstSeen: at(2), lastSeen: at(40) }),
    agg({ dataClass: 'payment', action: 'redact', requests: 1, values: 2, firstSeen: at(50), lastSeen: at(50) }),
    agg({ dataClass: 'personal', action: 'pseudonymize', requests: 3, values: 7, firstSeen: at(1), lastSeen: at(30) }),
    agg({ dataClass: 'personal', action: 'redact', requests: 1, values: 1, firstSeen: at(50), lastSeen: at(50) }),
    agg({ vendor: null, region: null, termsVersion: null, dataClass: 'credentials', action: 'block', requests: 1, values: 1, firstSeen: at(70), lastSeen: at(70) }),
  ]);
  assert.equal((await store.dataFlows.count(0)), 10);
  // `since` is inclusive and cuts flows in the middle: only rows 3 (30 h), 5 (40 h) and later remain.
  const late = (await store.dataFlows.aggregate(at(30)));
  assert.equal((await store.dataFlows.count(at(30))), 7);
  assert.deepEqual(
    late.filter((a) => a.vendor === 'openai').map((a) => [a.dataClass, a.action, a.requests, a.values, a.firstSeen]),
    [['none', 'allow', 1, 0, at(40)], ['payment', 'redact', 1, 2, at(50)], ['personal', 'pseudonymize', 1, 4, at(30)], ['personal', 'redact', 1, 1, at(50)]],
  );
  assert.deepEqual((await store.dataFlows.aggregate(at(81))), []);
});

test('a request log row and its data-flow record written together both arrive', { timeout: 10_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-both-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(`sqlite:${path.join(dir, 'both.db')}`);
  t.after(() => store.close());
  const flow = sampleFlow(7);
  store.sink.write({ ...sampleRow(7), requestId: flow.requestId }, flow);
  await store.sink.flush();
  assert.equal((await store.requestLog.byId(flow.requestId))?.requestId, flow.requestId);
  assert.deepEqual((await store.dataFlows.byRequest(flow.requestId)), flow);
});
