// Seeded request-log stores and a captured report run, for the spend and forecast report tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestLogRow } from '../pipeline/ports.ts';
import { openSqliteStore } from '../store/open.ts';
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
  const store = openSqliteStore(url);
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

export { parseCsv } from '../../test/helpers/csv.ts';
