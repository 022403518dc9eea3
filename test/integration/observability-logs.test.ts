// The operational log: JSON lines with a stable `event`, read here through the gateway's logTo. Budget alerts and a
// webhook that cannot be reached are events; at `log.level: debug` each request is a line of metadata; no line
// holds a prompt, an email in it, a secret or the virtual key, even with log_content on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createLog } from '../../src/server/log.ts';
import { KEY, startStack } from '../helpers/stack.ts';
import { deadPort } from '../helpers/dead-port.ts';

// synthetic values made up for this test
const EMAIL = 'ada.lovelace@engines.example';
const SECRET = 'sk-proj-' + 'Zx4Cv6Bn8Mq1Wr3Et5Yu7Io9Pa2Sd4Fg6Hj8Kl0Zx2Cv4Bn6Mq8Wr0Et2Yu4Io';

type Line = Record<string, unknown> & { event: string; level: string; msg: string };

function lines(): { sink: { write(s: string): void }; text: string[]; events(name: string): Line[] } {
  const text: string[] = [];
  return {
    sink: { write: (s: string) => void text.push(s) },
    text,
    events: (name) => text.map((s) => JSON.parse(s) as Line).filter((l) => l.event === name),
  };
}

async function until(f: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return f();
}

test('log: alert and webhook events, a debug line per request, and no content or key in any line', { timeout: 30_000 }, async (t) => {
  const log = lines();
  const stack = await startStack(t, {
    models: { chat: ['sim-openai/gpt-4o-mini'] },
    extra: {
      log: { level: 'debug' },
      // the request log keeps redacted content: the debug line must still carry none
      log_content: true,
      // $0.01 a token: the first request's hold passes 50% of the day's warn budget
      prices: { 'sim-openai/gpt-4o-mini': { input: 10_000, output: 10_000 } },
      budget: { usd: 0.1, per: 'day', on_exceed: 'warn', alert_at: [0.5] },
      alerts: { webhook: `http://127.0.0.1:${await deadPort()}/hook?token=hook-secret`, timeout_ms: 500, retries: 0, anomaly: { enabled: false } },
    },
    gateway: { logTo: log.sink },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const { response } = await openai.chat.completions.create({ model: 'chat', max_tokens: 5, messages: [{ role: 'user', content: `write to ${EMAIL}` }] }).withResponse();
  const blocked = await openai.chat.completions.create({ model: 'chat', max_tokens: 5, messages: [{ role: 'user', content: `key ${SECRET}` }] }).catch((e: unknown) => e);
  assert.ok(blocked instanceof OpenAI.PermissionDeniedError);

  const [answered, refused] = log.events('request');
  assert.equal(log.events('request').length, 2);
  assert.equal(answered?.level, 'debug');
  assert.equal(answered?.requestId, response.headers.get('x-airlock-request-id'));
  assert.deepEqual(
    [answered?.route, answered?.keyName, answered?.app, answered?.logicalModel, answered?.vendor, answered?.vendorModel, answered?.status, answered?.attempts],
    ['chat.completions', 'test-key', 'tests', 'chat', 'sim-openai', 'gpt-4o-mini', 200, 1],
  );
  assert.ok(typeof answered?.latencyMs === 'number' && typeof answered.inputTokens === 'number' && typeof answered.costUsd === 'number');
  assert.equal('content' in (answered ?? {}), false);
  assert.match(String(answered?.time), /^\d{4}-\d\d-\d\dT/, 'one time per line: when it was written');
  assert.match(answered?.msg ?? '', /^chat\.completions chat → sim-openai\/gpt-4o-mini: 200 in [\d.]+ ms$/);
  assert.deepEqual([refused?.status, refused?.errorCode, refused?.vendor], [403, 'policy_blocked', null]);

  const [alert] = log.events('alert.raised');
  assert.equal(alert?.level, 'warn');
  assert.equal(alert?.kind, 'budget');
  assert.equal(alert?.subject, 'global');
  assert.match(alert?.msg ?? '', /^alert: /);
  assert.ok(await until(() => log.events('alert.undelivered').length > 0, 5000), 'the webhook failure is logged');
  const undelivered = log.events('alert.undelivered')[0];
  assert.equal(undelivered?.alertId, alert?.alertId);
  assert.equal(undelivered?.attempts, 1);
  assert.match(String(undelivered?.webhookHost), /^127\.0\.0\.1:\d+$/);
  assert.match(undelivered?.msg ?? '', /not delivered to 127\.0\.0\.1:\d+ after 1 attempts/);

  const all = log.text.join('');
  for (const raw of [EMAIL, 'ada.lovelace', 'write to', SECRET.slice(8, 40), KEY, 'hook-secret']) assert.ok(!all.includes(raw), `${raw.slice(0, 12)}… was logged`);
});

test('log: at the default level (info) no request line is written', { timeout: 30_000 }, async (t) => {
  const log = lines();
  const stack = await startStack(t, { models: { chat: ['sim-openai/gpt-4o-mini'] }, gateway: { logTo: log.sink } });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
  assert.deepEqual(log.events('request'), []);
});

test('log: header-like fields are censored, whatever an event passes along', { timeout: 5000 }, () => {
  const log = lines();
  createLog('info', log.sink).warn(
    { event: 'test', headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET }, apiKey: SECRET, vendor: { api_key: SECRET } },
    'something happened',
  );
  const [line] = log.events('test');
  assert.deepEqual(line?.headers, { authorization: '[redacted]', 'x-api-key': '[redacted]' });
  assert.equal(line?.apiKey, '[redacted]');
  assert.deepEqual(line?.vendor, { api_key: '[redacted]' });
  assert.equal(line?.msg, 'something happened');
  assert.ok(!log.text.join('').includes(SECRET.slice(8, 40)));
});
