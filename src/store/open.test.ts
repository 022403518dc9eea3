import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore, openStore, parseStoreUrl } from './open.ts';
import { roundTripRows, sampleRow } from './sample-rows.fixture.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('every field round-trips, booleans and nulls included', { timeout: 5000 }, async (t) => {
  const dir = tempDir(t);
  const store = openSqliteStore(`sqlite:${path.join(dir, 'airlock.db')}`);
  t.after(() => store.close());
  const { full, empty, zero } = roundTripRows();
  for (const row of [full, empty, zero]) store.sink.write(row);
  await store.sink.flush();
  assert.deepEqual(store.requestLog.byId(full.requestId), full);
  assert.deepEqual(store.requestLog.byId(empty.requestId), empty);
  assert.deepEqual(store.requestLog.byId(zero.requestId), zero, 'zero stays zero, not null');
  assert.equal(store.requestLog.byId('req_missing'), undefined);
  assert.deepEqual(store.requestLog.recent(2), [zero, empty]);
  assert.deepEqual(store.requestLog.recent(-1), []);
});

test('10,000 writes are committed in batches and all counted', { timeout: 20_000 }, async (t) => {
  const dir = tempDir(t);
  const store = openSqliteStore(`sqlite:${path.join(dir, 'airlock.db')}`, { flushIntervalMs: 20 });
  t.after(() => store.close());
  const n = 10_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) store.sink.write(sampleRow(i));
  const written = performance.now();
  await store.sink.flush();
  const flushed = performance.now();
  assert.equal(store.requestLog.count(), n);
  const rate = Math.round(n / ((flushed - written) / 1000));
  console.log(`# 10k rows: write ${(written - started).toFixed(1)} ms, flush ${(flushed - written).toFixed(1)} ms (${rate} rows/s)`);
  // The background flusher keeps going too: rows written after a flush are committed without another call.
  store.sink.write(sampleRow(n));
  for (let i = 0; i < 100 && store.requestLog.count() === n; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(store.requestLog.count(), n + 1);
});

test('sink.write costs a few microseconds', { timeout: 20_000 }, async (t) => {
  const dir = tempDir(t);
  const store = openSqliteStore(`sqlite:${path.join(dir, 'airlock.db')}`, { flushIntervalMs: 3_600_000 });
  t.after(() => store.close());
  const rows = Array.from({ length: 20_000 }, (_, i) => sampleRow(i));
  for (const row of rows.slice(0, 1000)) store.sink.write(row); // warm up JIT and page cache
  const started = process.hrtime.bigint();
  for (const row of rows.slice(1000)) store.sink.write(row);
  const perWrite = Number(process.hrtime.bigint() - started) / 1000 / 19_000;
  const bytes = JSON.stringify({ kind: 'request_log', row: rows[0] }).length;
  console.log(`# sink.write: ${perWrite.toFixed(2)} µs per ${bytes}-byte row`);
  assert.ok(perWrite < 1000, 'a write must stay far below a millisecond');
  await store.sink.flush();
  assert.equal(store.requestLog.count(), 20_000);
});

test('readiness answers true while open and false once closed', { timeout: 5000 }, async () => {
  const store = openSqliteStore('sqlite::memory:');
  assert.equal(store.ready(), true);
  assert.equal(store.ready(), true, 'cached answer');
  await store.close();
  assert.equal(store.ready(), false);
  assert.throws(() => store.sink.write(sampleRow(1)), /closed/);
});

test('a :memory: store works and removes its temp journal on close', { timeout: 5000 }, async (t) => {
  const dir = tempDir(t);
  const store = openSqliteStore('sqlite::memory:', { journalDir: dir });
  store.sink.write(sampleRow(1));
  await store.sink.flush();
  assert.equal(store.requestLog.count(), 1);
  assert.equal(fs.readdirSync(dir).length, 3, 'journal, cursor and lock while open');
  await store.close();
  await store.close(); // idempotent
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('the journal is truncated once committed and large', { timeout: 20_000 }, async (t) => {
  const dir = tempDir(t);
  const store = openSqliteStore(`sqlite:${path.join(dir, 'airlock.db')}`);
  t.after(() => store.close());
  const journal = path.join(dir, 'airlock.db.journal');
  const n = 12_000; // ~5 MB of journal, past the 4 MiB compaction threshold
  for (let i = 0; i < n; i++) store.sink.write(sampleRow(i));
  await store.sink.flush();
  assert.equal(store.requestLog.count(), n);
  assert.ok(fs.statSync(journal).size < 4 * 1024 * 1024, 'journal compacted');
  for (let i = n; i < n + 10; i++) store.sink.write(sampleRow(i));
  await store.sink.flush();
  assert.equal(store.requestLog.count(), n + 10);
});

test('store urls: sqlite file, :memory:, postgres, others refused without echoing a password', { timeout: 1000 }, async () => {
  assert.deepEqual(parseStoreUrl('sqlite:./airlock.db'), { kind: 'sqlite', file: './airlock.db', memory: false });
  assert.deepEqual(parseStoreUrl('sqlite::memory:'), { kind: 'sqlite', file: ':memory:', memory: true });
  assert.deepEqual(parseStoreUrl('sqlite:///var/lib/airlock.db'), { kind: 'sqlite', file: '/var/lib/airlock.db', memory: false });
  assert.deepEqual(parseStoreUrl('postgres://user@db.internal:5432/airlock'), { kind: 'postgres', url: 'postgres://user@db.internal:5432/airlock' });
  assert.deepEqual(parseStoreUrl('postgresql://db/airlock').kind, 'postgres');
  await assert.rejects(() => openStore('mysql://user:secret@host/db'), (err: Error) => !err.message.includes('secret'));
});
