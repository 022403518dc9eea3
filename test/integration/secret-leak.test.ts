// A planted secret and personal data never reach the vendor, the gateway's output or the store: the gateway runs
// as users run it (a child process), so everything it prints is captured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { startSimulator } from '../../src/simulator/server.ts';

const SECRET = 'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnlyXyZ12345';
const AWS = 'AKIA' + 'QX7RT2LMZKVB3WZP'; // key ids are base32: A–Z, 2–7
const EMAIL = 'grace.hopper@cobol.example';

test('no secret or personal value leaks to the vendor, the logs or the store', { timeout: 30_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-leak-'));
  const sim = await startSimulator({ protocol: 'openai', port: 0 });
  t.after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'airlock.yaml');
  writeFileSync(
    file,
    [
      'listen: { host: 127.0.0.1, port: 0 }',
      `store: sqlite:${join(dir, 'leak.db')}`,
      'vendors:',
      `  v: { protocol: openai, base_url: "${sim.url}/v1", api_key: vendor-key-not-to-leak, review: { status: approved, approved_data: [public] } }`,
      'models:',
      '  chat: { targets: [{ vendor: v, model: m }] }',
      'data_policy: { personal: pseudonymize, credentials: block }',
      'keys:',
      '  - { name: k, key: sk-leak-test }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [resolve('bin/airlock.js'), 'start', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  t.after(() => child.kill('SIGKILL'));
  const url = await new Promise<string>((res, rej) => {
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m?.[1]) res(m[1]);
    });
    child.once('exit', () => rej(new Error(output)));
  });
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-leak-test', maxRetries: 0 });
  for (const content of [`deploy with ${SECRET}`, `aws ${AWS}`, `token=${SECRET} and mail ${EMAIL}`]) {
    const err = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError, `blocked: ${content.slice(0, 12)}`);
  }
  // A long system prompt comes with every request of an app: its findings are reused from the first inspection,
  // and the second request must be governed exactly like the first.
  const system = 'You are the helpdesk assistant of a small company. Answer briefly and politely. '.repeat(8);
  for (let round = 0; round < 2; round++) {
    const err = await client.chat.completions
      .create({ model: 'chat', messages: [{ role: 'system', content: `${system} Deploy key: ${SECRET}` }, { role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError, `long prompt with a secret blocked, round ${round}`);
    const answer = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'system', content: `${system} Escalate to ${EMAIL}.` }, { role: 'user', content: 'hi' }] });
    assert.equal(answer.choices[0]?.message.content, 'echo: hi');
  }
  const ok = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: `mail ${EMAIL}` }], stream: true });
  let text = '';
  for await (const c of ok) text += c.choices[0]?.delta.content ?? '';
  assert.equal(text, `echo: mail ${EMAIL}`);
  const bad = await new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-wrong-key', maxRetries: 0 }).models.list().catch((e: unknown) => e);
  assert.ok(bad instanceof OpenAI.AuthenticationError);

  const stopped = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await stopped;
  const atVendor = JSON.stringify(sim.received);
  assert.equal(sim.received.length, 3, 'only the requests without a secret reached the vendor');
  assert.equal(atVendor.match(/<EMAIL_1>/g)?.length ?? 0, 3, 'the email was pseudonymized in both system prompts and in the streamed message');
  assert.doesNotMatch(atVendor, /grace\.hopper/);
  const stored = readdirSync(dir)
    .filter((f) => f.startsWith('leak.db'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
  for (const needle of [SECRET, AWS, EMAIL, 'sk-leak-test', 'sk-wrong-key', 'vendor-key-not-to-leak']) {
    assert.ok(!output.includes(needle), `gateway output holds ${needle.slice(0, 6)}…`);
    assert.ok(!stored.includes(needle), `store holds ${needle.slice(0, 6)}…`);
  }
  assert.ok(stored.length > 0);
});
