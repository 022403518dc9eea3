import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCommand, type Output } from '../../src/cli/check.ts';

const EXAMPLE = fileURLToPath(new URL('../../src/config/fixtures/product-example.yaml', import.meta.url));
const ENV = { OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'sk-a', HELPDESK_KEY: 'sk-h', AIRLOCK_ADMIN_TOKEN: 'adm' };

function sink(): Output & { text: string } {
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

async function run(argv: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await checkCommand(argv, out, err, env);
  return { code, out: out.text, err: err.text };
}

test('check: a valid config prints ok and the chains, exit 0', { timeout: 5000 }, async () => {
  const r = await run(['--config', EXAMPLE]);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.ok(r.out.startsWith(`ok: ${EXAMPLE}\nchat\n  1. openai/gpt-4o-mini`), r.out);
  assert.match(r.out, /\nbudgets:\n {2}team support {2}\$500 per month, blocks when spent, alerts at 50%, 80%, 100%; resets \d{4}-\d\d-01 00:00 UTC\n {2}app helpdesk {2}\$50 per day, blocks/);
  assert.match(r.out, /\nrate limits:\n {2}app helpdesk {2}600 requests\/min, 200,000 tokens\/min\n/);
});

test('check: budgets of every owner and key rate limits are listed; none says so', { timeout: 5000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'airlock.yaml');
  const vendor = '  v: { protocol: openai, base_url: "http://127.0.0.1:9/v1", review: { status: approved }';
  const models = ['models:', '  chat: { targets: [v/m] }'];
  writeFileSync(
    file,
    [
      'vendors:',
      `${vendor}, budget: { usd: 20, per: window, window_days: 7, on_exceed: warn, alert_at: [0.9] } }`,
      ...models,
      'budget: { usd: 1000, per: month }',
      'keys:',
      '  - { name: ci, key: sk-ci, budget: { usd: 0.5, per: day }, rate: { rpm: 30 } }',
      '',
    ].join('\n'),
  );
  const r = await run(['--config', file], {});
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\nbudgets:\n {2}global {4}\$1,000 per month, blocks when spent/);
  assert.match(r.out, /\n {2}vendor v {2}\$20 per 7-day window, warns when spent, alerts at 90%; resets/);
  assert.match(r.out, /\n {2}key ci {4}\$0\.50 per day, blocks when spent/);
  assert.match(r.out, /\nrate limits:\n {2}key ci {4}30 requests\/min\n/);

  writeFileSync(file, ['vendors:', `${vendor} }`, ...models, ''].join('\n'));
  const none = await run(['--config', file], {});
  assert.match(none.out, /\nbudgets: none \(spend is metered and reported, never refused\)\nrate limits: none\n/);
});

test('check: an invalid config prints the problems on stderr, exit 1', { timeout: 5000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'airlock.yaml');
  writeFileSync(file, 'vendors:\n  openai: { protocl: openai, base_url: "http://x" }\n');
  const r = await run([`--config=${file}`]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(r.err, `${file}:2: vendors.openai.protocol: required\n${file}:2: vendors.openai.protocl: unknown key\n`);
  const missingVar = await run(['-c', EXAMPLE], { ...ENV, OPENAI_API_KEY: undefined });
  assert.equal(missingVar.code, 1);
  assert.match(missingVar.err, /:11: vendors\.openai\.api_key: environment variable OPENAI_API_KEY is not set\n$/);
  const absent = await run(['--config', join(dir, 'nope.yaml')]);
  assert.equal(absent.code, 1);
  assert.match(absent.err, /nope\.yaml: file not found/);
});

test('check: unknown flags or stray arguments print usage, exit 2', { timeout: 5000 }, async () => {
  for (const argv of [['--confg', 'x'], ['extra'], ['--config']]) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /usage: airlock check/);
  }
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /usage: airlock check/);
});

test('check: where logs and traces go, naming trace headers but never their values', { timeout: 5000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-check-obs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const plain = await run(['--config', EXAMPLE]);
  assert.match(plain.out, /\nlog: info and above, JSON lines on stderr\ntraces: off \(an SDK registered with node --import receives the spans\)\n$/);
  const file = join(dir, 'obs.yaml');
  writeFileSync(file, [
    'vendors:',
    '  v: { protocol: openai, base_url: "http://127.0.0.1:1/v1" }',
    'models:',
    '  m: { targets: [{ vendor: v, model: gpt-4o-mini }] }',
    'log: { level: debug }',
    'traces: { otlp: "http://collector.internal:4318/v1/traces", sample: 0.25, headers: { x-honeycomb-team: "${HC_KEY}" } }',
    '',
  ].join('\n'));
  const r = await run(['--config', file], { HC_KEY: 'hc-secret-value' });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\nlog: debug and above, JSON lines on stderr\ntraces: OTLP\/HTTP to collector\.internal:4318\/v1\/traces, 25% of new traces, service airlock, headers x-honeycomb-team\n$/);
  assert.doesNotMatch(r.out, /hc-secret-value/);
});
