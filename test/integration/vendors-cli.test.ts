// `airlock vendors` and `airlock report register` against the store a config names, while a gateway runs on
// that same store (it holds the journal lock; the register's own connection does not need it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reportRegisterCommand } from '../../src/cli/report-register.ts';
import { vendorsCommand } from '../../src/cli/vendors.ts';
import { loadConfigFile } from '../../src/config/load.ts';
import { REGISTER_CSV_COLUMNS } from '../../src/governance/register-csv.ts';
import { startGateway } from '../../src/server/gateway.ts';
import { adminCall } from '../helpers/admin.ts';
import { captured, writeRegisterConfig } from '../helpers/register-config.ts';

async function vendors(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = captured();
  const err = captured();
  const code = await vendorsCommand(argv, out, err, {});
  return { code, out: out.text, err: err.text };
}

async function report(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = captured();
  const err = captured();
  const code = await reportRegisterCommand(argv, out, err, {});
  return { code, out: out.text, err: err.text };
}

function rowOf(table: string, name: string): string {
  return table.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
}

test('vendors CLI: review then list shows the change, and the running gateway picks it up', { timeout: 30_000 }, async (t) => {
  const { file } = writeRegisterConfig(t);
  const gateway = await startGateway(loadConfigFile(file, {}), { port: 0 });
  t.after(() => gateway.close());

  const before = await vendors(['list', '--config', file]);
  assert.equal(before.code, 0, before.err);
  assert.match(before.out, /^NAME\s+PROTOCOL\s+REGION\s+STATUS\s+APPROVED DATA\s+EXPIRES\s+TERMS\s+NOTE\n/);
  assert.match(rowOf(before.out, 'anthropic'), /^anthropic\s+anthropic\s+us\s+pending\s+-\s+-\s+2025-09-01\s+not reviewed yet$/);
  assert.match(rowOf(before.out, 'openai'), /^openai\s+openai\s+us\s+approved\s+public,internal,personal\s+2099-06-30\s+2026-01-01$/);

  const r = await vendors(['review', 'anthropic', '--status', 'approved', '--data', 'personal, payment', '--expires', '2099-01-31', '--by', 'dana', '--config', file]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'anthropic: pending -> approved; may receive: personal, payment; expires: 2099-01-31\n');

  const after = await vendors(['list', '--config', file]);
  assert.match(rowOf(after.out, 'anthropic'), /^anthropic\s+anthropic\s+us\s+approved\s+personal,payment\s+2099-01-31\s+2025-09-01$/);

  const shown = await vendors(['show', 'anthropic', '--config', file]);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /^review\s+approved by dana on \d{4}-\d{2}-\d{2} \(from admin\)$/m);
  assert.match(shown.out, /^effective\s+approved$/m);
  assert.match(shown.out, /^audit \(newest first\):\n {2}\S+Z {2}dana {2}vendor\.review {2}pending -> approved\n {2}\S+Z {2}config {2}vendor\.registered {2}- -> pending\n$/m);

  // the gateway re-reads the register at most a second after another process wrote it
  const deadline = Date.now() + 5000;
  let status = '';
  while (Date.now() < deadline) {
    status = (await adminCall(gateway.url, '/admin/vendors/anthropic')).body.vendor.effective.status as string;
    if (status === 'approved') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(status, 'approved');
  assert.equal(gateway.register.effective('anthropic').status, 'approved');
});

test('vendors CLI: refusals and usage errors', { timeout: 30_000 }, async (t) => {
  const { file, dir } = writeRegisterConfig(t);
  const cases: [string[], number, RegExp][] = [
    [['review', 'ghost', '--status', 'approved', '--config', file], 1, /no vendor named 'ghost'/],
    [['review', 'openai', '--status', 'approved', '--data', 'secrets', '--config', file], 1, /unknown data class 'secrets'/],
    [['review', 'openai', '--status', 'approved', '--expires', '31.12.2099', '--config', file], 1, /expires must be a date/],
    [['review', 'openai', '--config', file], 1, /--status is required/],
    [['show', 'ghost', '--config', file], 1, /no vendor named 'ghost'/],
    [['list', '--config', join(dir, 'missing.yaml')], 1, /missing\.yaml/],
    [['drop', 'openai', '--config', file], 2, /^usage: airlock vendors/],
    [['list', '--nope'], 2, /Unknown option '--nope'/],
    [[], 2, /^usage/],
  ];
  for (const [argv, code, err] of cases) {
    const r = await vendors(argv);
    assert.equal(r.code, code, `${argv.join(' ')}: ${r.err}`);
    assert.match(r.err, err, argv.join(' '));
  }
  const list = await vendors(['list', '--config', file]);
  assert.match(rowOf(list.out, 'openai'), /approved/, 'refused reviews changed nothing');
});

test('airlock vendors through bin/airlock.js', { timeout: 30_000 }, async (t) => {
  const { file } = writeRegisterConfig(t);
  const child = spawn(process.execPath, [resolve('bin/airlock.js'), 'vendors', 'list', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 0);
  assert.match(out, /^onprem\s+openai\s+internal\s+approved/m);
});

test('report register: CSV in the RoI-style columns, one row per vendor', { timeout: 30_000 }, async (t) => {
  const { file, dir } = writeRegisterConfig(t, { 'x-corp': { protocol: 'gemini', base_url: 'https://x.test', review: { status: 'rejected', by: '=cmd|calc' } } });
  const r = await report(['--format', 'csv', '--config', file]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\r\n');
  assert.equal(lines.at(-1), '', 'every record ends in CRLF');
  assert.equal(lines[0], REGISTER_CSV_COLUMNS.join(','));
  assert.equal(lines.length, 1 + 4 + 1);
  const cells = (name: string): Record<string, string> => {
    const line = lines.find((l) => l.startsWith(`${name},`)) ?? '';
    // no cell in these rows holds a quoted comma
    return Object.fromEntries(line.split(',').map((v, i) => [REGISTER_CSV_COLUMNS[i] as string, v]));
  };
  assert.deepEqual(cells('openai'), {
    provider_name: 'openai', ict_service_type: 'AI model API (openai)', endpoint: 'https://api.openai.com/v1',
    functions_supported: 'chat;embed', country_of_provision: 'us', data_storage: 'true', data_location_at_rest: 'us',
    data_location_processing: 'us', data_sensitivity: 'high', approved_data_classes: 'public;internal;personal',
    contract_reference: '2026-01-01', terms_url: 'https://openai.com/policies', dpa_signed: 'true', retention_days: '30',
    trains_on_data: 'false', zero_data_retention: 'false', review_date: '', review_expires: '2099-06-30',
    review_status: 'approved', review_reason: '', reviewer: '', approved_terms_version: '2026-01-01',
  });
  assert.equal(cells('onprem').data_storage, 'false');
  assert.equal(cells('onprem').reviewer, 'ops');
  assert.equal(cells('anthropic').data_sensitivity, '');
  assert.equal(cells('anthropic').review_status, 'pending');
  assert.equal(cells('x-corp').reviewer, "'=cmd|calc", 'a formula-looking cell is defused');
  assert.equal(cells('x-corp').functions_supported, '');

  const out = join(dir, 'register.csv');
  assert.equal((await report(['--config', file, '--out', out])).code, 0);
  assert.equal(readFileSync(out, 'utf8'), r.out, 'csv is the default format');
  assert.equal((await report(['--format', 'xml', '--config', file])).code, 2);
});
