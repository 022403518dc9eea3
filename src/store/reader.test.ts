import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { holdStore } from './holder-process.fixture.ts';
import { openSqliteStore } from './open.ts';
import { openStoreReader } from './reader.ts';
import { sampleFlow, seededFlows } from './sample-flows.fixture.ts';
import { sampleRow } from './sample-rows.fixture.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-reader-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a reader works while another process holds the store open, as a running gateway does', { timeout: 30_000 }, async (t) => {
  const dir = tempDir(t);
  const url = `sqlite:${path.join(dir, 'airlock.db')}`;
  const pid = await holdStore(t, url, 5);
  assert.throws(() => openSqliteStore(url), new RegExp(`in use by process ${pid}`), 'the holder has the journal lock');
  const reader = await openStoreReader(url);
  t.after(() => reader.close());
  assert.equal((await reader.requestLog.count()), 5);
  assert.deepEqual((await reader.requestLog.byId(sampleRow(4).requestId)), sampleRow(4));
  assert.equal((await reader.dataFlows.count(0)), seededFlows().length);
  assert.equal((await reader.dataFlows.aggregate(0)).length, 8);
  assert.deepEqual((await reader.dataFlows.since(0)), [...seededFlows()].sort((a, b) => a.time - b.time));
  assert.ok(fs.existsSync(path.join(dir, 'airlock.db.journal.lock')), 'the reader leaves the lock alone');
});

test('a reader opens a store at rest and never writes to it', { timeout: 10_000 }, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'airlock.db');
  const store = openSqliteStore(`sqlite:${file}`);
  store.sink.writeFlow(sampleFlow(1));
  await store.close();
  // SQLite's own -wal and -shm may appear (a read-only connection cannot remove them); Airlock's files may not.
  const airlockFiles = (): string[] => fs.readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f)).sort();
  const before = airlockFiles();
  const reader = await openStoreReader(`sqlite:${file}`);
  assert.deepEqual((await reader.dataFlows.byRequest(sampleFlow(1).requestId)), sampleFlow(1));
  await reader.close();
  assert.deepEqual(airlockFiles(), before, 'no journal, cursor or lock created');
  // A gateway may start while reports run, and write as usual.
  const again = openSqliteStore(`sqlite:${file}`);
  again.sink.writeFlow(sampleFlow(2));
  await again.close();
  const second = await openStoreReader(`sqlite:${file}`);
  t.after(() => second.close());
  assert.equal((await second.dataFlows.count(0)), 2);
});

test('a reader refuses what it cannot read, with a clear message', { timeout: 5000 }, async (t) => {
  const dir = tempDir(t);
  await assert.rejects(() => openStoreReader(`sqlite:${path.join(dir, 'missing.db')}`), /missing\.db does not exist/);
  assert.equal(fs.existsSync(path.join(dir, 'missing.db')), false, 'a missing store is not created');
  await assert.rejects(() => openStoreReader('sqlite::memory:'), /cannot be read from outside/);
  const foreign = path.join(dir, 'other.db');
  new Database(foreign).exec('CREATE TABLE t (x)').close();
  await assert.rejects(() => openStoreReader(`sqlite:${foreign}`), /is not an Airlock store/);
  const old = path.join(dir, 'old.db');
  new Database(old).exec('CREATE TABLE schema_migrations (version INTEGER); CREATE TABLE request_log (request_id TEXT)').close();
  await assert.rejects(() => openStoreReader(`sqlite:${old}`), /no data-flow table yet/);
});
