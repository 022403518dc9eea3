import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordBackend } from './backend.ts';
import { DurableQueue } from './durable-queue.ts';
import type { JournalRecord } from './records.ts';
import { sampleRow } from '../sample-rows.fixture.ts';

/** Stores request ids like a real backend would (idempotent), and can be told to fail. */
class FakeBackend implements RecordBackend {
  readonly ids = new Set<string>();
  readonly batches: number[] = [];
  failing = false;

  commit(records: readonly JournalRecord[]): void {
    if (this.failing) throw new Error('database is down');
    this.batches.push(records.length);
    for (const r of records) this.ids.add(r.row.requestId);
  }
}

function journalPath(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-queue-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'q.journal');
}

test('a backlog is committed in bounded transactions', { timeout: 10_000 }, async (t) => {
  const backend = new FakeBackend();
  const queue = new DurableQueue({ journalPath: journalPath(t), backend, batchBytes: 64 * 1024 });
  t.after(() => queue.close());
  for (let i = 0; i < 5000; i++) queue.write(sampleRow(i));
  await queue.flush();
  assert.equal(backend.ids.size, 5000);
  assert.ok(backend.batches.length > 1, `${backend.batches.length} batches`);
  // 64 KiB of ~450-byte lines: no transaction grows with the backlog.
  assert.ok(Math.max(...backend.batches) <= 150, `largest batch ${Math.max(...backend.batches)}`);
});

test('a failing backend loses nothing: flush rejects, records wait in the journal', { timeout: 10_000 }, async (t) => {
  const file = journalPath(t);
  const backend = new FakeBackend();
  const queue = new DurableQueue({ journalPath: file, backend, flushIntervalMs: 5 });
  backend.failing = true;
  for (let i = 0; i < 100; i++) queue.write(sampleRow(i));
  await assert.rejects(queue.flush(), /database is down/);
  await new Promise((r) => setTimeout(r, 30)); // background ticks fail too, and must not drop anything
  assert.equal(backend.ids.size, 0);
  assert.ok(fs.statSync(file).size > 100 * 300, 'the journal holds the backlog');
  backend.failing = false;
  await queue.flush();
  assert.equal(backend.ids.size, 100);
  await queue.close();
});

test('close with a failing backend keeps the records for the next open', { timeout: 10_000 }, async (t) => {
  const file = journalPath(t);
  const down = new FakeBackend();
  down.failing = true;
  const first = new DurableQueue({ journalPath: file, backend: down });
  for (let i = 0; i < 10; i++) first.write(sampleRow(i));
  await assert.rejects(first.close(), /database is down/);

  const up = new FakeBackend();
  const second = new DurableQueue({ journalPath: file, backend: up });
  await second.flush();
  assert.equal(up.ids.size, 10);
  await second.close();
});

test('records handed over in memory are committed once each, in order, across a failed commit', { timeout: 10_000 }, async (t) => {
  const order: string[] = [];
  let failNext = false;
  const backend: RecordBackend = {
    commit(records) {
      if (failNext) {
        failNext = false;
        throw new Error('database hiccup');
      }
      for (const r of records) order.push(r.row.requestId);
    },
  };
  const queue = new DurableQueue({ journalPath: journalPath(t), backend, flushIntervalMs: 1000 });
  t.after(() => queue.close());
  for (let i = 0; i < 50; i++) queue.write(sampleRow(i));
  await queue.flush();
  for (let i = 50; i < 100; i++) queue.write(sampleRow(i));
  failNext = true;
  await assert.rejects(queue.flush(), /database hiccup/);
  // written after the failure: memory now starts past the cursor, so the drain must read the gap from the file
  for (let i = 100; i < 150; i++) queue.write(sampleRow(i));
  await queue.flush();
  const expected = Array.from({ length: 150 }, (_, i) => sampleRow(i).requestId);
  assert.deepEqual(order, expected);
});
