// Failed calls a vendor may bill: a first-byte timeout after it had the request, or a 2xx answer that never arrived
// whole. Airlock never reads their usage, so each is charged its input (counted locally, priced at that vendor) on top
// of the answer: in the cost header, the request log, the team budget and each vendor's own budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

const o200k = (createRequire(import.meta.url)('tiktoken') as typeof import('tiktoken')).get_encoding('o200k_base');
const PROMPT = 'summarise the quarterly numbers for the board';
const INPUT = o200k.encode_ordinary(PROMPT).length;
// USD per million tokens: the slow vendor is dear, so its share is easy to tell apart
const SLOW = { input: 50_000, output: 50_000 };
const FAST = { input: 1_000, output: 2_000 };
const usd = (tokens: number, perMillion: number): number => (tokens * perMillion) / 1e6;

test('failed calls a vendor may bill are charged, apart and in total', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: {
      // the first target answers after 3 s; its first-byte timeout is 200 ms (undici checks it about every half second)
      fallback: ['slow/gpt-latency-3000', 'sim-anthropic/claude-sim'],
      'all-slow': ['slow/gpt-latency-3000'],
      refused: ['sim-openai/gpt-fail-503', 'sim-anthropic/claude-sim'],
    },
    vendors: {
      slow: {
        protocol: 'openai',
        api_key: 'k',
        review: { status: 'approved', approved_data: ['public', 'internal', 'personal'] },
        timeouts: { first_byte_ms: 200 },
        retry: { max_retries: 0 },
        budget: { usd: 10_000, per: 'day', on_exceed: 'block' },
      },
    },
    retry: { max_retries: 0 },
    extra: {
      prices: { 'slow/gpt-latency-3000': SLOW, 'sim-anthropic/claude-sim': FAST, 'sim-openai/gpt-fail-503': SLOW },
      teams: { support: { budget: { usd: 10_000, per: 'day', on_exceed: 'block' } } },
      apps: { tests: { team: 'support' } },
    },
    // the slow vendor is the OpenAI simulator under another name, with its own timeout and budget
    baseUrls: { slow: 'openai' },
  });
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const day = new Date().toISOString().slice(0, 10);
  const spent = (scope: string): Promise<number> => stack.gateway.runtime.admit.counters.spent(scope, day);
  const settled = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r, 50));
    await stack.gateway.store.sink.flush();
  };

  await t.test('a first-byte timeout, then an answer: both charged; the slow vendor\'s budget takes its share', async () => {
    const teamBefore = await spent('team:support');
    const vendorBefore = await spent('vendor:slow');
    const { data, response } = await client.chat.completions.create({ model: 'fallback', max_tokens: 50, messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
    assert.equal(response.headers.get('x-airlock-attempts'), '2');
    const answer = usd(data.usage?.prompt_tokens ?? 0, FAST.input) + usd(data.usage?.completion_tokens ?? 0, FAST.output);
    const failed = usd(INPUT, SLOW.input);
    assert.equal(Number(response.headers.get('x-airlock-cost-usd')), Number((answer + failed).toFixed(8)));
    await settled();
    const row = (await stack.gateway.store.requestLog.byId(response.headers.get('x-airlock-request-id') ?? ''));
    assert.ok(row !== undefined);
    assert.ok(Math.abs((row.failedCostUsd ?? 0) - failed) < 1e-12, `failed ${row.failedCostUsd} vs ${failed}`);
    assert.ok(Math.abs((row.costUsd ?? 0) - (answer + failed)) < 1e-12);
    assert.ok(Math.abs((await spent('team:support')) - teamBefore - (answer + failed)) < 1e-9);
    assert.ok(Math.abs((await spent('vendor:slow')) - vendorBefore - failed) < 1e-9, 'the slow vendor is charged its failed call');
  });

  await t.test('every target timed out: the caller gets a 503 naming the timeout, and the failed call is still charged', async () => {
    const vendorBefore = await spent('vendor:slow');
    const err = await client.chat.completions.create({ model: 'all-slow', max_tokens: 50, messages: [{ role: 'user', content: PROMPT }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.APIError && err.status === 503, String(err));
    assert.match(err.message, /upstream_timeout/);
    await settled();
    const row = (await stack.gateway.store.requestLog.recent(1))[0];
    assert.equal(row?.status, 503);
    assert.ok(Math.abs((row?.costUsd ?? 0) - usd(INPUT, SLOW.input)) < 1e-12);
    assert.equal(row?.failedCostUsd, row?.costUsd);
    assert.ok(Math.abs((await spent('vendor:slow')) - vendorBefore - usd(INPUT, SLOW.input)) < 1e-9);
  });

  await t.test('a vendor that refused the call (503) bills nothing: only the answer is charged', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'refused', max_tokens: 50, messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    const answer = usd(data.usage?.prompt_tokens ?? 0, FAST.input) + usd(data.usage?.completion_tokens ?? 0, FAST.output);
    assert.equal(Number(response.headers.get('x-airlock-cost-usd')), Number(answer.toFixed(8)));
    await settled();
    const row = (await stack.gateway.store.requestLog.byId(response.headers.get('x-airlock-request-id') ?? ''));
    assert.ok(row !== undefined);
    assert.equal(row.failedCostUsd, undefined);
    assert.equal(row.attempts, 2, 'the refused call was made, and is not charged');
  });

  await t.test('streamed: the failed call before the stream opened is charged too', async () => {
    const stream = await client.chat.completions
      .create({ model: 'fallback', stream: true, stream_options: { include_usage: true }, max_tokens: 50, messages: [{ role: 'user', content: PROMPT }] })
      .withResponse();
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream.data) usage = chunk.usage ?? usage;
    await settled();
    const row = (await stack.gateway.store.requestLog.byId(stream.response.headers.get('x-airlock-request-id') ?? ''));
    const answer = usd(usage?.prompt_tokens ?? 0, FAST.input) + usd(usage?.completion_tokens ?? 0, FAST.output);
    assert.ok(Math.abs((row?.failedCostUsd ?? 0) - usd(INPUT, SLOW.input)) < 1e-12);
    assert.ok(Math.abs((row?.costUsd ?? 0) - answer - usd(INPUT, SLOW.input)) < 1e-12);
  });
});
