// `store: postgres://…`: several gateways on one database, as PRODUCT.md's multi-instance deployment runs them.
// Real gateways, the openai SDK, the real CLI, and the machine's Postgres (a schema of its own per test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import pg from 'pg';
import { startGateway, type Gateway } from '../../src/server/gateway.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { freshSchema, PG_BASE_URL } from '../../src/store/postgres/pg-schema.fixture.ts';
import { airlock, BIN } from '../helpers/airlock-cli.ts';
import { KEY, startStack } from '../helpers/stack.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';
import { redisUnreachable } from '../../src/store/redis/redis-up.fixture.ts';
import { randomUUID } from 'node:crypto';

async function until(check: () => Promise<boolean>, limitMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}: not within ${limitMs} ms`);
}

async function second(t: { after(fn: () => Promise<void>): void }, config: Parameters<typeof startGateway>[0]): Promise<Gateway> {
  const g = await startGateway(config, { port: 0 });
  t.after(() => g.close());
  return g;
}

function client(g: Gateway, key = KEY): OpenAI {
  return new OpenAI({ baseURL: `${g.url}/v1`, apiKey: key, maxRetries: 0 });
}

async function status(g: Gateway, key: string): Promise<number> {
  const res = await fetch(`${g.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'via-openai', messages: [{ role: 'user', content: 'hello' }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

test('postgres: two gateways on one database log into one request log and one data-flow record; reports see both', { timeout: 60_000 }, async (t) => {
  const { url } = await freshSchema(t);
  const stack = await startStack(t, { extra: { store: url } });
  const a = stack.gateway;
  const b = await second(t, stack.config);
  const ids: string[] = [];
  for (const [i, g] of [a, b, a, b, a, b].entries()) {
    const { data, response } = await client(g).chat.completions.create({ model: i % 2 === 0 ? 'via-openai' : 'via-anthropic', messages: [{ role: 'user', content: `question ${i} from jane.doe@example.com` }] }).withResponse();
    assert.ok(data.choices[0]?.message.content);
    ids.push(response.headers.get('x-airlock-request-id') ?? '');
  }
  await a.store.sink.flush();
  await b.store.sink.flush();
  for (const g of [a, b]) {
    assert.equal(await g.store.requestLog.count(), 6, 'each instance reads every instance\'s rows');
    const rows = await Promise.all(ids.map(async (id) => g.store.requestLog.byId(id)));
    assert.deepEqual(rows.map((r) => r?.status), [200, 200, 200, 200, 200, 200]);
    assert.deepEqual(rows.map((r) => r?.vendor), ['sim-openai', 'sim-anthropic', 'sim-openai', 'sim-anthropic', 'sim-openai', 'sim-anthropic']);
    assert.equal(await g.store.dataFlows.count(0), 6);
  }
  const flow = await b.store.dataFlows.byRequest(ids[0] as string);
  assert.equal(flow?.vendor, 'sim-openai');
  assert.ok((flow?.classes.personal ?? 0) >= 1, JSON.stringify(flow));
  // the reports read the same tables from a separate process
  const spend = await airlock(['report', 'spend', '--store', url, '--by', 'vendor', '--format', 'json']);
  assert.equal(spend.code, 0, spend.err);
  const report = JSON.parse(spend.out) as { total: { requests: number }; groups: Array<{ name: string; requests: number }> };
  assert.equal(report.total.requests, 6);
  assert.deepEqual(report.groups.map((g) => [g.name, g.requests]).sort(), [['sim-anthropic', 3], ['sim-openai', 3]]);
  const flows = await airlock(['report', 'data-flows', '--store', url, '--format', 'json']);
  assert.equal(flows.code, 0, flows.err);
  assert.match(flows.out, /"dataClass": "personal"/);
});

test('postgres: a review and a key made with the CLI reach every gateway; a revoked key stops on all of them', { timeout: 60_000 }, async (t) => {
  const { url } = await freshSchema(t);
  const stack = await startStack(t, { extra: { store: url } });
  const a = stack.gateway;
  const b = await second(t, stack.config);
  const config = join(stack.dir, 'airlock.yaml');

  const reviewed = await airlock(['vendors', 'review', 'sim-gemini', '--status', 'rejected', '--by', 'dana', '--config', config]);
  assert.equal(reviewed.code, 0, reviewed.err);
  for (const g of [a, b]) {
    await until(async () => {
      g.register.effective('sim-gemini');
      await g.register.settled();
      return g.register.effective('sim-gemini').status === 'rejected';
    }, 3000, 'the review reaches the gateway');
  }
  const audit = await a.register.audit(5, 'sim-gemini');
  assert.deepEqual(audit.map((e) => [e.action, e.actor]), [['vendor.review', 'dana'], ['vendor.registered', 'config']]);

  const made = await airlock(['keys', 'create', 'ci-bot', '--app', 'tests', '--config', config]);
  assert.equal(made.code, 0, made.err);
  const key = made.out.match(/sk-airlock-[A-Za-z0-9]+/)?.[0] ?? '';
  assert.notEqual(key, '');
  for (const g of [a, b]) await until(async () => (await status(g, key)) === 200, 4000, 'the created key is served');
  const revoked = await airlock(['keys', 'revoke', 'ci-bot', '--config', config]);
  assert.equal(revoked.code, 0, revoked.err);
  for (const g of [a, b]) await until(async () => (await status(g, key)) === 401, 4000, 'the revoked key is refused');
  const listed = await airlock(['keys', 'list', '--format', 'json', '--config', config]);
  assert.match(listed.out, /"status": "revoked"/);
  assert.doesNotMatch(listed.out, new RegExp(key), 'the key itself is kept nowhere');
});

test('postgres: while the database is out of reach requests are answered and /readyz says so; nothing is lost', { timeout: 60_000 }, async (t) => {
  const { schema } = await freshSchema(t);
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: new URL(PG_BASE_URL).port === '' ? 5432 : Number(new URL(PG_BASE_URL).port) });
  t.after(() => proxy.close());
  const base = new URL(PG_BASE_URL);
  base.port = String(proxy.port);
  const url = `${base.toString()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const stack = await startStack(t, { extra: { store: url } });
  const g = stack.gateway;
  const ready = async (): Promise<number> => (await fetch(`${g.url}/readyz`)).status;
  assert.equal(await ready(), 200);
  for (let i = 0; i < 5; i++) assert.equal(await status(g, KEY), 200);

  await proxy.cut();
  for (let i = 0; i < 10; i++) assert.equal(await status(g, KEY), 200, 'the answer does not wait for the database');
  await until(async () => (await ready()) === 503, 5000, '/readyz turns 503');

  await proxy.restore();
  await until(async () => (await ready()) === 200, 5000, '/readyz recovers');
  // read past the gateway, straight from the database
  const direct = new pg.Client({ connectionString: PG_BASE_URL });
  await direct.connect();
  t.after(() => direct.end());
  await until(async () => (await direct.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.request_log`)).rows[0]?.n === '15', 10_000, 'all 15 rows committed');
  const dup = await direct.query<{ n: string }>(`SELECT count(DISTINCT request_id) AS n FROM ${schema}.request_log`);
  assert.equal(dup.rows[0]?.n, '15', 'no request twice');
});

test('postgres: airlock start names the database but never its password; an unreachable one fails the start, still without it', { timeout: 60_000 }, async (t) => {
  const { schema } = await freshSchema(t);
  const dir = mkdtempSync(join(tmpdir(), 'airlock-pg-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const sim = await startSimulator({ protocol: 'openai', port: 0 });
  t.after(() => sim.close());
  const base = new URL(PG_BASE_URL);
  // the machine's Postgres trusts loopback, so any password gets in: this one must show up nowhere
  base.password = 'pg-s3cret-pw';
  const url = `${base.toString()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const config = (store: string): string => {
    const file = join(dir, `airlock-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, [
      'listen: { host: 127.0.0.1, port: 0 }',
      `store: "${store}"`,
      'vendors:',
      `  sim: { protocol: openai, base_url: "${sim.url}/v1", api_key: v }`,
      'models:',
      '  chat: { targets: [{ vendor: sim, model: gpt-4o-mini }] }',
      'keys: [{ name: k, key: sk-pg-cli }]',
      '',
    ].join('\n'));
    return file;
  };
  const child = spawn(process.execPath, [BIN, 'start', '--config', config(url)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let printed = '';
  child.stdout.on('data', (b: Buffer) => (printed += b.toString()));
  child.stderr.on('data', (b: Buffer) => (printed += b.toString()));
  await until(() => Promise.resolve(/listening on http:\/\/127\.0\.0\.1:\d+/.test(printed)), 15_000, 'the gateway starts');
  const gateway = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] as string;
  assert.match(printed, new RegExp(`store: postgres://127\\.0\\.0\\.1:\\d+/test \\(schema ${schema}\\)`));
  const answer = await new OpenAI({ baseURL: `${gateway}/v1`, apiKey: 'sk-pg-cli', maxRetries: 0 }).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(answer.choices[0]?.message.content, 'echo: hi');
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  assert.doesNotMatch(printed, /pg-s3cret-pw/);

  const down = new URL(url);
  down.port = '1';
  const refused = await airlock(['start', '--config', config(down.toString())]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /store postgres:\/\/127\.0\.0\.1:1\/test .*ECONNREFUSED/);
  assert.doesNotMatch(refused.err + refused.out, /pg-s3cret-pw/);
});

test('postgres: a report never sets up a store: an empty schema and an unreachable server are refused by name', { timeout: 30_000 }, async (t) => {
  const { url, schema } = await freshSchema(t);
  const empty = await airlock(['report', 'spend', '--store', url]);
  assert.equal(empty.code, 1);
  assert.match(empty.err, new RegExp(`store postgres://127\\.0\\.0\\.1:\\d+/test \\(schema ${schema}\\): is not an Airlock store`));
  const direct = new pg.Client({ connectionString: PG_BASE_URL });
  await direct.connect();
  t.after(() => direct.end());
  const tables = await direct.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1', [schema]);
  assert.equal(tables.rowCount, 0, 'the report created nothing');
  const down = new URL(PG_BASE_URL);
  down.port = '1';
  const refused = await airlock(['report', 'data-flows', '--store', down.toString()]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /store postgres:\/\/127\.0\.0\.1:1\/test: connect ECONNREFUSED/);
});

test('postgres + redis: two instances cross one team budget\'s thresholds; each threshold alerts once, not once per instance', { timeout: 60_000 }, async (t) => {
  const unreachable = await redisUnreachable();
  if (unreachable !== null) {
    t.skip(unreachable);
    return;
  }
  const { url } = await freshSchema(t);
  const hook = await startReceiver(t);
  const team = `t${randomUUID().slice(0, 8)}`;
  const stack = await startStack(t, {
    models: { chat: ['sim-openai/m'] },
    extra: {
      store: url,
      redis: 'redis://127.0.0.1:6379',
      // each answer costs (1 input + 2 output tokens) × $0.001 = $0.003: the $0.03 budget's 50 % and 100 % fall within 20 requests
      prices: { 'sim-openai/m': { input: 1000, output: 1000 } },
      teams: { [team]: { budget: { usd: 0.03, per: 'day', on_exceed: 'warn', alert_at: [0.5, 1.0] } } },
      apps: { tests: { team } },
      alerts: { webhook: hook.url, timeout_ms: 2000, retries: 1, anomaly: { enabled: false } },
    },
  });
  const b = await second(t, stack.config);
  const gateways = [stack.gateway, b];
  const statuses = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const res = await fetch(`${(gateways[i % 2] as Gateway).url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'chat', max_tokens: 2, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  assert.deepEqual(new Set(statuses), new Set([200]), 'a warn budget refuses nothing');
  await until(() => Promise.resolve(hook.posts >= 2), 5000, 'both thresholds alerted');
  await new Promise((r) => setTimeout(r, 300));
  const thresholds = hook.bodies.map((x) => (x.detail as { threshold: number }).threshold).sort((x, y) => x - y);
  assert.deepEqual(thresholds, [50, 100], 'one POST per threshold across both instances');
  for (const g of gateways) {
    const stored = await g.alerts.recent(10);
    assert.deepEqual(stored.map((a) => a.subject), [`team:${team}`, `team:${team}`], 'both instances read the same two alerts');
  }
});
