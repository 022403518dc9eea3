import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal } from './journal.ts';
import { decodeRecord, encodeRecord } from './records.ts';
import { sampleRow } from '../sample-rows.fixture.ts';

function tempFile(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-journal-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'j.journal');
}

test('reads back complete lines in bounded chunks, longer lines included', { timeout: 2000 }, (t) => {
  const journal = new Journal(tempFile(t));
  t.after(() => journal.close());
  const lines = ['a', 'bb', 'x'.repeat(100), 'ccc'];
  for (const line of lines) journal.append(line);
  const seen: string[] = [];
  let offset = 0;
  for (;;) {
    const chunk = journal.read(offset, 8);
    if (chunk.end === offset) break;
    seen.push(...chunk.lines);
    offset = chunk.end;
  }
  assert.deepEqual(seen, lines);
  assert.equal(offset, journal.size);
});

test('a torn last line is sealed so the next record survives', { timeout: 2000 }, (t) => {
  const file = tempFile(t);
  fs.writeFileSync(file, `${encodeRecord({ kind: 'request_log', row: sampleRow(1) })}\n{"kind":"requ`);
  const journal = new Journal(file);
  t.after(() => journal.close());
  journal.append(encodeRecord({ kind: 'request_log', row: sampleRow(2) }));
  const decoded = journal.read(0, 1 << 20).lines.map(decodeRecord);
  assert.deepEqual(decoded, [{ kind: 'request_log', row: sampleRow(1) }, null, { kind: 'request_log', row: sampleRow(2) }]);
});

test('truncate keeps end monotonic', { timeout: 2000 }, (t) => {
  const journal = new Journal(tempFile(t), { fsyncIntervalMs: 5 });
  t.after(() => journal.close());
  journal.append('one');
  const before = journal.end;
  journal.truncate();
  assert.equal(journal.size, 0);
  assert.equal(journal.base, before);
  journal.append('two');
  assert.equal(journal.end, before + 4);
  assert.deepEqual(journal.read(0, 100).lines, ['two']);
});

test('decodeRecord refuses foreign and partial lines', { timeout: 1000 }, () => {
  assert.equal(decodeRecord('not json'), null);
  assert.equal(decodeRecord('{"kind":"audit","row":{}}'), null);
  assert.equal(decodeRecord('{"kind":"request_log","row":{"time":1}}'), null);
});
