// `log_content`: off by default, nothing of a prompt or answer is kept anywhere; on, the request log's content
// table keeps them with every detected value replaced by its typed placeholder, whatever the policy let through.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { KEY, startStack, type Stack } from '../helpers/stack.ts';

// synthetic values made up for this test
const EMAIL = 'katherine.johnson@orbit.example';
const SECRET = 'sk-proj-' + 'Vb3Nq8Lm2Xc7Rt5Yw1Pz9Kd4Hf6Gs0Ja8Ue3Io7Wq2Er5Ty9Ui1Op4As6Df8Gh';
const RAW = [EMAIL, 'katherine.johnson', SECRET.slice(8, 40)];

/** Everything the gateway wrote: every file under the stack's folder (database, WAL, journal) and its output. */
function everythingWritten(stack: Stack, output: string[]): string {
  let all = output.join('');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else all += readFileSync(file).toString('latin1');
    }
  };
  walk(stack.dir);
  return all;
}

/** Records what the process prints while `fn` runs, still printing it. */
async function capturingOutput(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (seen.push(String(chunk)), out(chunk, ...rest)));
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (seen.push(String(chunk)), err(chunk, ...rest)));
  try {
    await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return seen;
}

async function exercise(t: TestContext, logContent: boolean | undefined): Promise<{ stack: Stack; ids: string[]; output: string[] }> {
  const stack = await startStack(t, {
    models: { chat: ['sim-openai/m'] },
    // approved for personal data: the email goes to the vendor as it is, and comes back in the echo
    extra: logContent === undefined ? {} : { log_content: logContent },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const ids: string[] = [];
  const output = await capturingOutput(async () => {
    const { data, response } = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: `write to ${EMAIL}` }] }).withResponse();
    assert.equal(data.choices[0]?.message.content, `echo: write to ${EMAIL}`);
    ids.push(response.headers.get('x-airlock-request-id') ?? '');
    const stream = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: `cc ${EMAIL} please` }], stream: true }).withResponse();
    let text = '';
    for await (const c of stream.data) text += c.choices[0]?.delta.content ?? '';
    assert.equal(text, `echo: cc ${EMAIL} please`);
    ids.push(stream.response.headers.get('x-airlock-request-id') ?? '');
    const blocked = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: `key ${SECRET}` }] }).withResponse().catch((e: unknown) => e);
    assert.ok(blocked instanceof OpenAI.PermissionDeniedError);
    ids.push(blocked.headers.get('x-airlock-request-id') ?? '');
    await stack.gateway.store.sink.flush();
  });
  return { stack, ids, output };
}

test('log_content off (the default): no prompt or answer is kept, and no raw value is written anywhere', { timeout: 30_000 }, async (t) => {
  const { stack, ids, output } = await exercise(t, undefined);
  for (const id of ids) assert.equal(stack.gateway.store.requestContent.byRequest(id), undefined);
  const written = everythingWritten(stack, output);
  for (const raw of RAW) assert.ok(!written.includes(raw), `${raw.slice(0, 12)}… was written`);
  assert.ok(!written.includes('write to'), 'no prompt text');
});

test('log_content on: prompts and answers are kept with every value replaced by its placeholder', { timeout: 30_000 }, async (t) => {
  const { stack, ids, output } = await exercise(t, true);
  const [json, streamed, blocked] = ids.map((id) => stack.gateway.store.requestContent.byRequest(id));
  assert.deepEqual(json, { prompt: JSON.stringify(['write to [EMAIL]']), answer: 'echo: write to [EMAIL]' });
  assert.deepEqual(streamed, { prompt: JSON.stringify(['cc [EMAIL] please']), answer: 'echo: cc [EMAIL] please' });
  assert.deepEqual(blocked, { prompt: JSON.stringify(['key [SECRET]']), answer: '' });
  const written = everythingWritten(stack, output);
  for (const raw of RAW) assert.ok(!written.includes(raw), `${raw.slice(0, 12)}… was written`);
  assert.ok(written.includes('write to [EMAIL]'), 'the redacted content is in the store');
});
