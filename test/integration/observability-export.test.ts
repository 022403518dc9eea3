// `traces: { otlp }`: the gateway registers the SDK itself and exports its spans over OTLP/HTTP (JSON) to a collector,
// here a server on 127.0.0.1 that keeps what it is sent. With `sample: 0` no trace of its own is kept, yet a caller's
// sampled trace is followed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

async function collector(t: { after(fn: () => Promise<void>): void }): Promise<{ url: string; posts: Array<{ headers: IncomingHttpHeaders; body: OtlpExport }> }> {
  const posts: Array<{ headers: IncomingHttpHeaders; body: OtlpExport }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) as OtlpExport });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, posts };
}

test('traces.otlp: spans reach the collector over OTLP/HTTP, with the service name, headers and the caller\'s trace', { timeout: 30_000 }, async (t) => {
  // the batch processor's delay, read by the SDK at start: a test need not wait the default 5 s
  process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
  const otlp = await collector(t);
  const stack = await startStack(t, {
    models: { chat: ['sim-openai/gpt-4o-mini'] },
    extra: { traces: { otlp: otlp.url, sample: 0, service_name: 'airlock-test', headers: { 'x-collector-token': 'collector-secret' } } },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'not sampled' }] });
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'sampled by the caller' }] }, { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });

  const spans = (): OtlpSpan[] => otlp.posts.flatMap((p) => p.body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
  const deadline = Date.now() + 10_000;
  while (spans().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const got = spans();
  assert.equal(got.length, 2, 'the server and vendor-call spans of the sampled request, none of the other');
  assert.ok(got.every((s) => s.traceId === traceId), 'the caller\'s trace');
  const server = got.find((s) => s.kind === 2);
  const client = got.find((s) => s.kind === 3);
  assert.equal(server?.name, 'POST /v1/chat/completions');
  assert.equal(server?.parentSpanId, 'b7ad6b7169203331');
  assert.equal(client?.name, 'chat gpt-4o-mini');
  const first = otlp.posts[0];
  assert.match(String(first?.headers['content-type']), /application\/json/);
  assert.equal(first?.headers['x-collector-token'], 'collector-secret');
  const service = first?.body.resourceSpans[0]?.resource.attributes.find((a) => a.key === 'service.name');
  assert.equal(service?.value.stringValue, 'airlock-test');
});
