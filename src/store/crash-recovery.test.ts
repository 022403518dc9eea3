import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openSqliteStore } from './open.ts';
import { sampleFlow } from './sample-flows.fixture.ts';
import { sampleRow } from './sample-rows.fixture.ts';

const writer = new URL('./crash-writer.fixture.ts', import.meta.url).pathname;
// `--import tsx` resolves from the working directory: run the child from the repo root whatever ours is.
const repoRoot = new URL('../../', import.meta.url).pathname;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-crash-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runWriter(url: string, dir: string, rows: number, ...extra: string[]): Promise<{ stdout: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, url, dir, String(rows), ...extra], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ stdout, signal }) : reject(new Error(`writer exited without SIGKILL: ${stderr}`))));
  });
}

function countDirect(file: string, table = 'request_log'): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
  } finally {
    db.close();
  }
}

test('rows acknowledged before a SIGKILL are all in the store after reopening', { timeout: 30_000 }, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'airlock.db');
  const url = `sqlite:${file}`;
  const n = 3000;
  const { stdout } = await runWriter(url, dir, n);
  assert.equal(stdout, 'written\n');
  // Nothing reached SQLite before the kill: whatever the store holds next came from the journal.
  assert.equal(countDirect(file), 0);
  assert.ok(fs.existsSync(path.join(dir, 'airlock.db.journal.lock')), 'the killed writer left its lock behind');

  const store = openSqliteStore(url, { journalDir: dir });
  await store.sink.flush();
  assert.equal((await store.requestLog.count()), n);
  for (const i of [0, 1, 2, n - 1]) {
    assert.deepEqual((await store.requestLog.byId(sampleRow(i).requestId)), sampleRow(i, { usageReported: i % 3 === 0 ? null : i % 3 === 1 }));
  }
  await store.close();
});

test('data-flow records interleaved with request rows all survive a SIGKILL', { timeout: 30_000 }, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'airlock.db');
  const url = `sqlite:${file}`;
  const n = 2000;
  const { stdout } = await runWriter(url, dir, n, 'flows');
  assert.equal(stdout, 'written\n');
  assert.equal(countDirect(file, 'data_flow'), 0);

  const store = openSqliteStore(url, { journalDir: dir });
  await store.sink.flush();
  assert.equal((await store.requestLog.count()), n);
  assert.equal((await store.dataFlows.count(0)), n);
  for (const i of [0, 1, 2, n - 1]) {
    assert.deepEqual((await store.dataFlows.byRequest(sampleFlow(i).requestId)), sampleFlow(i, i % 4 === 0 ? { classes: {}, action: 'allow' } : {}));
  }
  const none = (await store.dataFlows.aggregate(0)).find((a) => a.dataClass === 'none');
  assert.equal(none?.requests, n / 4);
  await store.close();
});

test('replaying an already committed journal does not duplicate rows', { timeout: 10_000 }, async (t) => {
  const dir = tempDir(t);
  const url = `sqlite:${path.join(dir, 'airlock.db')}`;
  const n = 500;
  const first = openSqliteStore(url);
  for (let i = 0; i < n; i++) first.sink.write(sampleRow(i));
  await first.close();

  for (let round = 0; round < 2; round++) {
    // A crash between the commit and the cursor's advance: the cursor still says 0, so everything replays.
    fs.writeFileSync(path.join(dir, 'airlock.db.journal.offset'), Buffer.alloc(8));
    const again = openSqliteStore(url);
    await again.sink.flush();
    assert.equal((await again.requestLog.count()), n, `round ${round}`);
    await again.close();
  }
});

test('a second opener cannot take a journal in use', { timeout: 10_000 }, (t) => {
  const dir = tempDir(t);
  const url = `sqlite:${path.join(dir, 'airlock.db')}`;
  const store = openSqliteStore(url);
  t.after(() => store.close());
  assert.throws(() => openSqliteStore(url), /journal .* is in use by process/);
});
