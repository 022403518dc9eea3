// `airlock status` against a running gateway: breakers, reviews and budget burn through the admin API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

test('airlock status', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { chat: ['sim-gemini/gemini-fail-503', 'sim-openai/gpt-4o-mini'] },
    retry: { max_retries: 0 },
    extra: {
      admin_token: 'admin-secret',
      teams: { support: { budget: { usd: 10, per: 'month', on_exceed: 'block' } } },
      apps: { tests: { team: 'support' } },
    },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  for (let i = 0; i < 12; i++) await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });

  // asynchronous: the gateway runs in this process and must keep answering while the CLI asks it
  const run = (args: string[]): Promise<{ status: number; stdout: string; stderr: string }> =>
    new Promise((done) => {
      execFile(process.execPath, [resolve('bin/airlock.js'), 'status', ...args], { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
        done({ status: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
      });
    });
  const ok = await run(['--url', stack.url, '--token', 'admin-secret']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /sim-gemini\s+\(vendor\)\s+open/);
  assert.match(ok.stdout, /sim-openai\s+approved/);
  assert.match(ok.stdout, /team:support\s+\d{4}-\d{2}\s+0\.\d{4}\s+10\.00/);
  const denied = await run(['--url', stack.url, '--token', 'wrong']);
  assert.equal(denied.status, 1);
  assert.match(denied.stderr, /401/);
  assert.doesNotMatch(denied.stderr + ok.stdout, /admin-secret/);
});
