// Budgets and rate limits at the admit stage: refusals in the caller's format that no SDK retries in a loop,
// and holds settled to the actual cost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';

test('budgets and rate limits', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { chat: ['sim-openai/gpt-4o-mini'], late: ['sim-openai/gpt-latency-1500'] },
    extra: {
      prices: {
        'sim-openai/gpt-4o-mini': { input: 100_000, output: 100_000 }, // $0.1 per token: budgets run out fast
        'sim-openai/gpt-latency-1500': { input: 100_000, output: 100_000 },
      },
      teams: { support: { budget: { usd: 3, per: 'day', on_exceed: 'block' } } },
      apps: { tests: { team: 'support', rate: { rpm: 1000 } } },
    },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 2 });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 2 });

  await t.test('the hold covers input + max output; a request that would overrun is refused and not retried', async () => {
    // 'hi' ≈ 1 token + max_tokens 5 → estimate $0.6; actual: 1 in + 2 out = $0.3
    const ok = await openai.chat.completions.create({ model: 'chat', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(ok.response.headers.get('x-ratelimit-limit-requests'), '1000');
    assert.ok(Number(ok.response.headers.get('x-ratelimit-remaining-requests')) <= 999);
    const before = stack.sims.openai.received.length;
    const err = await openai.chat.completions.create({ model: 'chat', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    // OpenAI's own convention for a spent quota: 429 insufficient_quota (stops LangChain), never retried (x-should-retry)
    assert.ok(err instanceof OpenAI.RateLimitError);
    assert.equal(err.status, 429);
    assert.equal(err.code, 'insufficient_quota');
    assert.match(err.message, /team:support/);
    assert.equal((err.headers as Headers | undefined)?.get('x-should-retry'), 'false');
    assert.equal(stack.sims.openai.received.length, before, 'no vendor call, and the SDK did not retry');
    const aerr = await anthropic.messages.create({ model: 'chat', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    assert.ok(aerr instanceof Anthropic.APIError);
    assert.equal(aerr.status, 402);
    assert.equal((aerr.error as { error?: { type?: string } }).error?.type, 'billing_error');
  });

  await t.test('settled to the actual cost: what the estimate held back is free again', async () => {
    await new Promise((r) => setTimeout(r, 50));
    const spent = await stack.gateway.runtime.admit.counters.spent('team:support', new Date().toISOString().slice(0, 10));
    await stack.gateway.store.sink.flush();
    const costs = (await stack.gateway.store.requestLog.recent(10)).filter((r) => r.status === 200).map((r) => r.costUsd ?? 0);
    assert.ok(Math.abs(spent - costs.reduce((a, b) => a + b, 0)) < 1e-9, `spent ${spent} vs logged ${costs.join(',')}`);
    assert.ok(spent < 1);
  });

  await t.test('a caller that leaves while the vendor has the request is still charged for its input', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const abandon = async (stream: boolean): Promise<void> => {
      const before = stack.sims.openai.aborted;
      const spentBefore = await stack.gateway.runtime.admit.counters.spent('team:support', day);
      const body = JSON.stringify({ model: 'late', max_tokens: 2, stream, messages: [{ role: 'user', content: 'never mind then' }] });
      const req = request(`${stack.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } });
      req.on('error', () => undefined);
      req.end(body);
      await sleep(300);
      req.destroy();
      for (let i = 0; i < 50 && stack.sims.openai.aborted === before; i++) await sleep(20);
      assert.equal(stack.sims.openai.aborted - before, 1, 'the vendor call was aborted');
      await sleep(50);
      await stack.gateway.store.sink.flush();
      const row = (await stack.gateway.store.requestLog.recent(1))[0];
      assert.equal(row?.status, 499);
      assert.equal(row?.errorCode, 'client_closed');
      // metered as sent to the vendor that had it: the input counted locally, the unseen output as none
      assert.equal(row?.vendor, 'sim-openai');
      assert.equal(row?.vendorModel, 'gpt-latency-1500');
      assert.equal(row?.attempts, 1);
      assert.equal(row?.usageReported, false);
      assert.equal(row?.outputTokens, 0);
      assert.ok((row?.inputTokens ?? 0) > 0);
      assert.ok(Math.abs((row?.costUsd ?? 0) - (row?.inputTokens ?? 0) * 0.1) < 1e-9, `cost ${row?.costUsd} for ${row?.inputTokens} tokens`);
      // the budget settled at that cost instead of freeing the hold
      const spent = await stack.gateway.runtime.admit.counters.spent('team:support', day);
      assert.ok(Math.abs(spent - spentBefore - (row?.costUsd ?? 0)) < 1e-9, `spent ${spentBefore} → ${spent}, logged ${row?.costUsd}`);
    };
    await abandon(false);
    await abandon(true);
  });
});
