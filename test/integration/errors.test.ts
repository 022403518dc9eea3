// Errors come back in the caller's wire format with the status that makes each official SDK do the right thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

test('error shapes and statuses', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, { models: { 'via-openai': ['sim-openai/gpt-4o-mini'], 'via-anthropic': ['sim-anthropic/claude-3-5-haiku-20241022'], 'bad-request': ['sim-openai/gpt-fail-400'] } });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });

  await t.test('wrong or missing key → 401, not retried, in each SDK’s class', async () => {
    const bad = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'sk-wrong', maxRetries: 2 });
    const err = await bad.chat.completions.create({ model: 'via-openai', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.AuthenticationError);
    assert.equal(err.type, 'authentication_error');
    assert.ok(err.requestID);
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.doesNotMatch(JSON.stringify(err.error), /sk-wrong/);
    const aerr = await new Anthropic({ baseURL: stack.url, apiKey: 'sk-wrong', maxRetries: 0 }).messages
      .create({ model: 'via-anthropic', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    assert.ok(aerr instanceof Anthropic.AuthenticationError);
    const none = await post(`${stack.url}/v1/messages`, '{}');
    assert.equal(none.status, 401);
    assert.deepEqual(Object.keys(none.json).sort(), ['error', 'request_id', 'type']);
  });

  await t.test('x-api-key is not accepted on OpenAI routes', async () => {
    const r = await post(`${stack.url}/v1/chat/completions`, '{}', { 'x-api-key': KEY });
    assert.equal(r.status, 401);
  });

  await t.test('unknown model → 404 naming the param', async () => {
    const err = await openai.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.NotFoundError);
    assert.equal(err.param, 'model');
    const aerr = await anthropic.messages.create({ model: 'nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(aerr instanceof Anthropic.NotFoundError);
  });

  await t.test('malformed requests → 400 naming the field, in both formats', async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const noMessages = await post(`${stack.url}/v1/chat/completions`, JSON.stringify({ model: 'via-openai' }), auth);
    assert.equal(noMessages.status, 400);
    const e = noMessages.json.error as { type: string; param: string | null; message: string; code: string };
    assert.equal(e.type, 'invalid_request_error');
    assert.match(String(e.param), /messages/);
    assert.equal(noMessages.headers.get('x-should-retry'), 'false');
    const notJson = await post(`${stack.url}/v1/chat/completions`, '{"model":', auth);
    assert.equal(notJson.status, 400);
    const noMax = await post(`${stack.url}/v1/messages`, JSON.stringify({ model: 'via-anthropic', messages: [{ role: 'user', content: 'x' }] }), auth);
    assert.equal(noMax.status, 400);
    assert.equal((noMax.json.error as { type: string }).type, 'invalid_request_error');
    assert.match((noMax.json.error as { message: string }).message, /max_tokens/);
  });

  await t.test('n > 1 to a vendor without it → 400 param n; to OpenAI it works', async () => {
    const err = await openai.chat.completions.create({ model: 'via-anthropic', n: 2, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.param, 'n');
    const two = await openai.chat.completions.create({ model: 'via-openai', n: 2, messages: [{ role: 'user', content: 'x' }] });
    assert.deepEqual(two.choices.map((c) => c.index), [0, 1]);
  });

  await t.test('a vendor 400 is passed through as 400 and not retried nor failed over', async () => {
    const before = stack.sims.openai.received.length;
    const err = await openai.chat.completions.create({ model: 'bad-request', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(stack.sims.openai.received.length - before, 1);
  });

  await t.test('body too large → 413; unknown route → 404; wrong method → 405', async () => {
    const big = await post(`${stack.url}/v1/chat/completions`, JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'a'.repeat(33 * 1024 * 1024) }] }), { authorization: `Bearer ${KEY}` });
    assert.equal(big.status, 413);
    const missing = await fetch(`${stack.url}/v1/nothing`, { headers: { authorization: `Bearer ${KEY}` } });
    assert.equal(missing.status, 404);
    assert.ok(((await missing.json()) as { error: unknown }).error);
    const wrong = await fetch(`${stack.url}/v1/chat/completions`);
    assert.equal(wrong.status, 405);
  });

  await t.test('a route no endpoint owns answers an Anthropic client in its own shape: message batches are a 404 saying why', async () => {
    const batch = await anthropic.messages.batches
      .create({ requests: [{ custom_id: 'a', params: { model: 'via-anthropic', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } }] })
      .catch((e: unknown) => e);
    assert.ok(batch instanceof Anthropic.NotFoundError, String(batch));
    assert.equal((batch.error as { type?: string; error?: { type?: string } }).type, 'error');
    assert.equal((batch.error as { error?: { type?: string } }).error?.type, 'not_found_error');
    assert.match(batch.message, /keeps no message batches/);
    assert.equal(batch.headers.get('x-should-retry'), 'false');
    const files = await fetch(`${stack.url}/v1/files`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
    assert.equal(files.status, 404);
    assert.equal(((await files.json()) as { type: string }).type, 'error');
  });

  await t.test('a body in several chunks parses; a chunked body over the limit → 413; a half-sent body is dropped', async () => {
    const { hostname, port } = new URL(stack.url);
    const chunked = (parts: string[], end: boolean): Promise<{ status: number; body: string } | 'closed'> =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: hostname, port, method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', (err) => (end ? reject(err) : resolve('closed')));
        for (const p of parts) req.write(p);
        if (end) req.end();
        else setTimeout(() => { req.destroy(); resolve('closed'); }, 50);
      });
    const text = JSON.stringify({ model: 'via-openai', messages: [{ role: 'user', content: 'in three parts' }] });
    const ok = await chunked([text.slice(0, 10), text.slice(10, 30), text.slice(30)], true);
    assert.ok(ok !== 'closed');
    assert.equal(ok.status, 200);
    assert.equal((JSON.parse(ok.body) as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'echo: in three parts');
    // no content-length: the limit is enforced while reading (32 MiB by default)
    const mib = 'a'.repeat(1024 * 1024);
    const big = await chunked([`{"model":"via-openai","messages":[{"role":"user","content":"`, ...Array.from({ length: 33 }, () => mib), '"}]}'], true);
    assert.ok(big !== 'closed');
    assert.equal(big.status, 413);
    assert.match(big.body, /larger than/);
    assert.equal(await chunked([text.slice(0, 20)], false), 'closed');
  });

  await t.test('a tool schema nested deeper than Airlock can validate → 400 in each format, not a 500', async () => {
    const deep = (levels: number): string => '{"type":"object","properties":{"a":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels);
    const openaiBody = `{"model":"via-openai","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deep(20_000)}}}]}`;
    const o = await post(`${stack.url}/v1/chat/completions`, openaiBody, { authorization: `Bearer ${KEY}` });
    assert.equal(o.status, 400);
    assert.deepEqual(o.json.error, { message: 'the request body is nested too deeply', type: 'invalid_request_error', param: null, code: 'invalid_request' });
    const anthropicBody = `{"model":"via-anthropic","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"f","input_schema":${deep(20_000)}}]}`;
    const a = await post(`${stack.url}/v1/messages`, anthropicBody, { 'x-api-key': KEY });
    assert.equal(a.status, 400);
    assert.equal((a.json.error as { type: string }).type, 'invalid_request_error');
    // a schema a few levels deep, as real tools have, still goes through
    const fine = await post(`${stack.url}/v1/chat/completions`, openaiBody.replace(deep(20_000), deep(8)), { authorization: `Bearer ${KEY}` });
    assert.equal(fine.status, 200);
  });

  await t.test('the process survives all of the above', async () => {
    const ok = await openai.chat.completions.create({ model: 'via-openai', messages: [{ role: 'user', content: 'still here' }] });
    assert.equal(ok.choices[0]?.message.content, 'echo: still here');
  });
});
