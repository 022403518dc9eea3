#!/usr/bin/env node
// Copied unchanged from ../shared/bench/proxies/node-undici.mjs (see ../README.md).
// Bare Node proxy: node:http server + undici Pool (keep-alive), streamed with pool.stream().
// The fastest client Node offers; the "Node limit" a TypeScript gateway can approach.
// Usage: node proxies/node-undici.mjs --port 18083 --upstream http://127.0.0.1:18080
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values: opt } = parseArgs({ options: {
  port: { type: 'string', default: process.env.PORT ?? '18083' },
  upstream: { type: 'string', default: process.env.UPSTREAM ?? 'http://127.0.0.1:18080' },
} });
const pool = new Pool(opt.upstream, { connections: 1024, pipelining: 1, keepAliveTimeout: 60_000 });
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);
const strip = (h) => { const o = {}; for (const k in h) if (!HOP.has(k)) o[k] = h[k]; return o; };

const server = http.createServer((req, res) => {
  const body = req.method === 'GET' || req.method === 'HEAD' ? null : req;
  pool.stream({ path: req.url, method: req.method, headers: strip(req.headers), body, opaque: res },
    ({ statusCode, headers, opaque }) => { opaque.writeHead(statusCode, strip(headers)); return opaque; },
    (err) => {
      if (!err) return;
      if (res.headersSent) return res.destroy();
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"upstream unreachable","type":"bad_gateway"}}');
    });
});
server.keepAliveTimeout = 120_000;
server.listen(Number(opt.port), '127.0.0.1', () => console.log(`node-undici proxy :${opt.port} -> ${opt.upstream}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
