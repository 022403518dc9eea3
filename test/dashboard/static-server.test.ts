// The gateway's static server for the dashboard (src/server/dashboard.ts), over a built-looking folder written by
// the test: redirects, methods, caching, security headers, SPA fallback, traversal refused, and the page it
// answers before anyone built the dashboard. Raw node:http requests, so paths reach the server unnormalized.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDashboardHandler, isDashboardPath } from '../../src/server/dashboard.ts';

const INDEX = '<!doctype html><title>Airlock</title><script type="module" src="/dashboard/assets/index-AbC123.js"></script>';
const SCRIPT = 'console.log("app");';
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A folder laid out like dashboard/dist, beside a file the server must never hand out. */
function builtDir(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'airlock-dash-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'secret.txt'), 'outside the app');
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'index-DeF456.css'), 'body{}');
  return dist;
}

async function serve(t: TestContext, dir: string): Promise<(method: string, path: string) => Promise<Answer>> {
  const handler = createDashboardHandler(dir);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
    if (isDashboardPath(path)) void handler(req, res, path);
    else res.writeHead(404).end();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  return (method, path) =>
    new Promise((done, fail) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', fail);
      req.end();
    });
}

test('/dashboard redirects to /dashboard/, keeping the query', { timeout: 5000 }, async (t) => {
  const get = await serve(t, builtDir(t));
  const plain = await get('GET', '/dashboard');
  assert.equal(plain.status, 301);
  assert.equal(plain.headers.location, '/dashboard/');
  assert.equal((await get('GET', '/dashboard?x=1')).headers.location, '/dashboard/?x=1');
});

test('the index: HTML, never cached without revalidation, with the security headers', { timeout: 5000 }, async (t) => {
  const get = await serve(t, builtDir(t));
  const index = await get('GET', '/dashboard/');
  assert.equal(index.status, 200);
  assert.equal(index.body, INDEX);
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.equal(index.headers['content-security-policy'], CSP);
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['referrer-policy'], 'no-referrer');
  assert.equal(index.headers['x-frame-options'], 'DENY');
  assert.equal((await get('GET', '/dashboard/index.html')).body, INDEX);
});

test("the app's pages are served the index (client-side routing); unknown assets are 404", { timeout: 5000 }, async (t) => {
  const get = await serve(t, builtDir(t));
  for (const page of ['/dashboard/spend', '/dashboard/vendors/sim-openai', '/dashboard/vendors/a%20b', '/dashboard/requests?limit=5']) {
    const answer = await get('GET', page);
    assert.equal(answer.status, 200, page);
    assert.equal(answer.body, INDEX, page);
  }
  const missing = await get('GET', '/dashboard/assets/index-Old999.js');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['content-security-policy'], CSP);
});

test('hashed assets: their type and a year of immutable caching', { timeout: 5000 }, async (t) => {
  const get = await serve(t, builtDir(t));
  const js = await get('GET', '/dashboard/assets/index-AbC123.js');
  assert.equal(js.status, 200);
  assert.equal(js.body, SCRIPT);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(js.headers['x-content-type-options'], 'nosniff');
  const css = await get('GET', '/dashboard/assets/index-DeF456.css');
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
});

test('HEAD answers the headers of GET without a body; other methods are 405 with allow', { timeout: 5000 }, async (t) => {
  const get = await serve(t, builtDir(t));
  const head = await get('HEAD', '/dashboard/assets/index-AbC123.js');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], String(Buffer.byteLength(SCRIPT)));
  assert.equal(head.headers['cache-control'], 'public, max-age=31536000, immutable');
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    const answer = await get(method, '/dashboard/');
    assert.equal(answer.status, 405, method);
    assert.equal(answer.headers.allow, 'GET, HEAD', method);
  }
});

test('paths that try to leave the app are refused, encoded or not', { timeout: 5000 }, async (t) => {
  const get = await serve(t, builtDir(t));
  for (const path of ['/dashboard/..%2f..%2fpackage.json', '/dashboard/%2e%2e/', '/dashboard/%2e%2e/secret.txt', '/dashboard/../secret.txt',
    '/dashboard/assets/..%5c..%5csecret.txt', '/dashboard/assets/%00.js', '/dashboard/%E0%A4%A']) {
    const answer = await get('GET', path);
    assert.equal(answer.status, 400, path);
    assert.doesNotMatch(answer.body, /outside the app|"name"/, path);
  }
});

test('before a build: 503 with a page saying how to build, then the build is served without a restart', { timeout: 5000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-dash-empty-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const get = await serve(t, dir);
  for (const path of ['/dashboard/', '/dashboard/assets/index-AbC123.js']) {
    const answer = await get('GET', path);
    assert.equal(answer.status, 503, path);
    assert.equal(answer.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(answer.body, /npm run build:dashboard/);
  }
  writeFileSync(join(dir, 'index.html'), INDEX);
  assert.equal((await get('GET', '/dashboard/')).body, INDEX);
});

test('a missing folder is the same 503 as an empty one', { timeout: 5000 }, async (t) => {
  const get = await serve(t, join(tmpdir(), 'airlock-no-such-dashboard-dir'));
  assert.equal((await get('GET', '/dashboard/')).status, 503);
});
