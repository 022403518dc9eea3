#!/usr/bin/env node
// Copied unchanged from ../shared/bench/proxies/node-http.mjs (see ../README.md).
// Bare Node proxy, core modules only: node:http server + node:http Agent (keepAlive),
// request and response bodies streamed through with pipe(). The "Node limit" without deps.
// Usage: node proxies/node-http.mjs --port 18082 --upstream http://127.0.0.1:18080
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({ options: {
  port: { type: 'string', default: process.env.PORT ?? '18082' },
  upstream: { type: 'string', default: process.env.UPSTREAM ?? 'http://127.0.0.1:18080' },
} });
const up = new URL(opt.upstream);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024, scheduling: 'lifo' });
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);
const strip = (h) => { const o = {}; for (const k in h) if (!HOP.has(k)) o[k] = h[k]; return o; };

const server = http.createServer((req, res) => {
  const headers = strip(req.headers);
  headers.host = up.host;
  const preq = http.request({ hostname: up.hostname, port: up.port, path: req.url, method: req.method, headers, agent }, (pres) => {
    res.writeHead(pres.statusCode, strip(pres.headers));
    pres.pipe(res);
  });
  preq.setNoDelay(true);
  preq.on('error', () => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"upstream unreachable","type":"bad_gateway"}}');
  });
  res.on('close', () => { if (!res.writableFinished) preq.destroy(); });
  req.pipe(preq);
});
server.keepAliveTimeout = 120_000;
server.listen(Number(opt.port), '127.0.0.1', () => console.log(`node-http proxy :${opt.port} -> ${up.origin}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
