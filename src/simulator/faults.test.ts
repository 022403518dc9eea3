// Fault scripting across protocols: the queue, model-name tokens, x-sim-* headers, the seeded failRate,
// latency, hang, reset and client aborts; plus the pure pieces (token parsing, schema arguments, splitting).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type Simulator } from './server.ts';
import { resolveFault, scriptFromModel } from './script.ts';
import { argsFromSchema, splitPieces } from './reply.ts';

const chat = (sim: Simulator, model: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> =>
  fetch(`${sim.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }),
    ...(signal ? { signal } : {}),
  });

test('model-name tokens parse only between separators', { timeout: 10_000 }, () => {
  assert.deepEqual(scriptFromModel('claude-fail-429-retry-after-30'), { fault: { status: 429, retryAfterS: 30 }, parallel: 1, noUsage: false });
  assert.deepEqual(scriptFromModel('gpt-4o-mini-parallel-2'), { fault: {}, parallel: 2, noUsage: false });
  assert.deepEqual(scriptFromModel('x-latency-50-chunk-delay-20-truncate-3'), { fault: { latencyMs: 50, chunkDelayMs: 20, truncateAfterChunks: 3 }, parallel: 1, noUsage: false });
  assert.equal(scriptFromModel('local-no-usage').noUsage, true);
  assert.equal(scriptFromModel('no-usage-model').noUsage, true);
  assert.equal(scriptFromModel('nousage').noUsage, false);
  assert.deepEqual(scriptFromModel('gpt-hang').fault, { hang: true });
  assert.deepEqual(scriptFromModel('sim-reset').fault, { reset: true });
  assert.deepEqual(scriptFromModel('retry-after-0.2').fault, { retryAfterS: 0.2 });
  for (const plain of ['gemini-2.0-flash', 'claude-3-5-haiku-20241022', 'changer', 'presets', 'failsafe-500x']) assert.deepEqual(scriptFromModel(plain).fault, {}, plain);
  // an enqueued fault is the whole script; otherwise model > headers > failRate, field by field
  assert.deepEqual(resolveFault({}, { status: 500 }, {}, {}), {});
  assert.deepEqual(resolveFault(undefined, { status: 500 }, { status: 429, latencyMs: 5 }, { status: 503 }), { status: 500, latencyMs: 5 });
});

test('tool arguments from a JSON schema; stream pieces', { timeout: 10_000 }, () => {
  const schema = { type: 'object', properties: { s: { type: 'string' }, e: { type: 'string', enum: ['a', 'b'] }, i: { type: 'integer' }, n: { type: ['number', 'null'] }, b: { type: 'boolean' }, a: { type: 'array' }, o: { type: 'object' }, g: { type: 'STRING' } } };
  assert.deepEqual(argsFromSchema(schema), { s: 'sim', e: 'a', i: 1, n: 1, b: true, a: [], o: {}, g: 'sim' });
  assert.deepEqual(argsFromSchema({ type: 'object' }), {});
  assert.deepEqual(splitPieces('abcdefghij', 4), ['ab', 'cde', 'fg', 'hij']);
  assert.deepEqual(splitPieces('ab', 8), ['a', 'b']);
  assert.deepEqual(splitPieces('', 8), []);
  assert.deepEqual(splitPieces('😀😀', 4), ['😀', '😀']);
});

test('faults over HTTP', { timeout: 10_000 }, async (t) => {
  const sim = await startSimulator({ protocol: 'openai', port: 0 });
  t.after(() => sim.close());

  await t.test('enqueue is FIFO, one fault per request, and beats model tokens', { timeout: 10_000 }, async () => {
    sim.enqueue({ status: 500 }, {}, { status: 400 });
    assert.equal((await chat(sim, 'gpt')).status, 500);
    assert.equal((await chat(sim, 'gpt-fail-503')).status, 200);
    assert.equal((await chat(sim, 'gpt')).status, 400);
    assert.equal((await chat(sim, 'gpt')).status, 200);
  });

  await t.test('x-sim-fail and x-sim-latency-ms headers; model tokens beat headers', { timeout: 10_000 }, async () => {
    assert.equal((await chat(sim, 'gpt', {}, { 'x-sim-fail': '502' })).status, 502);
    assert.equal((await chat(sim, 'gpt-fail-429', {}, { 'x-sim-fail': '502' })).status, 429);
    const started = Date.now();
    assert.equal((await chat(sim, 'gpt', {}, { 'x-sim-latency-ms': '120' })).status, 200);
    assert.ok(Date.now() - started >= 110);
  });

  await t.test('reset destroys the socket before any byte; hang never answers', { timeout: 10_000 }, async () => {
    const reset = await chat(sim, 'gpt-reset').catch((e: unknown) => e);
    assert.ok(reset instanceof TypeError, 'fetch fails at the network level');
    const before = sim.aborted;
    const hung = await chat(sim, 'gpt-hang', {}, {}, AbortSignal.timeout(150)).catch((e: unknown) => e);
    assert.ok(hung instanceof Error && hung.name === 'TimeoutError');
    for (let i = 0; i < 50 && sim.aborted === before; i++) await sleep(10);
    assert.equal(sim.aborted - before, 1, 'the client giving up on a hung request counts as an abort');
  });

  await t.test('a client that leaves mid-stream is counted in aborted; reset() clears the log', { timeout: 10_000 }, async () => {
    const before = sim.aborted;
    await new Promise<void>((resolve, reject) => {
      const req = request(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end(JSON.stringify({ model: 'gpt-chunk-delay-100', stream: true, messages: [{ role: 'user', content: 'long enough to stream a while' }] }));
    });
    for (let i = 0; i < 50 && sim.aborted === before; i++) await sleep(10);
    assert.equal(sim.aborted - before, 1);
    const truncated = await (await chat(sim, 'gpt-truncate-1', { stream: true })).text().catch((e: unknown) => e);
    assert.ok(truncated instanceof Error);
    assert.equal(sim.aborted - before, 1, 'a stream the simulator cut itself is not a client abort');
    sim.reset();
    assert.deepEqual([sim.received.length, sim.aborted], [0, 0]);
  });

  await t.test('failRate with a seed: a reproducible share of retryable failures', { timeout: 10_000 }, async () => {
    const run = async (seed: number): Promise<number[]> => {
      const flaky = await startSimulator({ protocol: 'anthropic', port: 0, failRate: 0.5, seed });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) {
          const res = await fetch(`${flaky.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }) });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        assert.equal(flaky.received.length, 20);
        return statuses;
      } finally {
        await flaky.close();
      }
    };
    const a = await run(42);
    assert.deepEqual(await run(42), a);
    assert.ok(a.every((s) => s === 200 || s === 529));
    const failures = a.filter((s) => s === 529).length;
    assert.ok(failures > 2 && failures < 18, `${failures} of 20 failed`);
  });

  await t.test('latencyMs option and apiKey option', { timeout: 10_000 }, async () => {
    const slow = await startSimulator({ protocol: 'openai', port: 0, latencyMs: 100, apiKey: 'right' });
    t.after(() => slow.close());
    const started = Date.now();
    const wrong = await chat(slow, 'gpt');
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
    assert.ok(Date.now() - started >= 90);
    assert.equal((await chat(slow, 'gpt', {}, { authorization: 'Bearer right' })).status, 200);
  });
});
