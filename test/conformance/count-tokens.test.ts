// POST /v1/messages/count_tokens and /v1/responses/input_tokens: the SDKs' token counts against every out-protocol. Vendors with
// a count endpoint (Anthropic, Gemini) answer it exactly; OpenAI-protocol targets are counted locally with o200k.
// Governance, fallback and the record apply as to a call, since the vendor receives the prompt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';
import { PROMPT, WEATHER_SCHEMA, inputTokens } from './shared.ts';

// an independent o200k count, straight from tiktoken
const o200k = (createRequire(import.meta.url)('tiktoken') as typeof import('tiktoken')).get_encoding('o200k_base');
const tokensOf = (text: string): number => o200k.encode_ordinary(text).length;

// synthetic values made up for these tests
const EMAIL = 'ada.lovelace@analytical.example';
const SECRET = 'sk-proj-' + 'Q7vT2mX9kL4pR8sW1nB6yZ3cF5hJ0dG2aE7uK9iM4oN1qV8xT6rS3wP5lY2bC7';

const MODELS: Record<string, string[]> = {
  'via-openai': ['sim-openai/gpt-4o-mini'],
  'via-anthropic': ['sim-anthropic/claude-sim'],
  'via-gemini': ['sim-gemini/gemini-sim'],
  // the first vendor fails every call: the count falls back as a call would
  'anthropic-down-then-gemini': ['sim-anthropic/claude-fail-500', 'sim-gemini/gemini-sim'],
  'anthropic-down-then-openai': ['sim-anthropic/claude-fail-503', 'sim-openai/gpt-4o-mini'],
  'anthropic-rejects': ['sim-anthropic/claude-fail-400', 'sim-gemini/gemini-sim'],
};

const tools: Anthropic.Tool[] = [{ name: 'get_weather', description: 'weather', input_schema: WEATHER_SCHEMA }];

test('Anthropic SDK messages.countTokens × every out-protocol', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, {
    models: MODELS,
    // personal data is not approved at the vendors: the policy pseudonymizes it on the way out
    reviews: {
      'sim-anthropic': { status: 'approved', approved_data: ['public', 'internal'] },
      'sim-gemini': { status: 'approved', approved_data: ['public', 'internal'] },
    },
    extra: { data_policy: { credentials: 'block', personal: 'pseudonymize' } },
  });
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const messages: Anthropic.MessageParam[] = [
    { role: 'user', content: PROMPT },
    { role: 'assistant', content: 'noted' },
    { role: 'user', content: 'and the weather?' },
  ];

  for (const out of ['anthropic', 'gemini'] as const) {
    await t.test(`${out}: the vendor's own count, equal to what a call is billed`, async () => {
      const model = `via-${out}`;
      const before = stack.sims[out].received.length;
      const { data, response } = await client.messages.countTokens({ model, system: 'be brief', messages, tools }).withResponse();
      const billed = await client.messages.create({ model, max_tokens: 100, system: 'be brief', messages, tools });
      assert.equal(data.input_tokens, billed.usage.input_tokens);
      assert.equal(data.input_tokens, inputTokens('be brief'.length + PROMPT.length + 'noted'.length + 'and the weather?'.length));
      assert.equal(response.headers.get('x-airlock-count-source'), 'vendor');
      assert.equal(response.headers.get('x-airlock-vendor'), `sim-${out}`);
      assert.equal(response.headers.get('x-airlock-attempts'), '1');
      assert.equal(response.headers.get('x-request-id'), response.headers.get('x-airlock-request-id'));
      assert.equal(response.headers.get('x-airlock-cost-usd'), null, 'a count is not billed');
      assert.equal(stack.sims[out].received.length, before + 2, 'one count request, one call');
    });
  }

  await t.test('anthropic: the vendor receives a count request, with the vendor model and no answer settings', async () => {
    await client.messages.countTokens({ model: 'via-anthropic', system: 'be brief', messages, tools, tool_choice: { type: 'any' } });
    const got = stack.sims.anthropic.received.at(-1);
    assert.equal(got?.path, '/v1/messages/count_tokens');
    assert.equal(got?.headers['anthropic-version'], '2023-06-01');
    const body = got?.body as Record<string, unknown>;
    assert.equal(body.model, 'claude-sim');
    assert.deepEqual(body.system, [{ type: 'text', text: 'be brief' }]);
    assert.equal((body.messages as unknown[]).length, 3);
    assert.equal((body.tools as { name: string }[])[0]?.name, 'get_weather');
    assert.deepEqual(body.tool_choice, { type: 'any' });
    for (const key of ['max_tokens', 'stream', 'temperature']) assert.equal(key in body, false, key);
  });

  await t.test('gemini: the vendor receives the whole generateContentRequest, system instruction and tools included', async () => {
    await client.messages.countTokens({ model: 'via-gemini', system: 'be brief', messages, tools });
    const got = stack.sims.gemini.received.at(-1);
    assert.equal(got?.path, '/v1beta/models/gemini-sim:countTokens');
    const request = (got?.body as { generateContentRequest: Record<string, unknown> }).generateContentRequest;
    assert.equal(request.model, 'models/gemini-sim');
    assert.deepEqual(request.systemInstruction, { parts: [{ text: 'be brief' }] });
    assert.equal((request.contents as unknown[]).length, 3);
    assert.ok(Array.isArray(request.tools));
  });

  await t.test('openai: counted locally with o200k and OpenAI chat framing; nothing is sent', async () => {
    const before = stack.sims.openai.received.length;
    const { data, response } = await client.messages.countTokens({ model: 'via-openai', system: 'be brief', messages }).withResponse();
    // 3 tokens of framing per message (system included), 3 to prime the answer
    const expected = 3 + 3 * 4 + tokensOf('be brief') + tokensOf(PROMPT) + tokensOf('noted') + tokensOf('and the weather?');
    assert.equal(data.input_tokens, expected);
    assert.equal(response.headers.get('x-airlock-count-source'), 'local');
    assert.equal(response.headers.get('x-airlock-vendor'), null);
    assert.equal(response.headers.get('x-airlock-attempts'), '0');
    assert.equal(stack.sims.openai.received.length, before);
    const withTools = await client.messages.countTokens({ model: 'via-openai', system: 'be brief', messages, tools });
    assert.equal(withTools.input_tokens, expected + tokensOf('weather') + tokensOf(JSON.stringify(WEATHER_SCHEMA)) + tokensOf('get_weather'));
  });

  await t.test('fallback: a vendor that fails is retried, then the next target counts', async () => {
    const { data, response } = await client.messages.countTokens({ model: 'anthropic-down-then-gemini', messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.equal(data.input_tokens, inputTokens(PROMPT.length));
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-gemini');
    // the stack allows one retry per target: two failed calls, then the one that answered
    assert.equal(response.headers.get('x-airlock-attempts'), '3');
    const local = await client.messages.countTokens({ model: 'anthropic-down-then-openai', messages: [{ role: 'user', content: PROMPT }] }).withResponse();
    assert.equal(local.data.input_tokens, 3 + 3 + tokensOf(PROMPT));
    assert.equal(local.response.headers.get('x-airlock-count-source'), 'local');
    assert.equal(local.response.headers.get('x-airlock-attempts'), '2');
  });

  await t.test('a vendor that rejects the request itself ends the count with its error, as a call would', async () => {
    const before = stack.sims.gemini.received.length;
    const err = await client.messages.countTokens({ model: 'anthropic-rejects', messages: [{ role: 'user', content: PROMPT }] }).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.BadRequestError, String(err));
    assert.equal(stack.sims.gemini.received.length, before);
  });

  await t.test('governance: pseudonymized at the vendor, and a secret blocked before any vendor', async () => {
    const plain = await client.messages.countTokens({ model: 'via-anthropic', messages: [{ role: 'user', content: `write to ${EMAIL}` }] }).withResponse();
    const sent = JSON.stringify(stack.sims.anthropic.received.at(-1)?.body);
    assert.doesNotMatch(sent, /ada\.lovelace/);
    assert.match(sent, /<EMAIL_1>/);
    // the count is of what the vendor may receive: the placeholder, not the address
    assert.equal(plain.data.input_tokens, inputTokens('write to <EMAIL_1>'.length));
    assert.equal(plain.response.headers.get('x-airlock-redactions'), '1');
    const before = stack.sims.anthropic.received.length;
    const err = await client.messages.countTokens({ model: 'via-anthropic', messages: [{ role: 'user', content: `key ${SECRET}` }] }).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.PermissionDeniedError, String(err));
    assert.match(err.message, /credentials/);
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.equal(stack.sims.anthropic.received.length, before, 'nothing reached the vendor');
  });

  await t.test('errors in the Anthropic shape: answer settings, a bad body, no key, a wrong method', async () => {
    const res = await fetch(`${stack.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'via-anthropic', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(body.error.message, 'max_tokens: Extra inputs are not permitted');
    const noMessages = await client.messages.countTokens({ model: 'via-anthropic' } as unknown as Anthropic.MessageCountTokensParams).catch((e: unknown) => e);
    assert.ok(noMessages instanceof Anthropic.BadRequestError);
    assert.match(noMessages.message, /messages/);
    const anonymous = new Anthropic({ baseURL: stack.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const unauthorized = await anonymous.messages.countTokens({ model: 'via-anthropic', messages }).catch((e: unknown) => e);
    assert.ok(unauthorized instanceof Anthropic.AuthenticationError);
    const get = await fetch(`${stack.url}/v1/messages/count_tokens`, { headers: { 'x-api-key': KEY } });
    assert.equal(get.status, 405);
    assert.equal(((await get.json()) as { type: string }).type, 'error');
  });

  await t.test('recorded: one request-log row per count, no tokens or cost billed; a data flow where a vendor got it', async () => {
    await stack.gateway.store.sink.flush();
    const rows = (await stack.gateway.store.requestLog.recent(1000)).filter((r) => r.route === 'messages.count_tokens');
    const local = rows.filter((r) => r.status === 200 && r.vendor === null);
    const remote = rows.filter((r) => r.status === 200 && r.vendor !== null);
    assert.ok(local.length >= 3 && remote.length >= 5, `${local.length} local, ${remote.length} remote`);
    for (const r of rows) {
      assert.equal(r.inputTokens, null);
      assert.equal(r.costUsd, null);
    }
    const flows = new Map((await stack.gateway.store.dataFlows.since(0)).map((f) => [f.requestId, f]));
    for (const r of remote) assert.equal(flows.get(r.requestId)?.vendor, r.vendor);
    // counted locally without trying a vendor first: no vendor got the prompt
    const untried = local.filter((l) => l.attempts === 0);
    assert.ok(untried.length >= 2);
    for (const r of untried) assert.equal(flows.get(r.requestId)?.vendor ?? null, null);
    // counted locally after a vendor failed: that vendor got it
    assert.ok(local.some((l) => l.attempts === 2 && flows.get(l.requestId)?.vendor === 'sim-anthropic'));
    const pseudonymized = [...flows.values()].find((f) => f.action === 'pseudonymize' && f.vendor === 'sim-anthropic');
    assert.deepEqual(pseudonymized?.classes, { personal: 1 });
  });
});

test('openai SDK responses.inputTokens.count × every out-protocol', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, { models: { 'via-openai': MODELS['via-openai'] ?? [], 'via-anthropic': MODELS['via-anthropic'] ?? [], 'via-gemini': MODELS['via-gemini'] ?? [] } });
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });

  for (const out of ['anthropic', 'gemini'] as const) {
    await t.test(`${out}: the vendor's count, equal to what a Responses call is billed`, async () => {
      const params = { model: `via-${out}`, instructions: 'be brief', input: PROMPT };
      const { data, response } = await client.responses.inputTokens.count(params).withResponse();
      const billed = await client.responses.create(params);
      assert.deepEqual(data, { object: 'response.input_tokens', input_tokens: billed.usage?.input_tokens });
      assert.equal(response.headers.get('x-airlock-count-source'), 'vendor');
      assert.equal(response.headers.get('x-airlock-vendor'), `sim-${out}`);
    });
  }

  await t.test('openai: counted locally with o200k', async () => {
    const before = stack.sims.openai.received.length;
    const { data, response } = await client.responses.inputTokens.count({ model: 'via-openai', instructions: 'be brief', input: PROMPT, truncation: 'auto' }).withResponse();
    assert.equal(data.input_tokens, 3 + 3 * 2 + tokensOf('be brief') + tokensOf(PROMPT));
    assert.equal(response.headers.get('x-airlock-count-source'), 'local');
    assert.equal(stack.sims.openai.received.length, before);
  });

  await t.test('refusals in the OpenAI shape: answer settings, stored state', async () => {
    const settings = await client.responses.inputTokens.count({ model: 'via-openai', input: PROMPT, max_output_tokens: 5 } as OpenAI.Responses.InputTokenCountParams).catch((e: unknown) => e);
    assert.ok(settings instanceof OpenAI.BadRequestError, String(settings));
    assert.equal((settings.error as { param?: string }).param, 'max_output_tokens');
    const stored = await client.responses.inputTokens.count({ model: 'via-openai', previous_response_id: 'resp_1', input: PROMPT }).catch((e: unknown) => e);
    assert.ok(stored instanceof OpenAI.BadRequestError, String(stored));
    assert.equal((stored.error as { param?: string }).param, 'previous_response_id');
  });
});

test('a count is a request: it counts against requests per minute, and a refused one reaches no vendor', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, { models: { 'via-anthropic': MODELS['via-anthropic'] ?? [] }, extra: { apps: { tests: { rate: { rpm: 3, tpm: 1000 } } } } });
  // rate windows are whole minutes: the five requests below must fall in one
  const toNextMinute = 60_000 - (Date.now() % 60_000);
  if (toNextMinute < 5_000) await new Promise((resolve) => setTimeout(resolve, toNextMinute + 100));
  const client = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const params = { model: 'via-anthropic', messages: [{ role: 'user' as const, content: 'How many tokens is this question?' }] };
  const { response } = await client.messages.countTokens(params).withResponse();
  assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '2');
  // no tokens taken from the minute's allowance
  assert.equal(response.headers.get('x-ratelimit-remaining-tokens'), '1000');
  await client.messages.countTokens(params);
  await client.messages.countTokens(params);
  const before = stack.sims.anthropic.received.length;
  await assert.rejects(client.messages.countTokens(params), (err: unknown) => {
    assert.ok(err instanceof Anthropic.RateLimitError, String(err));
    assert.match(err.message, /rate limit reached for app tests: 3 requests per minute/);
    assert.ok(Number(err.headers?.get('retry-after')) > 0);
    return true;
  });
  assert.equal(stack.sims.anthropic.received.length, before);
  // the same window holds calls: the fourth request of the minute, a message, is refused too
  await assert.rejects(client.messages.create({ ...params, max_tokens: 5 }), (err: unknown) => err instanceof Anthropic.RateLimitError && /3 requests per minute/.test(err.message));
});
