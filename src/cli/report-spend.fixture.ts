// Seeded request-log stores and a captured report run, for the spend and forecast report tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { RequestLogRow } from '../pipeline/ports.ts';
import { openStore } from '../store/open.ts';
import { sampleRow } from '../store/sample-rows.fixture.ts';
import type { Output } from './report-io.ts';
import { reportCommand } from './report.ts';

type After = { after(fn: () => void): void };

export const H = 3_600_000;
/** 2026-11-01T00:00:00Z; November has 30 days */
export const NOV1 = Date.UTC(2026, 10, 1);
export const day = (n: number, hour = 12): number => NOV1 + (n - 1) * 24 * H + hour * H;

export function tempDir(t: After): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-spend-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let next = 0;
export function row(overrides: Partial<RequestLogRow>): RequestLogRow {
  next += 1;
  return sampleRow(next, overrides);
}

export async function seededStore(t: After, rows: readonly RequestLogRow[]): Promise<string> {
  const url = `sqlite:${path.join(tempDir(t), 'airlock.db')}`;
  const store = openStore(url);
  for (const r of rows) store.sink.write(r);
  await store.sink.flush();
  await store.close();
  return url;
}

function capture(): Output & { text: string } {
  const s = {
    text: '',
    write(text: string, done: () => void) {
      s.text += text;
      done();
      return true;
    },
  };
  return s;
}

export async function runReport(argv: string[], now: number, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await reportCommand(argv, { stdout, stderr, env, now: () => now });
  return { code, out: stdout.text, err: stderr.text };
}

/** RFC 4180 reader: CRLF records, "" inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text[i] === '"') {
      let end = i + 1;
      while (!(text[end] === '"' && text[end + 1] !== '"')) {
        assert.ok(end < text.length, 'unterminated quoted field');
        end += text[end] === '"' ? 2 : 1;
      }
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else {
      const stop = text.slice(i).search(/,|\r\n/);
      const to = stop === -1 ? text.length : i + stop;
      field = text.slice(i, to);
      assert.ok(!/["\r\n]/.test(field), `unquoted field with a special character: ${JSON.stringify(field)}`);
      i = to;
    }
    record.push(field);
    if (text.startsWith(',', i)) {
      i += 1;
      continue;
    }
    assert.ok(text.startsWith('\r\n', i), `record must end with CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
  }
  return records;
}
