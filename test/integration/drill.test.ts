// `airlock drill` against a real gateway and simulated vendors: each fault type on canaries and on a share of
// live traffic, the record it writes, and how a drill ends (by itself, or stopped early).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { KEY, startStack, type Stack } from '../helpers/stack.ts';
import type { DrillRecord, ModelDrillResult } from '../../src/core/drill.ts';

type T = Parameters<typeof startStack>[0];

// chat falls back from the drilled vendor to another; solo has no fallback; other never uses it
const MODELS = {
  chat: ['sim-openai/gpt-4o-mini', 'sim-anthropic/claude-haiku-4-5-20251001'],
  solo: ['sim-openai/gpt-4o-mini'],
  other: ['sim-gemini/gemini-2.0-flash'],
};

function drillStack(t: T): Promise<Stack> {
  return startStack(t, { models: MODELS, retry: { max_retries: 0 }, extra: { admin_token: ADMIN_TOKEN } });
}

async function start(stack: Stack, body: Record<string, unknown>): Promise<DrillRecord> {
  const res = await adminCall(stack.url, '/admin/drills', { body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.drill as DrillRecord;
}

/** Polls until the drill has ended, bounded. */
async function ended(stack: Stack, id: string, withinMs = 15_000): Promise<DrillRecord> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const res = await adminCall(stack.url, `/admin/drills/${id}`);
    assert.equal(res.status, 200);
    const drill = res.body.drill as DrillRecord;
    if (drill.endedAt !== null) return drill;
    if (Date.now() > deadline) throw new Error(`drill ${id} did not end within ${withinMs} ms`);
    await sleep(100);
  }
}

function model(record: DrillRecord, name: string): ModelDrillResult {
  const m = record.models.find((x) => x.model === name);
  assert.ok(m, `no result for ${name} in ${JSON.stringify(record.models)}`);
  return m;
}

function chatFor(stack: Stack): OpenAI {
  return new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
}

/** Live traffic while a drill runs: `n` requests to each model, non-streamed and streamed by turns. */
async function traffic(stack: Stack, models: string[], n: number): Promise<void> {
  const openai = chatFor(stack);
  for (let i = 0; i < n; i++) {
    await Promise.all(models.map(async (m) => {
      try {
        if (i % 2 === 0) await openai.chat.completions.create({ model: m, messages: [{ role: 'user', content: 'hello' }] });
        else for await (const _ of await openai.chat.completions.create({ model: m, messages: [{ role: 'user', content: 'hello' }], stream: true })) void _;
      } catch {
        // the drill record counts what callers saw; the test asserts on it
      }
    }));
  }
}

test('drills', { timeout: 120_000 }, async (t) => {
  await t.test('outage on canaries: the fallback answers, the vendor is never called, a chain without fallback fails', async (t) => {
    const stack = await drillStack(t);
    const drill = await start(stack, { vendor: 'sim-openai', fault: 'outage', canary: true, duration_ms: 1500 });
    const atOpenai = stack.sims.openai.received.length;
    assert.deepEqual(drill.models.map((m) => m.model).sort(), ['chat', 'solo']);
    const record = await ended(stack, drill.id);
    t.diagnostic(`outage/canary: ${JSON.stringify(record.models)}`);
    assert.equal(stack.sims.openai.received.length, atOpenai, 'the drilled vendor got no request while the fault was live');
    assert.equal(record.endedBy, 'duration');
    assert.equal(record.result, 'failed');
    const chat = model(record, 'chat');
    assert.ok(chat.affected >= 3, `canaries affected: ${chat.affected}`);
    assert.equal(chat.keptAnswering, true);
    assert.deepEqual(chat.answeredBy, { 'sim-anthropic': chat.affected });
    assert.deepEqual(chat.callerErrors, {});
    const solo = model(record, 'solo');
    assert.equal(solo.keptAnswering, false);
    assert.equal(solo.answered, 0);
    assert.deepEqual(solo.callerErrors, { all_targets_failed: solo.affected });
    // the record is in the store and listed
    const list = await adminCall(stack.url, '/admin/drills');
    assert.equal(list.body.running.length, 0);
    assert.equal(list.body.recent[0].id, drill.id);
    assert.equal((await stack.gateway.store.drills.byId(drill.id))?.result, 'failed');
  });

  await t.test('errors on half of live traffic: affected requests fall back, callers without a fallback see errors', async (t) => {
    const stack = await drillStack(t);
    const drill = await start(stack, { vendor: 'sim-openai', fault: 'errors', share: 0.5, duration_ms: 60_000 });
    await traffic(stack, ['chat', 'solo', 'other'], 40);
    const stopped = await adminCall(stack.url, `/admin/drills/${drill.id}/stop`, { method: 'POST' });
    const record = stopped.body.drill as DrillRecord;
    t.diagnostic(`errors/live 0.5: ${JSON.stringify(record.models)}`);
    assert.equal(record.endedBy, 'stopped');
    const chat = model(record, 'chat');
    assert.equal(chat.requests, 40);
    assert.ok(chat.affected >= 10 && chat.affected <= 30, `about half affected: ${chat.affected}`);
    assert.equal(chat.keptAnswering, true);
    assert.equal(chat.answeredBy['sim-anthropic'], chat.affected);
    const solo = model(record, 'solo');
    assert.ok(solo.affected >= 10 && solo.affected <= 30, `about half affected: ${solo.affected}`);
    assert.equal(solo.keptAnswering, false);
    assert.ok(Object.values(solo.callerErrors).reduce((a, b) => a + b, 0) === solo.affected - solo.answered);
    assert.equal(record.models.some((m) => m.model === 'other'), false, 'a model that never uses the vendor is not in the record');
  });

  await t.test('outage on all live traffic: the vendor is never called, chat falls back, solo callers get errors', async (t) => {
    const stack = await drillStack(t);
    const drill = await start(stack, { vendor: 'sim-openai', fault: 'outage', share: 1, duration_ms: 60_000 });
    const atOpenai = stack.sims.openai.received.length;
    await traffic(stack, ['chat', 'solo'], 6);
    const record = (await adminCall(stack.url, `/admin/drills/${drill.id}/stop`, { method: 'POST' })).body.drill as DrillRecord;
    t.diagnostic(`outage/live: ${JSON.stringify(record.models)}`);
    assert.equal(stack.sims.openai.received.length, atOpenai);
    assert.deepEqual(model(record, 'chat').answeredBy, { 'sim-anthropic': 6 });
    assert.deepEqual(model(record, 'solo').callerErrors, { all_targets_failed: 6 });
  });

  await t.test('latency on canaries and live traffic: answers keep coming from the same vendor, slower by the delay', async (t) => {
    const stack = await drillStack(t);
    const drill = await start(stack, { vendor: 'sim-openai', fault: 'latency', latency_ms: 300, canary: true, share: 1, duration_ms: 2500 });
    await traffic(stack, ['chat'], 4);
    const record = await ended(stack, drill.id);
    t.diagnostic(`latency 300 ms: ${JSON.stringify(record.models)}`);
    for (const name of ['chat', 'solo']) {
      const m = model(record, name);
      assert.equal(m.keptAnswering, true, JSON.stringify(m));
      assert.deepEqual(m.answeredBy, { 'sim-openai': m.affected }, name);
      assert.ok(m.addedLatencyMs !== null && m.addedLatencyMs >= 250 && m.addedLatencyMs <= 600, `${name}: added ${m.addedLatencyMs} ms`);
    }
  });

  await t.test('truncate on canaries: answers cut after their first bytes (whole and streamed) fall back', async (t) => {
    const stack = await drillStack(t);
    const drill = await start(stack, { vendor: 'sim-openai', fault: 'truncate', canary: true, duration_ms: 1500 });
    const atOpenai = stack.sims.openai.received.length;
    const record = await ended(stack, drill.id);
    t.diagnostic(`truncate/canary: ${JSON.stringify(record.models)}`);
    assert.ok(stack.sims.openai.received.length > atOpenai, 'truncate calls the vendor and breaks its answer');
    const chat = model(record, 'chat');
    assert.ok(chat.affected >= 3);
    assert.equal(chat.keptAnswering, true);
    assert.deepEqual(chat.answeredBy, { 'sim-anthropic': chat.affected });
    const solo = model(record, 'solo');
    assert.equal(solo.keptAnswering, false);
    assert.equal(solo.answered, 0);
  });

  await t.test('truncate on live traffic, whole and streamed answers', async (t) => {
    const stack = await drillStack(t);
    const drill = await start(stack, { vendor: 'sim-openai', fault: 'truncate', share: 1, duration_ms: 60_000 });
    await traffic(stack, ['chat', 'solo'], 6);
    const record = (await adminCall(stack.url, `/admin/drills/${drill.id}/stop`, { method: 'POST' })).body.drill as DrillRecord;
    t.diagnostic(`truncate/live: ${JSON.stringify(record.models)}`);
    assert.equal(record.result, 'failed');
    assert.deepEqual(model(record, 'chat').answeredBy, { 'sim-anthropic': 6 });
    assert.deepEqual(model(record, 'solo').callerErrors, { all_targets_failed: 6 });
  });

  await t.test('a drill stops by itself at the end of its duration, and early when stopped; stopping twice is harmless', async (t) => {
    const stack = await drillStack(t);
    const short = await start(stack, { vendor: 'sim-openai', fault: 'errors', share: 1, duration_ms: 400 });
    const byItself = await ended(stack, short.id, 5000);
    assert.equal(byItself.endedBy, 'duration');
    const lasted = (byItself.endedAt ?? 0) - byItself.startedAt;
    // timers run on the monotonic clock, Date.now() on the wall clock: allow a few ms of disagreement
    assert.ok(lasted >= 395 && lasted < 2000, `lasted ${lasted} ms`);
    assert.equal(byItself.result, 'no-traffic');
    // after the end no fault is injected: the vendor answers again
    const { response } = await chatFor(stack).chat.completions.create({ model: 'solo', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-openai');

    const long = await start(stack, { vendor: 'sim-openai', fault: 'outage', canary: true, duration_ms: 3_600_000 });
    const conflict = await adminCall(stack.url, '/admin/drills', { body: { vendor: 'sim-openai', fault: 'errors' } });
    assert.equal(conflict.status, 400, 'one drill per vendor at a time');
    const status = await adminCall(stack.url, '/admin/status');
    assert.equal(status.body.drills[0].id, long.id, 'airlock status lists the drill under way');
    const began = Date.now();
    const stopped = await adminCall(stack.url, '/admin/drills/stop', { body: { vendor: 'sim-openai' } });
    assert.equal(stopped.body.drills[0].endedBy, 'stopped');
    assert.ok(Date.now() - began < 3000);
    const again = await adminCall(stack.url, `/admin/drills/${long.id}/stop`, { method: 'POST' });
    assert.equal(again.status, 200);
    assert.equal(again.body.drill.endedBy, 'stopped');
    // the canary key is gone with the drill
    assert.equal([...stack.gateway.runtime.keys.byHash.values()].some((p) => p.keyName.startsWith('drill-')), false);
  });

  await t.test('bad drills are refused', async (t) => {
    const stack = await drillStack(t);
    for (const body of [{ vendor: 'nope', fault: 'outage' }, { vendor: 'sim-openai', fault: 'fire' }, { vendor: 'sim-openai', fault: 'outage', share: 2 }, { vendor: 'sim-openai', fault: 'outage', share: 0 }]) {
      const res = await adminCall(stack.url, '/admin/drills', { body });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await adminCall(stack.url, '/admin/drills', { body: { vendor: 'sim-openai', fault: 'outage' }, token: 'wrong' })).status, 401);
  });

  await t.test('the airlock drill command: runs a drill to its end and prints the record; list, show, detach and stop', async (t) => {
    const stack = await drillStack(t);
    // asynchronous: the gateway runs in this process and must keep answering while the CLI asks it
    const cli = (args: string[]): Promise<{ status: number; stdout: string; stderr: string }> =>
      new Promise((done) => {
        execFile(process.execPath, [resolve('bin/airlock.js'), 'drill', ...args, '--url', stack.url, '--token', ADMIN_TOKEN], { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
          done({ status: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
        });
      });
    const run = await cli(['--vendor', 'sim-openai', '--fault', 'errors', '--canary', '--duration', '1s']);
    assert.equal(run.status, 3, `a model stopped answering: exit 3\n${run.stderr}`);
    assert.match(run.stdout, /^drill drl_\S+: sim-openai errors, canaries; [\d.]+s of 1s, ended by duration: FAILED$/m);
    assert.match(run.stdout, /^chat\s+\d+\s+\d+\s+\d+\s+yes\s+sim-anthropic \d+\s+-/m);
    assert.match(run.stdout, /^solo\s+\d+\s+\d+\s+0\s+NO\s+-\s+all_targets_failed \d+/m);
    const id = /^drill (drl_\S+):/m.exec(run.stdout)?.[1] ?? '';
    const list = await cli(['list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${id}\\s+sim-openai\\s+errors\\s+\\S+\\s+failed\\s+solo`));
    const show = await cli(['show', id, '--format', 'json']);
    assert.equal(show.status, 3);
    assert.equal(JSON.parse(show.stdout).id, id);

    const detached = await cli(['--vendor', 'sim-openai', '--fault', 'latency', '--latency', '50ms', '--share', '1', '--duration', '1h', '--detach']);
    assert.equal(detached.status, 0, detached.stderr);
    const second = /^drill (drl_\S+):/m.exec(detached.stdout)?.[1] ?? '';
    assert.match(detached.stdout, /sim-openai latency \+50 ms, 100% of live traffic; running/);
    const stop = await cli(['stop', second]);
    assert.equal(stop.status, 0, stop.stderr);
    assert.match(stop.stdout, /ended by stopped: NO-TRAFFIC/);
    const none = await cli(['--stop']);
    assert.equal(none.status, 0);
    assert.match(none.stdout, /no drill was running/);
    const usage = await cli(['--vendor', 'sim-openai', '--fault', 'outage', '--duration', 'soon']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--duration must be a duration/);
  });
});
