#!/usr/bin/env node
// Copied unchanged from ../shared/bench/mock-upstream.mjs (see README.md).
// Mock AI vendor on node:http, no framework. Speaks just enough of two wire formats:
//   POST /v1/chat/completions  OpenAI chat.completion JSON, or SSE chunks (+ usage chunk, [DONE])
//   POST /v1/messages          Anthropic message JSON, or the Anthropic SSE event sequence
//   GET  /v1/models, GET /health, GET /__stats (request counters, to prove traffic reached us)
// Knobs (flag / env): --port MOCK_PORT (18080), --host MOCK_HOST (127.0.0.1),
//   --latency MOCK_LATENCY_MS (0, delay before the response head),
//   --chunks MOCK_CHUNKS (20 content chunks per stream), --chunk-delay MOCK_CHUNK_DELAY_MS (0).
// Per request, a model name containing "-latency-N" or "-delay-N" overrides latency / chunk delay
// (e.g. "mock-delay-20"), so one mock serves both throughput runs and streaming checks.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.MOCK_PORT ?? '18080' },
    host: { type: 'string', default: process.env.MOCK_HOST ?? '127.0.0.1' },
    latency: { type: 'string', default: process.env.MOCK_LATENCY_MS ?? '0' },
    chunks: { type: 'string', default: process.env.MOCK_CHUNKS ?? '20' },
    'chunk-delay': { type: 'string', default: process.env.MOCK_CHUNK_DELAY_MS ?? '0' },
  },
});
const LATENCY = Number(opt.latency);
const CHUNKS = Math.max(1, Number(opt.chunks));
const CHUNK_DELAY = Number(opt['chunk-delay']);

const WORDS = ('The gateway forwarded your request and the vendor answered it with a short and' +
  ' plausible reply so that the benchmark can measure the cost of the hop rather than the model').split(' ');
const word = (i) => ' ' + WORDS[i % WORDS.length];
const TEXT = Array.from({ length: CHUNKS }, (_, i) => word(i)).join('').trimStart();

const stats = { requests: 0, chat: 0, messages: 0, stream: 0, json: 0, bad: 0, bytes_in: 0 };
let seq = 0;

function sendJson(res, status, obj, extra = {}) {
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function knobs(model) {
  const lat = /-latency-(\d+)/.exec(model);
  const del = /-delay-(\d+)/.exec(model);
  return { latency: lat ? Number(lat[1]) : LATENCY, delay: del ? Number(del[1]) : CHUNK_DELAY };
}

// Emits frames[0..n) with `delay` ms between them; stops if the client goes away.
function emit(res, frames, delay) {
  if (delay <= 0) { for (const f of frames) res.write(f); res.end(); return; }
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed) { clearInterval(timer); return; }
    res.write(frames[i++]);
    if (i === frames.length) { clearInterval(timer); res.end(); }
  }, delay);
  res.on('close', () => clearInterval(timer));
}

const SSE_HEAD = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

function openaiChat(req, res, body, inBytes, k) {
  const id = `chatcmpl-mock${++seq}`;
  const created = Math.floor(Date.now() / 1000);
  const model = typeof body.model === 'string' ? body.model : 'gpt-4o-mini';
  const prompt = Math.max(1, Math.round(inBytes / 4));
  const usage = { prompt_tokens: prompt, completion_tokens: CHUNKS, total_tokens: prompt + CHUNKS,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } };
  const head = { 'x-request-id': `req_mock${seq}`, 'openai-processing-ms': String(k.latency),
    'x-ratelimit-remaining-requests': '9999', 'x-ratelimit-remaining-tokens': '9999000' };
  if (!body.stream) {
    stats.json++;
    return sendJson(res, 200, { id, object: 'chat.completion', created, model,
      choices: [{ index: 0, message: { role: 'assistant', content: TEXT, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      usage, service_tier: 'default', system_fingerprint: 'fp_mock' }, head);
  }
  stats.stream++;
  const withUsage = body.stream_options?.include_usage === true;
  const pre = `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"service_tier":"default","system_fingerprint":"fp_mock","choices":`;
  const post = withUsage ? ',"usage":null}\n\n' : '}\n\n';
  const choice = (delta, finish) => `[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]`;
  const frames = [pre + choice('{"role":"assistant","content":"","refusal":null}', 'null') + post];
  for (let i = 0; i < CHUNKS; i++) frames.push(pre + choice(`{"content":${JSON.stringify(i ? word(i) : word(i).trimStart())}}`, 'null') + post);
  frames.push(pre + choice('{}', '"stop"') + post);
  if (withUsage) frames.push(pre + '[],"usage":' + JSON.stringify(usage) + '}\n\n');
  frames.push('data: [DONE]\n\n');
  res.writeHead(200, { ...SSE_HEAD, ...head });
  emit(res, frames, k.delay);
}

function anthropicMessages(req, res, body, inBytes, k) {
  const id = `msg_mock${++seq}`;
  const model = typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5';
  const input = Math.max(1, Math.round(inBytes / 4));
  const head = { 'request-id': `req_mock${seq}`, 'anthropic-ratelimit-requests-remaining': '9999' };
  if (!body.stream) {
    stats.json++;
    return sendJson(res, 200, { id, type: 'message', role: 'assistant', model,
      content: [{ type: 'text', text: TEXT }], stop_reason: 'end_turn', stop_sequence: null,
      usage: { input_tokens: input, output_tokens: CHUNKS, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } }, head);
  }
  stats.stream++;
  const ev = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const frames = [
    ev('message_start', { message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null,
      usage: { input_tokens: input, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } }),
    ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ev('ping', {}),
  ];
  for (let i = 0; i < CHUNKS; i++) frames.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: i ? word(i) : word(i).trimStart() } }));
  frames.push(ev('content_block_stop', { index: 0 }),
    ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: CHUNKS } }),
    ev('message_stop', {}));
  res.writeHead(200, { ...SSE_HEAD, ...head });
  emit(res, frames, k.delay);
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'GET') {
    if (path === '/__stats') return sendJson(res, 200, stats);
    if (path === '/health') return sendJson(res, 200, { ok: true });
    if (path === '/v1/models') return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'mock' }] });
  }
  const handler = req.method === 'POST' && (path.endsWith('/chat/completions') ? openaiChat : path.endsWith('/messages') ? anthropicMessages : null);
  if (!handler) { stats.bad++; return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }); }
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(parts);
    stats.requests++; stats.bytes_in += raw.length;
    handler === openaiChat ? stats.chat++ : stats.messages++;
    let body;
    try { body = JSON.parse(raw); } catch {
      stats.bad++;
      return sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
    }
    const k = knobs(String(body.model ?? ''));
    if (k.latency > 0) setTimeout(() => handler(req, res, body, raw.length, k), k.latency);
    else handler(req, res, body, raw.length, k);
  });
});
server.keepAliveTimeout = 120_000; // proxies keep pooled sockets; never close them mid-run
server.headersTimeout = 130_000;
server.maxRequestsPerSocket = 0;
server.listen(Number(opt.port), opt.host, () => {
  console.log(`mock-upstream listening on http://${opt.host}:${opt.port} latency=${LATENCY}ms chunks=${CHUNKS} chunk-delay=${CHUNK_DELAY}ms`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)).closeAllConnections());
