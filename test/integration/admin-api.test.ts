// The admin API over real HTTP on a gateway from startGateway: the vendor register, reviews, the audit trail,
// and the token gate in front of all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { startStack } from '../helpers/stack.ts';

const ACME = {
  protocol: 'openai',
  base_url: 'https://api.acme.test/v1',
  api_key: 'sk-acme-secret',
  region: 'eu',
  terms: { version: '2026-01-01', retention_days: 30, trains_on_data: false, dpa_signed: true, url: 'https://acme.test/terms' },
  review: { status: 'pending' },
};

test('admin API', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, { vendors: { acme: ACME }, extra: { admin_token: ADMIN_TOKEN } });
  const url = stack.url;

  await t.test('GET /admin/vendors lists every vendor with terms, review and effective review, never keys', async () => {
    const r = await adminCall(url, '/admin/vendors');
    assert.equal(r.status, 200);
    const names = (r.body.vendors as { name: string }[]).map((v) => v.name);
    assert.deepEqual(names.sort(), ['acme', 'sim-anthropic', 'sim-gemini', 'sim-openai']);
    const acme = (r.body.vendors as { name: string }[]).find((v) => v.name === 'acme');
    assert.deepEqual(acme, {
      name: 'acme',
      protocol: 'openai',
      base_url: 'https://api.acme.test/v1',
      region: 'eu',
      terms: { version: '2026-01-01', retention_days: 30, trains_on_data: false, zero_data_retention: null, dpa_signed: true, subprocessors: null, url: 'https://acme.test/terms' },
      review: { status: 'pending', reviewer: null, date: null, expires: null, approved_data: [], approved_terms_version: '2026-01-01', origin: 'config' },
      effective: { status: 'pending', approved_data: [], reason: 'not reviewed yet', terms_version: '2026-01-01' },
    });
    assert.doesNotMatch(JSON.stringify(r.body), /sk-acme-secret|sim-vendor-key/);
  });

  await t.test('POST /admin/vendors/:name/review approves; the change shows everywhere and is audited', async () => {
    const r = await adminCall(url, '/admin/vendors/acme/review', { body: { status: 'approved', approved_data: ['personal', 'payment'], expires: '2099-12-31', by: 'dana' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.before.effective.status, 'pending');
    assert.equal(r.body.after.effective.status, 'approved');
    assert.deepEqual(r.body.after.review.approved_data, ['personal', 'payment']);
    assert.equal(r.body.event.actor, 'dana');
    assert.equal(r.body.event.action, 'vendor.review');
    assert.ok(Math.abs(Date.parse(String(r.body.event.time)) - Date.now()) < 60_000);
    assert.equal(stack.gateway.register.effective('acme').status, 'approved', 'the gateway view changed at once');
    const show = await adminCall(url, '/admin/vendors/acme');
    assert.equal(show.status, 200);
    assert.equal(show.body.vendor.effective.status, 'approved');
    assert.equal(show.body.vendor.review.reviewer, 'dana');
    assert.deepEqual((show.body.audit as { action: string }[]).map((e) => e.action), ['vendor.review', 'vendor.registered']);
    assert.equal(show.body.audit[0].before.effective.status, 'pending');
    assert.equal(show.body.audit[0].after.effective.status, 'approved');
  });

  await t.test('GET /admin/audit filters by subject and limits, newest first', async () => {
    await adminCall(url, '/admin/vendors/acme/review', { body: { status: 'rejected' } });
    const all = await adminCall(url, '/admin/audit?subject=acme&limit=2');
    assert.equal(all.status, 200);
    assert.deepEqual((all.body.events as { actor: string; after: { status: string } }[]).map((e) => [e.actor, e.after.status]), [['admin-api', 'rejected'], ['dana', 'approved']]);
    const every = await adminCall(url, '/admin/audit');
    assert.ok(every.body.events.length >= 6, 'registered × 4 + two reviews');
    const bad = await adminCall(url, '/admin/audit?limit=-3');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.param, 'limit');
  });

  await t.test('bad reviews answer 400 naming the field; unknown vendors and paths 404; wrong methods 405', async () => {
    const cases: [string, unknown, number, string | null][] = [
      ['/admin/vendors/acme/review', { status: 'maybe' }, 400, 'status'],
      ['/admin/vendors/acme/review', { status: 'approved', approved_data: ['secrets'] }, 400, 'approved_data'],
      ['/admin/vendors/acme/review', { status: 'approved', expires: '2001-01-01' }, 400, 'expires'],
      ['/admin/vendors/acme/review', { status: 'approved', extra: 1 }, 400, 'extra'],
      ['/admin/vendors/acme/review', '{not json', 400, null],
      ['/admin/vendors/ghost/review', { status: 'approved' }, 404, null],
    ];
    for (const [path, body, status, param] of cases) {
      const r = await adminCall(url, path, { body });
      assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      assert.equal(typeof r.body.error.message, 'string');
      assert.equal(typeof r.body.error.type, 'string');
      if (param !== null) assert.equal(r.body.error.param, param);
    }
    assert.equal((await adminCall(url, '/admin/vendors/ghost')).status, 404);
    assert.equal((await adminCall(url, '/admin/nothing')).status, 404);
    const wrong = await adminCall(url, '/admin/vendors', { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET');
    assert.equal(stack.gateway.register.effective('acme').status, 'rejected', 'nothing changed');
  });

  await t.test('a missing or wrong token answers 401 and reveals nothing', async () => {
    for (const token of [null, 'wrong', `${ADMIN_TOKEN}x`, '']) {
      const r = await adminCall(url, '/admin/vendors', { token });
      assert.equal(r.status, 401, String(token));
      assert.equal(r.body.error.type, 'authentication_error');
      assert.equal(r.body.vendors, undefined);
    }
    const post = await adminCall(url, '/admin/vendors/acme/review', { body: { status: 'approved' }, token: 'wrong' });
    assert.equal(post.status, 401);
    assert.equal(stack.gateway.register.effective('acme').status, 'rejected');
  });
});

test('admin API without admin_token: every /admin path answers 404 "admin API disabled"', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t);
  for (const [path, method] of [['/admin/vendors', 'GET'], ['/admin/audit', 'GET'], ['/admin/vendors/sim-openai/review', 'POST'], ['/admin', 'GET']] as const) {
    const r = await adminCall(stack.url, path, method === 'POST' ? { body: { status: 'approved' } } : {});
    assert.equal(r.status, 404, path);
    assert.match(String(r.body.error.message), /admin API disabled/);
  }
  assert.equal((await fetch(`${stack.url}/healthz`)).status, 200, 'the rest of the gateway is unaffected');
});
