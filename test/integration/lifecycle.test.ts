// The deprecation lifecycle on a running gateway with a clock the test moves: warning headers ahead of the day,
// the successor serving from the day on, a retired target without successor skipped (never called), a model
// with nothing left answering model_retired, and each switch recorded as one audit event, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { startGateway, type Gateway } from '../../src/server/gateway.ts';
import { startSimulator, type Simulator } from '../../src/simulator/server.ts';
import { KEY } from '../helpers/stack.ts';

const ADMIN = 'admin-token';
const DAY = Date.parse('2027-03-01T00:00:00Z');

interface AuditEntry { id: string; actor: string; action: string; subject: string; before: Record<string, unknown>; after: unknown }

async function audit(g: Gateway, subject: string): Promise<AuditEntry[]> {
  const res = await fetch(`${g.url}/admin/audit?subject=${encodeURIComponent(subject)}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await res.json()) as { events: AuditEntry[] }).events;
}

const modelsAsked = (sim: Simulator): string[] => sim.received.map((r) => (r.body as { model?: string }).model ?? '');

test('retirement day: successor takes over, a lone retired target is skipped, each switch audited once', { timeout: 30_000 }, async (t) => {
  const openai = await startSimulator({ protocol: 'openai', port: 0 });
  const anthropic = await startSimulator({ protocol: 'anthropic', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'airlock-lifecycle-'));
  const gateways: Gateway[] = [];
  t.after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await Promise.all([openai.close(), anthropic.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  const review = { status: 'approved', approved_data: ['public', 'internal'] };
  const doc = {
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${join(dir, 'airlock.db')}`,
    admin_token: ADMIN,
    deprecation: { warn_days: 30 },
    vendors: {
      oa: { protocol: 'openai', base_url: `${openai.url}/v1`, api_key: 'x', review },
      an: { protocol: 'anthropic', base_url: anthropic.url, api_key: 'y', review },
    },
    models: {
      chat: { targets: [{ vendor: 'oa', model: 'gpt-old', retires: '2027-03-01', successor: 'gpt-new' }] },
      cross: { targets: [{ vendor: 'oa', model: 'x-old', retires: '2027-03-01', successor: 'an/claude-new' }] },
      lone: { targets: [{ vendor: 'oa', model: 'l-old', retires: '2027-03-01' }, 'an/claude-fallback'] },
      deadend: { targets: [{ vendor: 'oa', model: 'd-old', retires: '2027-03-01' }] },
    },
    apps: { a: {} },
    keys: [{ name: 'k', app: 'a', key: KEY }],
  };
  const config = parseConfig(stringify(doc), join(dir, 'airlock.yaml'), {});
  const clock = { t: DAY - 40 * 86_400_000, now(): number { return this.t; } };
  const g = await startGateway(config, { port: 0, clock });
  gateways.push(g);
  const client = new OpenAI({ baseURL: `${g.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const chat = (model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();

  await t.test('40 days ahead, outside warn_days 30: no headers; 10 days ahead: Deprecation, Sunset, Link', async () => {
    const far = await chat('chat');
    assert.equal(far.response.headers.get('sunset'), null);
    clock.t = DAY - 10 * 86_400_000;
    const near = await chat('chat');
    assert.equal(near.response.headers.get('x-airlock-model'), 'gpt-old');
    assert.equal(near.response.headers.get('sunset'), 'Mon, 01 Mar 2027 00:00:00 GMT');
    // no announcement date in the config: the deprecation counts from the start of the warning window
    assert.equal(near.response.headers.get('deprecation'), `@${(DAY - 30 * 86_400_000) / 1000}`);
    assert.equal(near.response.headers.get('link'), '<urn:airlock:model:gpt-new>; rel="successor-version"');
    clock.t = DAY - 1;
    await chat('lone');
    assert.deepEqual(modelsAsked(openai), ['gpt-old', 'gpt-old', 'l-old']);
    assert.deepEqual(await audit(g, 'model:chat'), []);
  });

  await t.test('on the day: the successor serves, on the same or another vendor, with no header of its own', async () => {
    clock.t = DAY;
    for (let i = 0; i < 3; i++) {
      const r = await chat('chat');
      assert.equal(r.response.headers.get('x-airlock-model'), 'gpt-new');
      assert.equal(r.response.headers.get('sunset'), null);
    }
    const cross = await chat('cross');
    assert.equal(cross.response.headers.get('x-airlock-vendor'), 'an');
    assert.deepEqual(modelsAsked(anthropic), ['claude-new']);
  });

  await t.test('a retired target without successor is skipped, never called; a model with nothing left answers 410', async () => {
    const before = openai.received.length;
    const lone = await chat('lone');
    assert.equal(lone.response.headers.get('x-airlock-model'), 'claude-fallback');
    assert.equal(lone.response.headers.get('x-airlock-attempts'), '1');
    const res = await fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'deadend', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 410);
    assert.equal(res.headers.get('x-should-retry'), 'false');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'model_retired');
    assert.match(body.error.message, /every target of model 'deadend' is retired \(last on 2027-03-01\)/);
    assert.equal(openai.received.length, before, 'neither l-old nor d-old was called');
  });

  await t.test('each switch is one audit event, also after more traffic and a restart on the same store', async () => {
    const [event, ...more] = await audit(g, 'model:chat');
    assert.equal(more.length, 0);
    assert.ok(event);
    assert.equal(event.actor, 'airlock');
    assert.equal(event.action, 'model.successor_took_over');
    assert.deepEqual(event.before, { position: 1, vendor: 'oa', model: 'gpt-old', retires: '2027-03-01', origin: 'config' });
    assert.deepEqual(event.after, { vendor: 'oa', model: 'gpt-new' });
    const lone = await audit(g, 'model:lone');
    assert.deepEqual(lone.map((e) => [e.action, e.after]), [['model.target_retired', null]]);
    // deadend had no traffic that succeeded, and cross one request: both recorded all the same
    assert.equal((await audit(g, 'model:deadend')).length, 1);
    assert.equal((await audit(g, 'model:cross')).length, 1);
    const metrics = await (await fetch(`${g.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    assert.match(metrics, /^airlock_lifecycle_switches_total\{model="chat",action="successor"\} 1$/m);
    assert.match(metrics, /^airlock_lifecycle_switches_total\{model="lone",action="skipped"\} 1$/m);
    await gateways.pop()?.close();
    const again = await startGateway(config, { port: 0, clock });
    gateways.push(again);
    const res = await fetch(`${again.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.headers.get('x-airlock-model'), 'gpt-new');
    await res.arrayBuffer();
    assert.equal((await audit(again, 'model:chat')).length, 1, 'the restarted instance on the same store adds nothing');
  });
});
