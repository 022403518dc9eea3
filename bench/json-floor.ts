// json-floor: the least any gateway that reads what it forwards must do, as a reference next to Airlock in
// `npm run bench`. It parses the request body and serializes it again, sends it with undici's dispatch (Airlock's own
// client path), and parses and re-serializes the answer: the whole JSON body, or every SSE `data:` line. No keys,
// no inspection, no routing, no translation, no log. Where node-http shows what a byte pipe costs, this shows what
// understanding JSON adds to it, so Airlock's own share is the distance from here.
//
// With --governed it is governed-floor: the same, plus the two things issue 3 makes every request pay for whatever
// the gateway's code looks like: every message text run through Airlock's own detectors (uncached: no findings cache,
// no policy), and one request-log row per request in SQLite (WAL, one transaction every 50 ms). With first-seen
// prompts Airlock can approach this target but not pass it (only its findings cache could, on texts it saw before), so
// it is the bound the goals can be read against.
//
// Usage: node --import tsx bench/json-floor.ts --port 18096 --upstream http://127.0.0.1:18080 [--governed --db FILE]
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import { createDetector } from '../src/governance/detect.ts';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '18096' },
    upstream: { type: 'string', default: 'http://127.0.0.1:18080' },
    governed: { type: 'boolean', default: false },
    db: { type: 'string', default: ':memory:' },
  },
});
const pool = new Pool(opt.upstream, { connections: 256, keepAliveTimeout: 60_000 });
const detect = opt.governed ? createDetector([]) : null;

/** governed-floor's request log: one row per request, written in a transaction every 50 ms, off the answer's path. */
function requestLog(file: string): (row: unknown[]) => void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS log (id TEXT PRIMARY KEY, time INTEGER, model TEXT, status INTEGER, latency_ms REAL, findings INTEGER)');
  const insert = db.prepare('INSERT INTO log VALUES (?, ?, ?, ?, ?, ?)');
  let rows: unknown[][] = [];
  const flush = db.transaction((batch: unknown[][]) => {
    for (const r of batch) insert.run(r);
  });
  setInterval(() => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    flush(batch);
  }, 50).unref();
  return (row) => rows.push(row);
}
const log = opt.governed ? requestLog(opt.db) : null;
// ids as Airlock makes them (src/core/ids.ts): a random prefix per process and a counter, no crypto call per request
const ID_PREFIX = randomUUID().slice(0, 12);
let requests = 0;

/** Every message's text (and an Anthropic request's top-level system) through the detectors; the number of findings. */
function inspect(body: { messages?: unknown; system?: unknown }): number {
  if (detect === null) return 0;
  let n = typeof body.system === 'string' ? detect(body.system).length : 0;
  if (!Array.isArray(body.messages)) return n;
  for (const m of body.messages as Array<{ content?: unknown }>) if (typeof m.content === 'string') n += detect(m.content).length;
  return n;
}

const text = (chunks: Buffer[]): string => (chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(text(chunks)));
    req.on('error', reject);
  });
}

/** One SSE event block (without its blank line): every data line's JSON parsed and written again. */
function reserialize(block: string): string {
  let out = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('data: ') && line !== 'data: [DONE]') out += `data: ${JSON.stringify(JSON.parse(line.slice(6)))}\n`;
    else out += `${line}\n`;
  }
  return `${out}\n`;
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, type: 'json_floor_error' } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.end('ok');
    return;
  }
  const started = performance.now();
  let body: { stream?: unknown; model?: unknown; messages?: unknown; system?: unknown };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    fail(res, 400, 'request body is not JSON');
    return;
  }
  const findings = inspect(body);
  const stream = body.stream === true;
  const chunks: Buffer[] = [];
  let pending = '';
  let status = 0;
  const done = (): void => {
    log?.([`${ID_PREFIX}${++requests}`, Date.now(), String(body.model), status, performance.now() - started, findings]);
  };
  pool.dispatch(
    { method: 'POST', path: req.url ?? '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    {
      onConnect() {},
      onHeaders(code: number) {
        status = code;
        if (stream && code < 300) res.writeHead(code, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        return true;
      },
      onData(chunk: Buffer) {
        if (!stream || status >= 300) {
          chunks.push(chunk);
          return true;
        }
        pending += chunk.toString('utf8');
        let out = '';
        for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
          out += reserialize(pending.slice(0, end));
          pending = pending.slice(end + 2);
        }
        if (out !== '') res.write(out);
        return true;
      },
      onComplete() {
        if (stream && status < 300) {
          res.end();
          done();
          return;
        }
        let answer: string;
        try {
          answer = JSON.stringify(JSON.parse(text(chunks)));
        } catch {
          fail(res, 502, 'upstream answer is not JSON');
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
        done();
      },
      onError() {
        fail(res, 502, 'upstream unreachable');
      },
    },
  );
}

const server = http.createServer((req, res) => {
  handle(req, res).catch(() => fail(res, 500, 'json-floor failed'));
});
server.keepAliveTimeout = 120_000;
server.listen(Number(opt.port), '127.0.0.1', () => console.log(`${opt.governed ? 'governed-floor' : 'json-floor'} :${opt.port} -> ${opt.upstream}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
