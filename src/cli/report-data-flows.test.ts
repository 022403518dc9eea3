import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataFlowRow } from '../pipeline/ports.ts';
import { holdStore } from '../store/holder-process.fixture.ts';
import { openStore } from '../store/open.ts';
import { sampleFlow, seededFlows, SEEDED_HOUR, SEEDED_T0 } from '../store/sample-flows.fixture.ts';
import type { Output } from './report-io.ts';
import { reportCommand } from './report.ts';
import { parseCsv } from '../../test/helpers/csv.ts';

const repoRoot = new URL('../../', import.meta.url).pathname;
/** just after the last seeded flow (80 h) */
const NOW = SEEDED_T0 + 81 * SEEDED_HOUR;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-report-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function seededStore(t: { after(fn: () => void): void }, extra: DataFlowRow[] = []): Promise<string> {
  const url = `sqlite:${path.join(tempDir(t), 'airlock.db')}`;
  const store = await openStore(url);
  for (const row of [...seededFlows(), ...extra]) store.sink.writeFlow(row);
  await store.close();
  return url;
}

function capture(): Output & { text: string } {
  const s = {
    text: '',
    write(t: string, done: () => void) {
      s.text += t;
      done();
      return true;
    },
  };
  return s;
}

async function report(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await reportCommand(['data-flows', ...argv], { stdout, stderr, env, now: () => NOW });
  return { code, out: stdout.text, err: stderr.text };
}


const iso = (hours: number): string => new Date(SEEDED_T0 + hours * SEEDED_HOUR).toISOString().replace('.000Z', 'Z');

test('table: a period line, then aligned columns with - for what a blocked request lacks', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t);
  const r = await report(['--store', url, '--since', '2026-01-01']);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    [
      `data flows 2026-01-01T00:00:00Z to ${iso(81)}: 10 requests, 8 flows`,
      'vendor     region    terms       app       team     class         action        requests  values  first                 last',
      `anthropic  us        2025-09-01  helpdesk  support  internal      allow                1       3  ${iso(80)}  ${iso(80)}`,
      `onprem     internal  -           helpdesk  support  confidential  reroute              1       0  ${iso(60)}  ${iso(60)}`,
      `onprem     internal  -           hr        people   special       reroute              1       1  ${iso(61)}  ${iso(61)}`,
      `openai     us        2026-01-01  helpdesk  support  none          allow                2       0  ${iso(2)}  ${iso(40)}`,
      `openai     us        2026-01-01  helpdesk  support  payment       redact               1       2  ${iso(50)}  ${iso(50)}`,
      `openai     us        2026-01-01  helpdesk  support  personal      pseudonymize         3       7  ${iso(1)}  ${iso(30)}`,
      `openai     us        2026-01-01  helpdesk  support  personal      redact               1       1  ${iso(50)}  ${iso(50)}`,
      `-          -         -           helpdesk  support  credentials   block                1       1  ${iso(70)}  ${iso(70)}`,
      '',
    ].join('\n'),
  );
  const empty = await report(['--store', url, '--since', '30m']);
  assert.equal(empty.out, `data flows ${iso(80.5)} to ${iso(81)}: 0 requests, 0 flows\nno data flows recorded in this period\n`);
});

test('csv: RFC 4180 with a header row, parsed back to the same flows', { timeout: 10_000 }, async (t) => {
  const awkward = sampleFlow(11, { time: SEEDED_T0 + 3 * SEEDED_HOUR, app: 'ops, "night"\nshift', team: null, classes: { personal: 1 } });
  const url = await seededStore(t, [awkward]);
  const r = await report(['--store', url, '--since', '2026-01-01', '--format', 'csv']);
  assert.equal(r.code, 0, r.err);
  const [header, ...rows] = parseCsv(r.out);
  assert.deepEqual(header, ['vendor', 'region', 'terms_version', 'app', 'team', 'data_class', 'action', 'requests', 'values', 'first_seen', 'last_seen']);
  assert.equal(rows.length, 9);
  assert.deepEqual(rows.find((row) => row[3] === awkward.app), ['openai', 'us', '2026-01-01', awkward.app, '', 'personal', 'pseudonymize', '1', '1', iso(3), iso(3)]);
  assert.deepEqual(rows.at(-1), ['', '', '', 'helpdesk', 'support', 'credentials', 'block', '1', '1', iso(70), iso(70)]);
  assert.deepEqual(rows.find((row) => row[5] === 'none'), ['openai', 'us', '2026-01-01', 'helpdesk', 'support', 'none', 'allow', '2', '0', iso(2), iso(40)]);
});

test('json: an array of flow objects, nulls kept, times in ISO 8601', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t);
  const r = await report(['--store', url, '--since', '2026-01-01', '--format=json']);
  assert.equal(r.code, 0, r.err);
  const flows = JSON.parse(r.out) as Record<string, unknown>[];
  assert.equal(flows.length, 8);
  assert.deepEqual(flows[0], {
    vendor: 'anthropic', region: 'us', termsVersion: '2025-09-01', app: 'helpdesk', team: 'support', dataClass: 'internal',
    action: 'allow', requests: 1, values: 3, firstSeen: iso(80), lastSeen: iso(80),
  });
  assert.deepEqual(flows[7], {
    vendor: null, region: null, termsVersion: null, app: 'helpdesk', team: 'support', dataClass: 'credentials',
    action: 'block', requests: 1, values: 1, firstSeen: iso(70), lastSeen: iso(70),
  });
  const total = flows.filter((f) => f.dataClass === 'personal').reduce((n, f) => n + (f.requests as number), 0);
  assert.equal(total, 4);
});

test('--since narrows the period; the default is 30 days', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t);
  const json = async (...argv: string[]): Promise<Record<string, unknown>[]> => {
    const r = await report(['--store', url, '--format', 'json', ...argv]);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as Record<string, unknown>[];
  };
  const requests = (flows: Record<string, unknown>[]): number => flows.reduce((n, f) => n + (f.requests as number), 0);
  assert.equal(requests(await json()), 11, 'all 10 requests, the one with two classes counted in both');
  // 1d back from 81 h is 57 h: the flows at 60, 61, 70 and 80 h.
  assert.deepEqual((await json('--since', '1d')).map((f) => f.firstSeen), [iso(80), iso(60), iso(61), iso(70)]);
  assert.equal(requests(await json('--since', '2026-01-03')), 6, 'from 48 h: 5 requests, one with two classes');
  assert.equal(requests(await json('--since', '2026-01-02T06:00:00Z')), 8, 'from 30 h, inclusive');
  const table = await report(['--store', url, '--since', '12h']);
  assert.match(table.out, new RegExp(`^data flows ${iso(69)} to ${iso(81)}: 2 requests, 2 flows\n`));
});

test('bad arguments exit 2 with the reason and the usage; an unloadable config exits 1', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t);
  for (const [argv, reason] of [
    [['--since', '30x'], /--since must be a duration like 30d.*got '30x'/],
    [['--since', '2026-02-30'], /got '2026-02-30'/],
    [['--since', '2027-01-01'], /--since 2027-01-01 is in the future/],
    [['--format', 'xml'], /--format must be one of table, csv, json; got 'xml'/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--config', 'a.yaml'], /give --config or --store, not both/],
  ] as const) {
    const r = await report(['--store', url, ...argv]);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '');
    assert.match(r.err, reason);
    assert.match(r.err, /usage: airlock report data-flows/);
  }
  const missing = await report(['--config', path.join(tempDir(t), 'nope.yaml')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nope\.yaml.*file not found/);
  const noStore = await report(['--store', `sqlite:${path.join(tempDir(t), 'none.db')}`]);
  assert.equal(noStore.code, 1);
  assert.match(noStore.err, /none\.db does not exist/);
  const help = await report(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: airlock report data-flows/);
});

test('the store named by --config is read', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t);
  const config = path.join(tempDir(t), 'airlock.yaml');
  fs.writeFileSync(config, [
    `store: "${url}"`,
    'vendors:',
    '  onprem: { protocol: openai, base_url: "http://127.0.0.1:11434/v1", api_key: "${ONPREM_KEY}", region: internal, review: { status: approved } }',
    'models:',
    '  chat: { targets: [{ vendor: onprem, model: llama }] }',
    '',
  ].join('\n'));
  const r = await report(['--config', config, '--format', 'json'], { ONPREM_KEY: 'k' });
  assert.equal(r.code, 0, r.err);
  assert.equal((JSON.parse(r.out) as unknown[]).length, 8);
  const unset = await report(['--config', config]);
  assert.equal(unset.code, 1);
  assert.match(unset.err, /ONPREM_KEY is not set/);
});

test('the report runs while another process holds the store, as during a running gateway', { timeout: 30_000 }, async (t) => {
  const url = `sqlite:${path.join(tempDir(t), 'airlock.db')}`;
  await holdStore(t, url);
  await assert.rejects(() => openStore(url), /is in use by process/);
  const r = await report(['--store', url, '--since', '2026-01-01', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.equal((JSON.parse(r.out) as unknown[]).length, 8);
});

test('airlock report through the real command line: data-flows, later reports, unknown names', { timeout: 30_000 }, async (t) => {
  const url = await seededStore(t);
  const run = (...argv: string[]): Promise<{ code: number | null; out: string; err: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/airlock.js', 'report', ...argv], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, out, err }));
    });
  const csv = await run('data-flows', '--store', url, '--since', '2000-01-01', '--format', 'csv');
  assert.equal(csv.code, 0, csv.err);
  assert.equal(parseCsv(csv.out).length, 9);
  const badFormat = await run('readiness', '--format', 'xml');
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /--format must be one of table, json/);
  const unknown = await run('nonsense');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown report 'nonsense'/);
  const bare = await run();
  assert.equal(bare.code, 2);
  assert.match(bare.err, /^usage: airlock report/);
});
