// The CLI as users run it: `airlock start` with no config (the demo), with --config and --port, and `airlock check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { startSimulator } from '../../src/simulator/server.ts';

const BIN = resolve('bin/airlock.js');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolvePromise(m);
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}${out}`)));
  });
}

function exit(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((r) => child.once('exit', (code) => r({ code, out, err })));
}

test('airlock CLI', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  await t.test('start with no config: the demo answers the printed request with no vendor keys', async () => {
    const child = run(['start', '--port', '0'], dir);
    t.after(() => child.kill('SIGKILL'));
    const [, url, key] = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Bearer (sk-[\w-]+)/);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hello, Airlock' }] });
    assert.equal(res.choices[0]?.message.content, 'echo: Hello, Airlock');
    const stopped = exit(child);
    child.kill('SIGTERM');
    assert.equal((await stopped).code, 0);
  });

  await t.test('start with no config makes an admin token for the run and prints the dashboard link carrying it', async () => {
    const child = run(['start', '--port', '0'], dir);
    t.after(() => child.kill('SIGKILL'));
    const [, url, link, token] = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*dashboard: (\S+\/dashboard\/)#token=([\w-]{32})\s/);
    assert.equal(link, `${url}/dashboard/`);
    const status = await fetch(`${url}/admin/status`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(status.status, 200);
    assert.equal((await fetch(`${url}/admin/status`)).status, 401);
    assert.ok([200, 503].includes((await fetch(link)).status), 'the dashboard is served (503 until it is built)');
    child.kill('SIGTERM');
    // another run, another token
    const again = run(['start', '--port', '0'], dir);
    t.after(() => again.kill('SIGKILL'));
    const [, , second] = await waitFor(again, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*#token=([\w-]{32})\s/);
    assert.notEqual(second, token);
    again.kill('SIGTERM');
  });

  await t.test('start with no config and AIRLOCK_ADMIN_TOKEN: that token opens the admin API, and none is printed', async () => {
    const child = run(['start', '--port', '0'], dir, { AIRLOCK_ADMIN_TOKEN: 'adm-chosen-token' });
    t.after(() => child.kill('SIGKILL'));
    const [banner, url] = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*dashboard: .*\n[\s\S]*Bearer/);
    assert.match(banner, /dashboard: http:\S+\/dashboard\/ \(sign in with the admin_token\)/);
    assert.doesNotMatch(banner, /#token=|adm-chosen-token/);
    assert.equal((await fetch(`${url}/admin/status`, { headers: { authorization: 'Bearer adm-chosen-token' } })).status, 200);
    child.kill('SIGTERM');
  });

  await t.test('start --config FILE --port N: the flag overrides listen.port', async () => {
    const sim = await startSimulator({ protocol: 'anthropic', port: 0 });
    t.after(() => sim.close());
    const file = join(dir, 'airlock.yaml');
    writeFileSync(
      file,
      [
        'listen: { host: 127.0.0.1, port: 1 }',
        `store: sqlite:${join(dir, 'cli.db')}`,
        'vendors:',
        `  claude: { protocol: anthropic, base_url: "${sim.url}", api_key: "\${SIM_KEY}" }`,
        'models:',
        '  chat: { targets: [{ vendor: claude, model: claude-3-5-haiku-20241022 }] }',
        'keys:',
        '  - { name: k, key: "${APP_KEY}" }',
        '',
      ].join('\n'),
    );
    const child = run(['start', '--config', file, '--port', '0'], dir, { SIM_KEY: 'v', APP_KEY: 'sk-cli-test' });
    t.after(() => child.kill('SIGKILL'));
    const [banner, url] = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*dashboard: .*\n/);
    assert.doesNotMatch(url ?? '', /:1$/);
    assert.match(banner, /dashboard: off \(set admin_token in the config/);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-cli-test', maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.choices[0]?.message.content, 'echo: hi');
    child.kill('SIGTERM');
  });

  await t.test('check prints each chain; a bad config exits 1 naming line and key; an unset vendor key is named', async () => {
    const example = resolve('src/config/fixtures/product-example.yaml');
    const env = { OPENAI_API_KEY: 'a', ANTHROPIC_API_KEY: 'b', HELPDESK_KEY: 'c', AIRLOCK_ADMIN_TOKEN: 'd' };
    const ok = await exit(run(['check', '--config', example], dir, env));
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /chat[\s\S]*openai\/gpt-4o-mini[\s\S]*anthropic\/claude-3-5-haiku-20241022[\s\S]*onprem\/llama3\.1:8b/);
    const missing = await exit(run(['check', '--config', example], dir, { ...env, OPENAI_API_KEY: '' }));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /OPENAI_API_KEY/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'vendors:\n  x: { protocol: openai, base_url: "http://127.0.0.1:1/v1" }\nmodels:\n  m:\n    targets:\n      - { vendor: y, model: z }\n');
    const refused = await exit(run(['check', '--config', bad], dir));
    assert.equal(refused.code, 1);
    assert.match(refused.err, /bad\.yaml:6.*models\.m\.targets\.0\.vendor|bad\.yaml:6.*models\.m\.targets\[0\]\.vendor/);
  });

  await t.test('start refuses a config that defines no models', async () => {
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    const res = await exit(run(['start', '--config', empty], dir));
    assert.equal(res.code, 1);
    assert.match(res.err, /defines no models/);
  });
});
