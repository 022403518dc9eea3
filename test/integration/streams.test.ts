// After the first byte, no client retries: vendor failures end the stream with an error event in the caller's
// format, never a hang; a caller that goes away aborts the vendor request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';

const ADMIN = 'streams-admin-token';

test('stream failures and disconnects', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: {
      'cut-openai': ['sim-openai/gpt-truncate-2', 'sim-anthropic/claude-3-5-haiku-20241022'],
      'cut-anthropic': ['sim-anthropic/claude-truncate-2', 'sim-openai/gpt-4o-mini'],
      'slow-openai': ['sim-openai/gpt-chunk-delay-200'],
      'late-openai': ['sim-openai/gpt-latency-1500'],
      'stall-gemini': ['sim-gemini/gemini-chunk-delay-3000'],
    },
    timeouts: { idle_ms: 500, first_byte_ms: 5000, total_ms: 20_000, connect_ms: 1000 },
    extra: { admin_token: ADMIN },
  });
  /** the model-level circuit of sim-openai/<model>, as `airlock status` shows it */
  const circuit = async (model: string): Promise<{ failures: number; requests: number } | undefined> => {
    const status = (await (await fetch(`${stack.url}/admin/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
      breakers: { vendor: string; model?: string; failures: number; requests: number }[];
    };
    return status.breakers.find((b) => b.vendor === 'sim-openai' && b.model === model);
  };
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });

  await t.test('vendor cuts the stream mid-way → openai SDK sees an error, not a silent end', async () => {
    const stream = await openai.chat.completions.create({ model: 'cut-openai', messages: [{ role: 'user', content: 'a fairly long prompt to split' }], stream: true });
    let text = '';
    const err = await (async () => {
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.APIError, `got ${String(err)}`);
    assert.ok(text.length > 0, 'content before the cut reached the caller');
    assert.ok(text.length < 'echo: a fairly long prompt to split'.length);
    await stack.gateway.store.sink.flush();
    const row = (await stack.gateway.store.requestLog.recent(1))[0];
    assert.equal(row?.errorCode, 'stream_interrupted', 'the request log marks the broken stream');
  });

  await t.test('vendor cuts the stream mid-way → Anthropic SDK sees an error event', async () => {
    const stream = anthropic.messages.stream({ model: 'cut-anthropic', max_tokens: 100, messages: [{ role: 'user', content: 'a fairly long prompt to split' }] });
    const err = await stream.finalMessage().catch((e: unknown) => e);
    assert.ok(err instanceof Error);
  });

  await t.test('a vendor that stalls mid-stream hits the idle timeout and the caller gets an error', async () => {
    const started = Date.now();
    const stream = await openai.chat.completions.create({ model: 'stall-gemini', messages: [{ role: 'user', content: 'stall' }], stream: true }).catch((e: unknown) => e);
    // the stall may hit before the first content (→ error answer) or after it (→ error event); both are bounded
    if (!(stream instanceof Error)) {
      const err = await (async () => {
        for await (const _ of stream as AsyncIterable<unknown>) void _;
      })().catch((e: unknown) => e);
      assert.ok(err instanceof Error);
    }
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  });

  await t.test('client disconnect mid-stream aborts the vendor request', async () => {
    const before = stack.sims.openai.aborted;
    const url = new URL(`${stack.url}/v1/chat/completions`);
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } }, (res) => {
        assert.equal(res.statusCode, 200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end(JSON.stringify({ model: 'slow-openai', stream: true, messages: [{ role: 'user', content: 'long enough to stream for a while' }] }));
    });
    for (let i = 0; i < 50 && stack.sims.openai.aborted === before; i++) await sleep(20);
    assert.equal(stack.sims.openai.aborted - before, 1);
    await stack.gateway.store.sink.flush();
    const last = (await stack.gateway.store.requestLog.recent(1))[0];
    assert.equal(last?.status, 499);
    assert.equal((await circuit('gpt-chunk-delay-200'))?.failures ?? 0, 0, 'the caller leaving is not a vendor failure');
  });

  await t.test('a caller that goes away before the answer is logged as 499 client_closed, and the vendor call is aborted', async () => {
    const url = new URL(`${stack.url}/v1/chat/completions`);
    const abandon = (body: string, sendAll: boolean): Promise<void> =>
      new Promise<void>((resolve) => {
        const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
        req.on('error', () => undefined);
        if (sendAll) req.end(body);
        else req.write(body.slice(0, 20));
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
      });
    const before = stack.sims.openai.aborted;
    // waiting on the vendor (non-streamed)
    await abandon(JSON.stringify({ model: 'late-openai', messages: [{ role: 'user', content: 'never mind' }] }), true);
    for (let i = 0; i < 50 && stack.sims.openai.aborted === before; i++) await sleep(20);
    assert.equal(stack.sims.openai.aborted - before, 1);
    await sleep(50);
    await stack.gateway.store.sink.flush();
    const waited = (await stack.gateway.store.requestLog.recent(1))[0];
    assert.equal(waited?.status, 499);
    assert.equal(waited?.errorCode, 'client_closed');
    // half of the body sent
    const rows = (await stack.gateway.store.requestLog.count());
    await abandon(JSON.stringify({ model: 'late-openai', messages: [{ role: 'user', content: 'cut short' }] }), false);
    await sleep(50);
    await stack.gateway.store.sink.flush();
    assert.equal((await stack.gateway.store.requestLog.count()), rows + 1);
    const cut = (await stack.gateway.store.requestLog.recent(1))[0];
    assert.equal(cut?.status, 499);
    assert.equal(cut?.errorCode, 'client_closed');
    assert.equal((await circuit('gpt-latency-1500'))?.failures ?? 0, 0, 'the caller leaving is not a vendor failure');
  });
});
