// `airlock store copy`, as an operator moves a deployment from SQLite to Postgres: the real CLI copies a real
// gateway's store, the copy reads back the same as the original, a second run copies nothing twice, and a gateway
// started on Postgres has the reviews and stored keys the SQLite one had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { openStoreReader } from '../../src/store/reader.ts';
import { freshSchema } from '../../src/store/postgres/pg-schema.fixture.ts';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { airlock } from '../helpers/airlock-cli.ts';
import { KEY, startStack } from '../helpers/stack.ts';

/** `copied N rows …` and each table's line of the summary, as numbers. */
function parsed(out: string): { copied: number; tables: Map<string, number[]> } {
  const copied = Number(/^copied (\d+) rows from /m.exec(out)?.[1]);
  const tables = new Map<string, number[]>();
  for (const m of out.matchAll(/^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/gm)) tables.set(m[1] as string, [Number(m[2]), Number(m[3]), Number(m[4])]);
  return { copied, tables };
}

test('store copy: a SQLite deployment moves to Postgres with its history, reviews and keys', { timeout: 90_000 }, async (t) => {
  const stack = await startStack(t, { extra: { admin_token: ADMIN_TOKEN, log_content: true } });
  const config = join(stack.dir, 'airlock.yaml');
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  for (let i = 0; i < 6; i++) {
    const content = i === 0 ? 'Mail jane.doe@example.com the plan' : `question ${i}`;
    await client.chat.completions.create({ model: i % 2 === 0 ? 'via-openai' : 'via-gemini', messages: [{ role: 'user', content }] });
  }
  assert.equal((await adminCall(stack.url, '/admin/vendors/sim-anthropic/review', { body: { status: 'rejected', by: 'dana' } })).status, 200);
  const made = await airlock(['keys', 'create', 'moved-bot', '--app', 'tests', '--config', config]);
  assert.equal(made.code, 0, made.err);
  const secret = /sk-airlock-\w+/.exec(made.out)?.[0] ?? '';
  for (let i = 0; i < 100 && (await stack.gateway.store.requestLog.count()) < 6; i++) await sleep(20);

  const { url: pgUrl } = await freshSchema(t);
  const first = await airlock(['store', 'copy', '--config', config, '--to', pgUrl]);
  assert.equal(first.code, 0, first.err);
  const { copied, tables } = parsed(first.out);
  assert.deepEqual(tables.get('request_log'), [6, 6, 0]);
  assert.deepEqual(tables.get('data_flow'), [6, 6, 0]);
  assert.deepEqual(tables.get('request_content'), [6, 6, 0]);
  assert.deepEqual(tables.get('virtual_key'), [1, 1, 0]);
  assert.deepEqual(tables.get('vendor_review')?.slice(1), [tables.get('vendor_review')?.[0], 0]);
  assert.ok((tables.get('audit_event')?.[1] ?? 0) >= 5, 'registrations, the review and the key');
  assert.equal(copied, [...tables.values()].reduce((n, [, c]) => n + (c ?? 0), 0));
  assert.doesNotMatch(first.out + first.err, /postgres:\/\/postgres@/, 'the target shown without its user');

  await t.test('the copy reads back as the original', async () => {
    const sqlite = await openStoreReader(`sqlite:${join(stack.dir, 'airlock.db')}`);
    const pg = await openStoreReader(pgUrl);
    try {
      assert.deepEqual(await pg.requestLog.recent(100), await sqlite.requestLog.recent(100));
      assert.deepEqual(await pg.dataFlows.aggregate(0), await sqlite.dataFlows.aggregate(0));
      assert.deepEqual(await pg.spend.byDimension('model', 0), await sqlite.spend.byDimension('model', 0));
    } finally {
      await pg.close();
      await sqlite.close();
    }
  });

  await t.test('a second run copies nothing twice', async () => {
    const again = await airlock(['store', 'copy', '--from', `sqlite:${join(stack.dir, 'airlock.db')}`, '--to', pgUrl]);
    assert.equal(again.code, 0, again.err);
    const second = parsed(again.out);
    assert.equal(second.copied, 0);
    assert.deepEqual(second.tables.get('request_log'), [6, 0, 6]);
  });

  await t.test('a gateway on the Postgres copy has the review, the stored key and the logged content', async () => {
    const moved = await startStack(t, { extra: { admin_token: ADMIN_TOKEN, store: pgUrl } });
    assert.equal(moved.gateway.register.effective('sim-anthropic').status, 'rejected');
    const audit = await adminCall(moved.url, '/admin/audit?subject=sim-anthropic&limit=1');
    assert.equal(audit.body.events[0].actor, 'dana');
    let answered = 0;
    for (let i = 0; i < 50 && answered === 0; i++) {
      const res = await fetch(`${moved.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'via-openai', messages: [{ role: 'user', content: 'hi' }] }),
      });
      await res.arrayBuffer();
      if (res.status === 200) answered++;
      else await sleep(100);
    }
    assert.equal(answered, 1, 'the key made on SQLite opens the Postgres gateway');
    const listed = await adminCall(moved.url, '/admin/requests?limit=100');
    const oldest = (listed.body.requests as { requestId: string }[]).at(-1)?.requestId ?? '';
    const detail = await adminCall(moved.url, `/admin/requests/${encodeURIComponent(oldest)}`);
    assert.match(String(detail.body.content.prompt), /Mail \S+ the plan/);
  });

  await t.test('refusals: no --to, the wrong kinds of store, a file that is not there', async () => {
    const none = await airlock(['store', 'copy', '--config', config]);
    assert.equal(none.code, 2);
    assert.match(none.err, /--to postgres:\/\/… is required/);
    const backwards = await airlock(['store', 'copy', '--from', pgUrl, '--to', pgUrl]);
    assert.equal(backwards.code, 2);
    assert.match(backwards.err, /--from must be a SQLite file/);
    assert.doesNotMatch(backwards.err, /postgres@/);
    const toSqlite = await airlock(['store', 'copy', '--config', config, '--to', 'sqlite:./other.db']);
    assert.equal(toSqlite.code, 2);
    const missing = await airlock(['store', 'copy', '--from', `sqlite:${join(stack.dir, 'nothing.db')}`, '--to', pgUrl]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nothing\.db does not exist/);
  });
});
