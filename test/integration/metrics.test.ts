// GET /metrics: Prometheus text behind the admin token, with requests by vendor and status, breaker state and
// transitions per vendor and model; and the same transitions in `airlock status` (GET /admin/status).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { renderStatus } from '../../src/cli/status.ts';
import { KEY, startStack } from '../helpers/stack.ts';

const ADMIN = 'metrics-admin-token';

test('prometheus metrics and breaker transitions in status', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { flaky: ['sim-gemini/gemini-fail-500', 'sim-anthropic/claude-haiku-4-5-20251001'], current: ['sim-openai/gpt-4o-mini'] },
    retry: { max_retries: 0 },
    extra: { admin_token: ADMIN, breaker: { min_requests: 4 } },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const scrape = (token?: string): Promise<Response> => fetch(`${stack.url}/metrics`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

  await t.test('the admin token is required', async () => {
    assert.equal((await scrape()).status, 401);
    assert.equal((await scrape('wrong')).status, 401);
    const ok = await scrape(ADMIN);
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    assert.match(await ok.text(), /^# TYPE airlock_requests_total counter$/m);
  });

  await t.test('requests by route, model, vendor and status; breaker state and transitions', async () => {
    for (let i = 0; i < 3; i++) await openai.chat.completions.create({ model: 'current', messages: [{ role: 'user', content: 'hi' }] });
    for (let i = 0; i < 5; i++) await openai.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'hi' }] });
    // names the config does not define share one series: a caller cannot grow the label set
    await assert.rejects(openai.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }), /404/);
    await assert.rejects(openai.chat.completions.create({ model: 'nope-2', messages: [{ role: 'user', content: 'hi' }] }), /404/);
    const text = await (await scrape(ADMIN)).text();
    assert.match(text, /^airlock_requests_total\{route="chat.completions",model="current",vendor="sim-openai",status="200",code=""\} 3$/m);
    assert.match(text, /^airlock_requests_total\{route="chat.completions",model="flaky",vendor="sim-anthropic",status="200",code=""\} 5$/m);
    assert.match(text, /^airlock_requests_total\{route="chat.completions",model="",vendor="",status="404",code="model_not_found"\} 2$/m);
    assert.doesNotMatch(text, /model="nope/);
    // four failures at gemini opened its circuits (min_requests 4); the fifth request skipped it
    assert.match(text, /^airlock_fallback_requests_total\{model="flaky"\} 4$/m);
    assert.match(text, /^airlock_breaker_state\{vendor="sim-gemini",model=""\} 2$/m);
    assert.match(text, /^airlock_breaker_state\{vendor="sim-gemini",model="gemini-fail-500"\} 2$/m);
    assert.match(text, /^airlock_breaker_state\{vendor="sim-openai",model=""\} 0$/m);
    assert.match(text, /^airlock_breaker_transitions_total\{vendor="sim-gemini",model="",from="closed",to="open",source="local"\} 1$/m);
    assert.match(text, /^airlock_tokens_total\{vendor="sim-openai",model="gpt-4o-mini",kind="input"\} \d+$/m);
    assert.match(text, /^airlock_cost_usd_total\{vendor="sim-openai",model="gpt-4o-mini"\} [\d.e-]+$/m);
    assert.match(text, /^airlock_request_duration_seconds_count\{route="chat.completions",vendor="sim-openai"\} 3$/m);
    assert.match(text, /^airlock_process_cpu_seconds_total /m, 'the process metrics are there too');
    assert.doesNotMatch(text, new RegExp(`${KEY}|sim-vendor-key|${ADMIN}`), 'no key or token in the metrics');
  });

  await t.test('airlock status lists the transitions, newest first', async () => {
    const status = (await (await fetch(`${stack.url}/admin/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
      breakerTransitions: { vendor: string; model?: string; from: string; to: string; at: string }[];
    };
    assert.deepEqual(status.breakerTransitions.map((x) => `${x.vendor}/${x.model ?? ''}:${x.from}>${x.to}`), ['sim-gemini/gemini-fail-500:closed>open', 'sim-gemini/:closed>open']);
    assert.match(status.breakerTransitions[0]?.at ?? '', /^\d{4}-\d{2}-\d{2}T/);
    const printed = renderStatus(status as unknown as Parameters<typeof renderStatus>[0]);
    assert.match(printed, /recent breaker transitions, newest first\n.*\n.*sim-gemini +gemini-fail-500 +closed +open +this instance/);
  });
});
