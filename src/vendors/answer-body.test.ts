import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Pool } from 'undici';
import { bodyOf, dispatchRequest } from './answer-body.ts';
import { Cancel } from '../core/cancel.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(t: { after(fn: () => unknown): void }, handler: Handler): Promise<{ pool: Pool; closed: () => number }> {
  let closedEarly = 0;
  const server = http.createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableFinished) closedEarly++;
    });
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 4 });
  t.after(async () => {
    await pool.destroy();
    server.closeAllConnections();
    server.close();
  });
  return { pool, closed: () => closedEarly };
}

const post = { method: 'POST' as const, path: '/x', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('a whole error answer: status, lower-cased headers, repeated headers as a list, text in UTF-8', { timeout: 5000 }, async (t) => {
  const { pool } = await serve(t, (req, res) => {
    req.resume();
    res.setHeader('X-Thing', ['one', 'two']);
    res.writeHead(503, { 'Content-Type': 'application/json' });
    // a multi-byte character split across two writes
    const bytes = Buffer.from('{"text":"Grüße 🌍"}');
    res.write(bytes.subarray(0, 13));
    setTimeout(() => res.end(bytes.subarray(13)), 5);
  });
  const answer = await dispatchRequest(pool, post, new Cancel());
  assert.equal(answer.status, 503);
  assert.equal(answer.headers['content-type'], 'application/json');
  assert.deepEqual(answer.headers['x-thing'], ['one', 'two']);
  assert.deepEqual(JSON.parse(await answer.body.text()), { text: 'Grüße 🌍' });
});

test('a success answer keeps no headers (nothing reads them), only its status and body', { timeout: 5000 }, async (t) => {
  const { pool } = await serve(t, (req, res) => {
    req.resume();
    res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r1' });
    res.end('{"ok":true}');
  });
  const answer = await dispatchRequest(pool, post, new Cancel());
  assert.equal(answer.status, 201);
  assert.deepEqual(answer.headers, {});
  assert.deepEqual(JSON.parse(await answer.body.text()), { ok: true });
});

test('headers read late (after the body and after later answers on the same connection) are still the right ones', { timeout: 5000 }, async (t) => {
  let n = 0;
  const { pool } = await serve(t, (req, res) => {
    req.resume();
    n++;
    res.writeHead(429, { 'retry-after': String(n), 'x-answer': `answer-${n}-${'x'.repeat(n * 100)}` });
    res.end(`{"n":${n}}`);
  });
  const first = await dispatchRequest(pool, post, new Cancel());
  assert.equal(await first.body.text(), '{"n":1}');
  // more traffic through the same pool (and, with keep-alive, the same socket) before the first answer's headers are read
  for (let i = 0; i < 20; i++) await (await dispatchRequest(pool, post, new Cancel())).body.text();
  assert.equal(first.headers['retry-after'], '1');
  assert.equal(first.headers['x-answer'], `answer-1-${'x'.repeat(100)}`);
  assert.equal(first.headers, first.headers, 'decoded once');
});

test('chunks arrive in order as they are written, and the iteration ends with the body', { timeout: 5000 }, async (t) => {
  const { pool } = await serve(t, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let i = 0;
    const tick = setInterval(() => {
      res.write(`data: ${i}\n\n`);
      if (++i === 5) {
        clearInterval(tick);
        res.end();
      }
    }, 5);
  });
  const answer = await dispatchRequest(pool, post, new Cancel());
  let text = '';
  for (let chunks = await answer.body.read(); chunks !== null; chunks = await answer.body.read()) {
    assert.ok(chunks.length > 0);
    for (const chunk of chunks) text += chunk.toString('utf8');
  }
  assert.equal(text, 'data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n');
  assert.equal(await answer.body.read(), null, 'the end stays the end');
});

test('a connection cut mid-body fails the reader instead of ending it quietly', { timeout: 5000 }, async (t) => {
  const { pool } = await serve(t, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"partial":');
    setTimeout(() => res.destroy(), 10);
  });
  const answer = await dispatchRequest(pool, post, new Cancel());
  await assert.rejects(answer.body.text(), (err: { code?: string }) => typeof err.code === 'string' && err.code.startsWith('UND_ERR'));

  const again = await dispatchRequest(pool, post, new Cancel());
  await assert.rejects(async () => {
    while ((await again.body.read()) !== null);
  });
});

test('aborting the signal mid-stream closes the vendor connection', { timeout: 5000 }, async (t) => {
  const { pool, closed } = await serve(t, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const tick = setInterval(() => res.write('data: x\n\n'), 5);
    res.on('close', () => clearInterval(tick));
  });
  const ac = new Cancel();
  const answer = await dispatchRequest(pool, post, ac);
  assert.notEqual(await answer.body.read(), null);
  ac.abort(new Error('client closed'));
  await assert.rejects(async () => {
    while ((await answer.body.read()) !== null);
  });
  for (let i = 0; i < 100 && closed() === 0; i++) await sleep(10);
  assert.equal(closed(), 1);
});

test('destroy() after a read closes the vendor connection', { timeout: 5000 }, async (t) => {
  const { pool, closed } = await serve(t, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const tick = setInterval(() => res.write('data: x\n\n'), 5);
    res.on('close', () => clearInterval(tick));
  });
  const answer = await dispatchRequest(pool, post, new Cancel());
  assert.notEqual(await answer.body.read(), null);
  answer.body.destroy();
  for (let i = 0; i < 100 && closed() === 0; i++) await sleep(10);
  assert.equal(closed(), 1);
});

test('transport failures before the headers reject with undici codes', { timeout: 5000 }, async (t) => {
  const { pool } = await serve(t, (req) => {
    req.resume(); // never answers
  });
  await assert.rejects(dispatchRequest(pool, { ...post, headersTimeout: 50 }, new Cancel()), { code: 'UND_ERR_HEADERS_TIMEOUT' });
  const ac = new Cancel();
  const pending = dispatchRequest(pool, post, ac);
  setTimeout(() => ac.abort(Object.assign(new Error('total timeout'), { code: 'TOTAL_TIMEOUT' })), 20);
  await assert.rejects(pending, { code: 'TOTAL_TIMEOUT' });

  const refused = new Pool('http://127.0.0.1:1', { connections: 1 });
  t.after(() => refused.destroy());
  await assert.rejects(dispatchRequest(refused, post, new Cancel()), { code: 'ECONNREFUSED' });
});

test('a slow reader pauses the socket and still gets every byte', { timeout: 10_000 }, async (t) => {
  const total = 2 * 1024 * 1024;
  const { pool } = await serve(t, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.alloc(total, 0x61));
  });
  const answer = await dispatchRequest(pool, post, new Cancel());
  let got = 0;
  for (let chunks = await answer.body.read(); chunks !== null; chunks = await answer.body.read()) {
    for (const chunk of chunks) got += chunk.length;
    if (got < 64 * 1024) await sleep(2);
  }
  assert.equal(got, total);
});

test('bodyOf: a whole body for injected answers', async () => {
  assert.equal(await bodyOf('{"ok":true}').text(), '{"ok":true}');
  const body = bodyOf('abc');
  assert.deepEqual((await body.read())?.map((c) => c.toString()), ['abc']);
  assert.equal(await body.read(), null);
});
