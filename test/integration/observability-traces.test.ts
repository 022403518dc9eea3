// Traces: with an SDK registered (here the in-memory exporter and the W3C propagator), each data-plane request is
// one SERVER span, joined to the caller's trace, with a CLIENT span per vendor call under it; nothing of the prompt
// or the key is in any of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';
import { deadPort } from '../helpers/dead-port.ts';

// registered before any gateway starts: a gateway takes its tracer at start
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

const ms = (t: [number, number]): number => t[0] * 1000 + t[1] / 1e6;

/** The request's server span and its vendor-call spans, in order. */
function spansOf(requestId: string): { server: ReadableSpan; clients: ReadableSpan[] } {
  const all = exporter.getFinishedSpans();
  const servers = all.filter((s) => s.attributes['airlock.request_id'] === requestId);
  assert.equal(servers.length, 1, `one server span for ${requestId}`);
  const server = servers[0] as ReadableSpan;
  const clients = all.filter((s) => s.parentSpanContext?.spanId === server.spanContext().spanId).sort((a, b) => ms(a.startTime) - ms(b.startTime));
  return { server, clients };
}

test('traces: server and vendor-call spans for plain, fallback, streamed and traceparent requests', { timeout: 60_000 }, async (t) => {
  const dead = await deadPort();
  const stack = await startStack(t, {
    models: {
      chat: ['sim-openai/gpt-4o-mini'],
      broken: ['sim-openai/gpt-fail-500', 'sim-anthropic/claude-3-5-haiku-20241022'],
      refused: ['dead/gpt-4o-mini', 'sim-anthropic/claude-3-5-haiku-20241022'],
      slow: ['sim-anthropic/claude-chunk-delay-40'],
      embed: ['sim-openai/text-embedding-3-small'],
    },
    vendors: { dead: { protocol: 'openai', base_url: `http://127.0.0.1:${dead}/v1`, api_key: 'x', retry: { max_retries: 0 } } },
    // one call per target: the spans count calls
    retry: { max_retries: 0 },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });

  await t.test('a plain request: one server span, one client span, GenAI and airlock attributes', async () => {
    const { response } = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    const { server, clients } = spansOf(response.headers.get('x-airlock-request-id') ?? '');
    assert.equal(server.kind, SpanKind.SERVER);
    assert.equal(server.name, 'POST /v1/chat/completions');
    assert.equal(server.status.code, SpanStatusCode.UNSET);
    const a = server.attributes;
    assert.equal(a['http.response.status_code'], 200);
    assert.equal(a['gen_ai.operation.name'], 'chat');
    assert.equal(a['gen_ai.request.model'], 'chat');
    assert.equal(a['gen_ai.response.model'], 'gpt-4o-mini');
    assert.equal(a['gen_ai.provider.name'], 'openai');
    assert.equal(a['airlock.vendor'], 'sim-openai');
    assert.equal(a['airlock.key_name'], 'test-key');
    assert.equal(a['airlock.app'], 'tests');
    assert.equal(a['airlock.attempts'], 1);
    assert.equal(a['airlock.fallback'], false);
    assert.equal(a['airlock.policy_action'], 'allow');
    assert.ok(typeof a['gen_ai.usage.input_tokens'] === 'number' && a['gen_ai.usage.input_tokens'] > 0);
    assert.ok(typeof a['gen_ai.usage.output_tokens'] === 'number' && a['gen_ai.usage.output_tokens'] > 0);
    assert.ok(typeof a['airlock.cost_usd'] === 'number' && a['airlock.cost_usd'] > 0);
    assert.equal(clients.length, 1);
    const c = clients[0] as ReadableSpan;
    assert.equal(c.kind, SpanKind.CLIENT);
    assert.equal(c.name, 'chat gpt-4o-mini');
    assert.equal(c.spanContext().traceId, server.spanContext().traceId);
    assert.deepEqual(
      [c.attributes['airlock.vendor'], c.attributes['gen_ai.request.model'], c.attributes['gen_ai.response.model'], c.attributes['airlock.attempt'], c.attributes['http.response.status_code'], c.attributes['server.address']],
      ['sim-openai', 'gpt-4o-mini', 'gpt-4o-mini', 1, 200, '127.0.0.1'],
    );
    assert.equal(c.status.code, SpanStatusCode.UNSET);
  });

  for (const [model, errorType, status] of [['broken', 'upstream_error', 500], ['refused', 'upstream_unreachable', undefined]] as const) {
    await t.test(`fallback (${model}): two client spans under one server span, the first an error`, async () => {
      const { response } = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hello' }] }).withResponse();
      assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
      const { server, clients } = spansOf(response.headers.get('x-airlock-request-id') ?? '');
      assert.equal(clients.length, 2);
      const [first, second] = clients as [ReadableSpan, ReadableSpan];
      assert.equal(first.status.code, SpanStatusCode.ERROR);
      assert.equal(first.attributes['error.type'], errorType);
      assert.equal(first.attributes['http.response.status_code'], status);
      assert.equal(first.attributes['airlock.attempt'], 1);
      assert.equal(second.status.code, SpanStatusCode.UNSET);
      assert.equal(second.attributes['airlock.vendor'], 'sim-anthropic');
      assert.equal(second.attributes['gen_ai.provider.name'], 'anthropic');
      assert.equal(second.attributes['airlock.attempt'], 2);
      assert.equal(server.attributes['airlock.fallback'], true);
      assert.equal(server.attributes['airlock.attempts'], 2);
      assert.equal(server.status.code, SpanStatusCode.UNSET, 'the request itself was answered');
    });
  }

  await t.test('a streamed request: the server span ends after the last chunk and carries the usage', async () => {
    const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
    const { data: stream, response } = await anthropic.messages.create({ model: 'slow', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'one two three four five' }] }).withResponse();
    let first: number | null = null;
    for await (const ev of stream) if (ev.type === 'content_block_delta') first ??= performance.timeOrigin + performance.now();
    const { server, clients } = spansOf(response.headers.get('x-airlock-request-id') ?? '');
    assert.equal(server.name, 'POST /v1/messages');
    assert.ok(first !== null);
    // chunks 40 ms apart: a span that ended with the headers would end before the first chunk reached the caller
    assert.ok(ms(server.endTime) > first + 60, `ended ${Math.round(ms(server.endTime) - first)} ms after the first chunk`);
    assert.equal(server.attributes['airlock.stream'], true);
    assert.ok(typeof server.attributes['gen_ai.usage.output_tokens'] === 'number' && server.attributes['gen_ai.usage.output_tokens'] > 0);
    assert.equal(clients.length, 1);
    // the vendor call's span covers the relayed stream too
    assert.ok(ms((clients[0] as ReadableSpan).endTime) > first + 60);
    assert.equal((clients[0] as ReadableSpan).status.code, SpanStatusCode.UNSET);
  });

  await t.test("a caller's traceparent: the request joins the caller's trace", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    const { response } = await openai.chat.completions
      .create({ model: 'chat', messages: [{ role: 'user', content: 'hello' }] }, { headers: { traceparent: `00-${traceId}-${parent}-01` } })
      .withResponse();
    const { server, clients } = spansOf(response.headers.get('x-airlock-request-id') ?? '');
    assert.equal(server.spanContext().traceId, traceId);
    assert.equal(server.parentSpanContext?.spanId, parent);
    assert.equal(clients[0]?.spanContext().traceId, traceId);
  });

  await t.test('embeddings: a server span named for its operation', async () => {
    const { response } = await openai.embeddings.create({ model: 'embed', input: 'hello' }).withResponse();
    const { server, clients } = spansOf(response.headers.get('x-airlock-request-id') ?? '');
    assert.equal(server.name, 'POST /v1/embeddings');
    assert.equal(server.attributes['gen_ai.operation.name'], 'embeddings');
    assert.equal(clients[0]?.name, 'embeddings text-embedding-3-small');
  });

  await t.test('no span holds the prompt, an email in it, or the virtual key; a refusal is named by its code', async () => {
    const email = 'grace.hopper@navy.example';
    const prompt = `please forward the quarterly figures to ${email} today`;
    const secret = 'sk-proj-' + 'Qw8Er4Ty6Ui2Op0As3Df5Gh7Jk9Lz1Xc3Vb5Nm7Qw9Er2Ty4Ui6Op8As0Df2Gh';
    exporter.reset();
    const { response } = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: prompt }] }).withResponse();
    const blocked = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: `use ${secret}` }] }).catch((e: unknown) => e);
    assert.ok(blocked instanceof OpenAI.PermissionDeniedError);
    const answered = spansOf(response.headers.get('x-airlock-request-id') ?? '').server;
    assert.deepEqual(answered.attributes['airlock.data_classes'], ['personal']);
    const refused = spansOf(blocked.headers.get('x-airlock-request-id') ?? '').server;
    assert.equal(refused.attributes['error.type'], 'policy_blocked');
    assert.equal(refused.attributes['airlock.policy_action'], 'block');
    assert.ok((refused.attributes['airlock.data_classes'] as string[]).includes('credentials'));
    const everything = JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events, links: s.links })));
    for (const raw of [prompt, 'quarterly figures', email, 'grace.hopper', secret.slice(8, 40), KEY]) assert.ok(!everything.includes(raw), `${raw.slice(0, 12)}… is in a span`);
  });
});
