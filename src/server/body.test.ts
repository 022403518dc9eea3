import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { readJsonBody } from './body.ts';

/** A server that hands each request to `read` after `delayMs`, and a client that sends `parts` and maybe leaves. */
async function exchange(t: { after(fn: () => unknown): void }, parts: string[], leave: boolean, delayMs: number): Promise<unknown> {
  let outcome!: Promise<unknown>;
  const handled = new Promise<void>((done) => {
    const server = http.createServer((req, res) => {
      setTimeout(() => {
        outcome = readJsonBody(req, 1024).then((v) => ({ ok: v }), (e: Error) => ({ error: e.message }));
        void outcome.then(() => res.end('{}'));
        done();
      }, delayMs);
    });
    t.after(() => server.close());
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers: leave ? { 'content-length': '100' } : {} });
      req.on('error', () => undefined);
      req.on('response', (res) => res.resume());
      for (const p of parts) req.write(p);
      if (leave) setTimeout(() => req.destroy(), 20);
      else req.end();
    });
  });
  await handled;
  return outcome;
}

test('a body in several chunks is read whole', { timeout: 5000 }, async (t) => {
  assert.deepEqual(await exchange(t, ['{"a":', '[1,2', ']}'], false, 0), { ok: { a: [1, 2] } });
});

test('a client that left before a late reader started: the read rejects instead of waiting', { timeout: 5000 }, async (t) => {
  assert.deepEqual(await exchange(t, ['{"a":'], true, 150), { error: 'the client closed the connection before the request body was complete' });
});

test('a client that leaves mid-body: the read rejects', { timeout: 5000 }, async (t) => {
  // Node reports it as the request's 'error' (aborted) before its 'close'
  const out = (await exchange(t, ['{"a":'], true, 0)) as { error?: string };
  assert.match(out.error ?? '', /^aborted$|closed the connection/);
});

test('over the limit without a content-length: payload_too_large while reading', { timeout: 5000 }, async (t) => {
  const out = (await exchange(t, ['"', 'x'.repeat(2000), '"'], false, 0)) as { error?: string };
  assert.match(out.error ?? '', /larger than 1024 bytes/);
});
