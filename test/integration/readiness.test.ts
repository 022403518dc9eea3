// `airlock report readiness` against the store of a real gateway: working fallbacks per model and app (policy
// included), the last drill, vendor concentration, and the exit code a deploy gate reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { parse, stringify } from 'yaml';
import { reportCommand } from '../../src/cli/report.ts';
import type { ModelReadiness } from '../../src/reports/readiness.ts';
import type { Output } from '../../src/cli/report-io.ts';
import { ADMIN_TOKEN, adminCall } from '../helpers/admin.ts';
import { KEY, startStack, type Stack } from '../helpers/stack.ts';

function capture(): Output & { text: string } {
  const out = {
    text: '',
    write(chunk: string, done: (err?: Error | null) => void): boolean {
      out.text += chunk;
      done();
      return true;
    },
  };
  return out;
}

/** The stack's own config with only `models` kept, written beside it. */
function configWith(stack: Stack, models: string[]): string {
  const doc = parse(readFileSync(join(stack.dir, 'airlock.yaml'), 'utf8')) as { models: Record<string, unknown> };
  doc.models = Object.fromEntries(Object.entries(doc.models).filter(([name]) => models.includes(name)));
  const file = join(stack.dir, `readiness-${models.join('-')}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

interface ReadinessJson {
  ready: boolean;
  models: ModelReadiness[];
}

async function readinessOf(file: string, format = 'json'): Promise<{ code: number; out: string; err: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await reportCommand(['readiness', '--config', file, '--format', format], { stdout, stderr, env: {} });
  return { code, out: stdout.text, err: stderr.text };
}

test('readiness report', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: {
      chat: ['sim-openai/gpt-4o-mini', 'sim-anthropic/claude-haiku-4-5-20251001'],
      solo: ['sim-openai/gpt-4o-mini'],
      // gemini is approved for public data only: it may not take the personal data this app sends
      guarded: ['sim-openai/gpt-4o-mini', 'sim-gemini/gemini-2.0-flash'],
    },
    reviews: { 'sim-gemini': { status: 'approved', approved_data: ['public'] } },
    retry: { max_retries: 0 },
    extra: { admin_token: ADMIN_TOKEN },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  for (let i = 0; i < 3; i++) await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hello' }] });
  await openai.chat.completions.create({ model: 'guarded', messages: [{ role: 'user', content: 'mail jane.doe@example.com about it' }] });
  // a drill on the chat model's first vendor: the fallback took over
  const drill = await adminCall(stack.url, '/admin/drills', { body: { vendor: 'sim-openai', fault: 'outage', canary: true, duration_ms: 600 } });
  assert.equal(drill.status, 201);
  for (let i = 0; (await adminCall(stack.url, `/admin/drills/${drill.body.drill.id}`)).body.drill.endedAt === null; i++) {
    assert.ok(i < 100, 'drill ended');
    await sleep(50);
  }
  await stack.gateway.store.sink.flush();

  await t.test('exit 0 when every model has a working fallback; the last drill and concentration are shown', async () => {
    const ok = await readinessOf(configWith(stack, ['chat']));
    assert.equal(ok.code, 0, ok.err);
    const report = JSON.parse(ok.out) as ReadinessJson;
    assert.equal(report.ready, true);
    const chat = report.models[0] as ModelReadiness;
    assert.equal(chat.model, 'chat');
    assert.equal(chat.independentVendors, 2);
    const app = chat.apps.find((a) => a.app === 'tests');
    assert.ok(app);
    assert.deepEqual(app.classes, ['public']);
    assert.deepEqual(app.workingFallbacks, ['sim-anthropic/claude-haiku-4-5-20251001']);
    assert.equal(chat.drills[0]?.id, drill.body.drill.id);
    assert.equal(chat.drills[0]?.keptAnswering, true);
    // live: 3 to sim-openai; canaries: baseline ones to sim-openai, the rest answered by sim-anthropic
    const byVendor = Object.fromEntries((chat.concentration ?? []).map((c) => [c.vendor ?? '', c.requests]));
    assert.ok((byVendor['sim-openai'] ?? 0) >= 5 && (byVendor['sim-anthropic'] ?? 0) >= 1, JSON.stringify(byVendor));
    const shares = (chat.concentration ?? []).reduce((sum, c) => sum + c.requestShare, 0);
    assert.ok(Math.abs(shares - 1) < 1e-9);
    const table = await readinessOf(configWith(stack, ['chat']), 'table');
    assert.equal(table.code, 0);
    assert.match(table.out, /chat\s+tests\s+2\s+public\s+sim-openai → sim-anthropic ok\s+sim-anthropic\/claude-haiku-4-5-20251001\s+\d{4}-\d{2}-\d{2} sim-openai outage: kept answering/);
    assert.match(table.out, /^ready: every logical model has a working fallback$/m);
  });

  await t.test('exit 3 for a model with a single target, naming it', async () => {
    const bad = await readinessOf(configWith(stack, ['chat', 'solo']), 'table');
    assert.equal(bad.code, 3, bad.err);
    assert.match(bad.out, /NOT READY:\n\s+solo: no working fallback for .*: a single target; stopped answering in drill/);
  });

  await t.test('a retired fallback counts as its successor, which serves in its place; one with no successor does not', async () => {
    const doc = parse(readFileSync(join(stack.dir, 'airlock.yaml'), 'utf8')) as { models: Record<string, unknown> };
    doc.models = {
      // claude-3-5-haiku-20241022 shut down on 2026-02-19; the feed names claude-haiku-4-5-20251001 its replacement
      moved: { targets: [{ vendor: 'sim-openai', model: 'gpt-4o-mini' }, { vendor: 'sim-anthropic', model: 'claude-3-5-haiku-20241022' }] },
      gone: { targets: [{ vendor: 'sim-openai', model: 'gpt-4o-mini' }, { vendor: 'sim-anthropic', model: 'claude-old', retires: '2026-01-01' }] },
    };
    const file = join(stack.dir, 'readiness-retired.yaml');
    writeFileSync(file, stringify(doc));
    const r = await readinessOf(file);
    assert.equal(r.code, 3, r.err);
    const models = (JSON.parse(r.out) as ReadinessJson).models;
    const moved = models.find((m) => m.model === 'moved');
    const fallback = moved?.apps[0]?.targets[1];
    assert.equal(moved?.ready, true, JSON.stringify(moved?.problems));
    assert.equal(fallback?.model, 'claude-haiku-4-5-20251001');
    assert.equal(fallback?.replaces, 'sim-anthropic/claude-3-5-haiku-20241022');
    assert.equal(fallback?.retired, false);
    const gone = models.find((m) => m.model === 'gone');
    assert.equal(gone?.ready, false);
    assert.equal(gone?.apps[0]?.targets[1]?.retired, true);
    assert.match(gone?.problems[0] ?? '', /its fallback is retired/);
  });

  await t.test('exit 3 when the only fallback may not receive the data classes the app sends', async () => {
    const bad = await readinessOf(configWith(stack, ['guarded']));
    assert.equal(bad.code, 3, bad.err);
    const guarded = (JSON.parse(bad.out) as ReadinessJson).models[0] as ModelReadiness;
    const app = guarded.apps.find((a) => a.app === 'tests');
    assert.ok(app);
    assert.ok(app.classes.includes('personal'));
    const gemini = app.targets.find((x) => x.vendor === 'sim-gemini');
    assert.ok(gemini);
    assert.equal(gemini.action, 'reroute');
    assert.equal(gemini.refusedClass, 'personal');
    assert.deepEqual(app.workingFallbacks, []);
    assert.match(guarded.problems[0] ?? '', /sim-gemini may not receive personal \(reroute\)/);
  });
});
