// `airlock keys` through the real binary, against the store of a running gateway: a created key is served within
// the gateway's 2 s reread, a revoked one refused within it, and the plain key is printed once and kept nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { airlock } from '../helpers/airlock-cli.ts';
import { startStack } from '../helpers/stack.ts';

async function chat(url: string, key: string, model = 'via-openai'): Promise<number> {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Polls until the status is `want`; returns the ms it took, or fails after `limitMs`. */
async function until(want: number, limitMs: number, probe: () => Promise<number>): Promise<number> {
  const start = Date.now();
  let last = 0;
  while (Date.now() - start < limitMs) {
    last = await probe();
    if (last === want) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`still ${last} after ${limitMs} ms, wanted ${want}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('keys CLI: create → served within 3 s, list shows both sources, revoke → 401 within 3 s; key stored nowhere', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t);
  const config = join(stack.dir, 'airlock.yaml');

  const made = await airlock(['keys', 'create', 'ci-bot', '--app', 'tests', '--models', 'via-openai', '--config', config]);
  assert.equal(made.code, 0, made.err);
  const keys = made.out.match(/sk-airlock-[A-Za-z0-9]+/g) ?? [];
  assert.equal(keys.length, 1, made.out);
  const key = keys[0];
  assert.match(key, /^sk-airlock-[A-Za-z0-9]{32}$/);
  assert.match(made.out, /cannot be shown again/);

  const servedMs = await until(200, 3000, () => chat(stack.url, key));
  t.diagnostic(`created key served after ${servedMs} ms`);
  // the key carries its models: another logical model is one it cannot see, as with a config key's models
  assert.equal(await chat(stack.url, key, 'via-anthropic'), 404);

  const table = await airlock(['keys', 'list', '--config', config]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /^NAME\s+SOURCE\s+STATUS\s+APP\s+MODELS\s+CREATED\s+REVOKED\n/);
  assert.match(table.out, /^test-key\s+config\s+active\s+tests\s+all\s+-\s+-$/m);
  assert.match(table.out, /^ci-bot\s+store\s+active\s+tests\s+via-openai\s+\d{4}-\d\d-\d\dT\S+Z\s+-$/m);

  const revoked = await airlock(['keys', 'revoke', 'ci-bot', '--config', config]);
  assert.equal(revoked.code, 0, revoked.err);
  const refusedMs = await until(401, 3000, () => chat(stack.url, key));
  t.diagnostic(`revoked key refused after ${refusedMs} ms`);

  const json = await airlock(['keys', 'list', '--format', 'json', '--config', config]);
  assert.equal(json.code, 0, json.err);
  const listed = (JSON.parse(json.out) as { keys: { name: string; source: string; status: string; app: string | null; models: string[] | null; revoked: string | null }[] }).keys;
  assert.deepEqual(listed.map((k) => [k.name, k.source, k.status, k.app, k.models]), [
    ['test-key', 'config', 'active', 'tests', null],
    ['ci-bot', 'store', 'revoked', 'tests', ['via-openai']],
  ]);
  assert.match(listed[1]?.revoked ?? '', /^\d{4}-\d\d-\d\dT/);

  // each change is an audit event, newest first, without the key
  const audit = await stack.gateway.store.registerState.audit(10, 'key:ci-bot');
  assert.deepEqual(audit.map((e) => e.action), ['key.revoke', 'key.create']);

  // refusals: unknown app, a name a config key or a stored (even revoked) key has, unknown model, a config key's revoke
  const refusals: [string[], RegExp][] = [
    [['create', 'other', '--app', 'nope'], /no app named 'nope'/],
    [['create', 'test-key', '--app', 'tests'], /config already has a key named 'test-key'/],
    [['create', 'ci-bot', '--app', 'tests'], /already exists in the store/],
    [['create', 'other', '--app', 'tests', '--models', 'via-openai,gpt-9'], /unknown model 'gpt-9'/],
    [['revoke', 'test-key'], /is a config key: remove it from the config/],
    [['revoke', 'ci-bot'], /already revoked/],
    [['create', 'other'], /usage|--app is required/],
  ];
  const results = await Promise.all(refusals.map(([args]) => airlock(['keys', ...args, '--config', config])));
  for (const [i, [args, message]] of refusals.entries()) {
    const r = results[i] ?? assert.fail();
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
    assert.match(r.err, message);
    assert.doesNotMatch(r.out, /sk-airlock-/);
  }

  for (const out of [table.out, json.out, revoked.out, revoked.err, made.err]) {
    assert.ok(!out.includes(key), 'the key is printed by create only');
  }
  // the only copy of the key is the one create printed: no file of the store folder holds it
  const files = filesUnder(stack.dir);
  assert.ok(files.some((f) => f.endsWith('airlock.db')));
  for (const f of files) assert.ok(!readFileSync(f).includes(key), `${f} holds the plain key`);
});
