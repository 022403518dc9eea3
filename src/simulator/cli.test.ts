// `airlock simulate` as users run it: the printed base_url answers, SIGTERM exits 0, a bad flag exits 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const BIN = resolve('bin/airlock.js');

test('airlock simulate', { timeout: 10_000 }, async (t) => {
  await t.test('prints the base_url, serves it, and stops on SIGTERM', { timeout: 10_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'simulate', '--protocol', 'openai', '--port', '0', '--stream-chunks', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => child.kill('SIGKILL'));
    let out = '';
    const match = await new Promise<RegExpExecArray>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^airlock simulate: openai on (http:\/\/127\.0\.0\.1:\d+) \(base_url (\S+)\)$/m.exec(out);
        if (m) done(m);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
    });
    assert.equal(match[2], `${match[1]}/v1`);
    const res = await fetch(`${match[2]}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }) });
    assert.equal(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'echo: hi');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    assert.deepEqual(await exited, [0, null]);
  });

  await t.test('an unknown flag prints usage to stderr and exits 2', { timeout: 10_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'simulate', '--protocol', 'openai', '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(err, /usage: airlock simulate/);
  });
});
