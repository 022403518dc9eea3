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
