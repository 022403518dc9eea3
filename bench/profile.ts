// Where the gateway's CPU goes under load: runs it alone under `node --cpu-prof` in front of the harness's mock,
// drives it with wrk (same pinning as the bench: wrk + mock on CPU 0, the gateway on CPU 1), and prints the top
// self-time functions and areas of the loaded window only (start-up, warm-up and shutdown are cut off).
//
//   node --import tsx bench/profile.ts                               # airlock, json-32k and sse-2k, c32, 5 s
//   node --import tsx bench/profile.ts --scenarios json-2k,sse-32k --seconds 10 --conns 128
//   node --import tsx bench/profile.ts --gateway node-http           # the bare proxy, for comparison
//   node --import tsx bench/profile.ts --interval 0                  # no profiler: CPU µs/req only
//   node --import tsx bench/profile.ts --same-bodies                 # one body repeated (default: a new one per request)
//   node --import tsx bench/profile.ts --store 'postgres://postgres@127.0.0.1:5432/test'   # the record path through Postgres
//   node --import tsx bench/profile.ts --rate 100 --conns 8 --interval 50   # Poisson arrivals: the idle-CPU path
//
// Writes bench/results/profile-<time>/ (the .cpuprofile files, loadable in Chrome DevTools) and a .md summary.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Api, configYaml, harness, harnessModels, KEY } from './config.ts';
import { type CpuProfile, render, summarize } from './cpuprofile-top.ts';

interface Child {
  pid?: number;
}
interface Procs {
  start(argv: string[], o: { cpu: number | null; env?: Record<string, string>; log?: string; cwd?: string }): Child;
  stop(child: Child): Promise<void>;
  waitHttp(url: string, timeoutMs?: number): Promise<boolean>;
  usage(pid: number | undefined): { cpu_s: number; rss_mib: number };
}
interface Wrk {
  writeScript(file: string, o: { bodyFile: string; headers: Record<string, string>; rate: number; fresh: { before: string; token: string } | null }): string;
  runWrk(o: { url: string; script: string; conns: number; seconds: number; cpu: number | null }): Promise<{ rps: number; requests: number; p50_us: number; p99_us: number; errors: number }>;
}
interface Bodies {
  chatBody(o: { kb: number; stream: boolean; api: Api }): string;
  FRESH_MARK: string;
}
const lib = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(harness, 'lib', file)).href)) as T;

const USAGE = `usage: node --import tsx bench/profile.ts [--gateway airlock|json-floor|governed-floor|node-http|node-undici] [--scenarios json-2k,sse-32k,…]
  [--conns N] [--rate req/s (0: closed loop)] [--seconds N] [--warmup N] [--port N] [--interval µs (0: no profiler)] [--top N]
  [--same-bodies] [--api openai|anthropic] [--store URL (default: a SQLite file of the run's)] [--node-arg FLAG …]`;

const OPTIONS = {
  help: { type: 'boolean', default: false },
  gateway: { type: 'string', default: 'airlock' },
  scenarios: { type: 'string', default: 'json-32k,sse-2k' },
  conns: { type: 'string', default: '32' },
  // > 0: Poisson arrivals at that rate (the bench's rateR rows) instead of a closed loop, to see the idle-CPU path
  rate: { type: 'string', default: '0' },
  // the caller's wire: anthropic sends POST /v1/messages, and the config routes it to an anthropic-protocol vendor
  api: { type: 'string', default: 'openai' },
  seconds: { type: 'string', default: '5' },
  warmup: { type: 'string', default: '5' }, // as in npm run bench: the JIT settles over the first few seconds of traffic
  port: { type: 'string', default: '18180' },
  interval: { type: 'string', default: '250' },
  top: { type: 'string', default: '25' },
  // as in npm run bench: a new user message per request unless told otherwise, so inspection runs in full
  'same-bodies': { type: 'boolean', default: false },
  // e.g. postgres://postgres@127.0.0.1:5432/test: the record path through Postgres instead of SQLite
  store: { type: 'string' },
  // V8 flags for the gateway's node, which NODE_OPTIONS refuses for some (--trace-gc): repeat for several
  'node-arg': { type: 'string', multiple: true, default: [] as string[] },
} as const;

function parseOptions(): ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'] {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    // an unknown or malformed flag: say which, and how to call it, instead of a stack trace
    console.error(`profile: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
}

const o = parseOptions();
if (o.help) {
  console.log(USAGE);
  process.exit(0);
}

const repo = path.resolve(harness, '..', '..');

function parseApi(value: string): Api {
  if (value === 'openai' || value === 'anthropic') return value;
  console.error(`profile: --api must be openai or anthropic, got ${value}\n${USAGE}`);
  process.exit(2);
}
const api = parseApi(o.api);
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function gatewayArgv(profDir: string, port: number, mockPort: number, configFile: string): string[] {
  // --interval 0: no profiler, only the CPU per request (the profiler itself costs CPU)
  const prof = [...o['node-arg'], ...(o.interval === '0' ? [] : ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', o.interval])];
  if (o.gateway === 'airlock') return [process.execPath, ...prof, path.join(repo, 'bin', 'airlock.js'), 'start', '--config', configFile, '--port', String(port)];
  if (o.gateway === 'json-floor' || o.gateway === 'governed-floor') {
    const governed = o.gateway === 'governed-floor' ? ['--governed', '--db', path.join(path.dirname(configFile), 'governed-floor.db')] : [];
    return [process.execPath, ...prof, '--import', 'tsx', path.join(repo, 'bench', 'json-floor.ts'), '--port', String(port), '--upstream', `http://127.0.0.1:${mockPort}`, ...governed];
  }
  const file = path.join(harness, 'proxies', `${o.gateway}.mjs`);
  if (!fs.existsSync(file)) throw new Error(`--gateway must be airlock, json-floor, governed-floor, node-http or node-undici, got ${o.gateway}`);
  return [process.execPath, ...prof, file, '--port', String(port), '--upstream', `http://127.0.0.1:${mockPort}`];
}

async function profileOne(scenario: string, outDir: string): Promise<string> {
  const m = /^(json|sse)-(\d+)k$/.exec(scenario);
  if (!m) throw new Error(`scenario ${scenario}: expected json-Nk or sse-Nk`);
  const [procs, wrk, bodies] = await Promise.all([lib<Procs>('procs.mjs'), lib<Wrk>('wrk.mjs'), lib<Bodies>('bodies.mjs')]);
  const pin = os.cpus().length >= 2;
  const mockPort = Number(o.port);
  const port = mockPort + 10;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-profile-'));
  const profDir = path.join(dir, 'prof');
  const configFile = path.join(dir, 'airlock.yaml');
  const models = await harnessModels(api);
  fs.writeFileSync(configFile, configYaml({ api, mockPort, port, dir, models: [models.main, models.slow], ...(o.store === undefined ? {} : { store: o.store }) }));
  const mock = procs.start([process.execPath, path.join(harness, 'mock-upstream.mjs'), '--port', String(mockPort)], { cpu: pin ? 0 : null, log: path.join(dir, 'mock.log') });
  const gw = procs.start(gatewayArgv(profDir, port, mockPort, configFile), { cpu: pin ? 1 : null, log: path.join(dir, 'gateway.log'), cwd: repo });
  try {
    if (!(await procs.waitHttp(`http://127.0.0.1:${mockPort}/health`))) throw new Error('mock did not start');
    if (!(await procs.waitHttp(`http://127.0.0.1:${port}/healthz`, 20_000))) throw new Error(`${o.gateway} did not start: ${fs.readFileSync(path.join(dir, 'gateway.log'), 'utf8')}`);
    const bodyFile = path.join(dir, 'body.json');
    fs.writeFileSync(bodyFile, bodies.chatBody({ kb: Number(m[2]), stream: m[1] === 'sse', api }));
    const headers: Record<string, string> = o.gateway === 'airlock' ? { authorization: `Bearer ${KEY}` } : {};
    const script = wrk.writeScript(path.join(dir, 'load.lua'), {
      bodyFile,
      headers,
      rate: Number(o.rate),
      fresh: o['same-bodies'] ? null : { before: bodies.FRESH_MARK, token: randomUUID().slice(0, 8) },
    });
    const url = `http://127.0.0.1:${port}${api === 'anthropic' ? '/v1/messages' : '/v1/chat/completions'}`;
    const conns = Number(o.conns);
    await wrk.runWrk({ url, script, conns, seconds: Number(o.warmup), cpu: pin ? 0 : null });
    const u0 = procs.usage(gw.pid);
    const t0 = nowUs();
    const s = await wrk.runWrk({ url, script, conns, seconds: Number(o.seconds), cpu: pin ? 0 : null });
    const t1 = nowUs();
    const u1 = procs.usage(gw.pid);
    await procs.stop(gw); // SIGTERM: the process exits normally and writes its profile
    const cpuUs = ((u1.cpu_s - u0.cpu_s) / Math.max(1, s.requests)) * 1e6;
    const load = o.rate === '0' ? `c${conns}` : `${o.rate} req/s over ${conns} connections`;
    const head = `${o.gateway} ${scenario} ${load}, ${o.seconds} s${o.interval === '0' ? '' : ` under --cpu-prof (${o.interval} µs interval)`}: ${s.rps.toFixed(0)} req/s, p50 ${(s.p50_us / 1000).toFixed(2)} ms, p99 ${(s.p99_us / 1000).toFixed(2)} ms, errors ${s.errors}, CPU ${cpuUs.toFixed(0)} µs/req`;
    if (o.interval === '0') return head;
    for (let i = 0; i < 50 && !(fs.existsSync(profDir) && fs.readdirSync(profDir).some((f) => f.endsWith('.cpuprofile'))); i++) await sleep(100);
    const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error(`no .cpuprofile written: ${fs.readFileSync(path.join(dir, 'gateway.log'), 'utf8').slice(-1000)}`);
    const saved = path.join(outDir, `${o.gateway}-${scenario}-c${conns}.cpuprofile`);
    fs.copyFileSync(path.join(profDir, file), saved);
    const profile = JSON.parse(fs.readFileSync(saved, 'utf8')) as CpuProfile;
    const inWindow = t0 < profile.endTime && t1 > profile.startTime; // same monotonic clock in both processes
    const summary = summarize(profile, { top: Number(o.top), ...(inWindow ? { fromUs: t0, toUs: t1 } : {}) });
    return `${render(summary, `${head}${inWindow ? '' : ' (window not found: whole profile)'}`)}\n\nprofile: ${path.relative(process.cwd(), saved)}\n`;
  } finally {
    await procs.stop(gw);
    await procs.stop(mock);
    // what the gateway printed (with --node-arg --trace-gc, its GC trace) outlives the temp folder
    const log = path.join(dir, 'gateway.log');
    if (fs.existsSync(log)) fs.copyFileSync(log, path.join(outDir, `${o.gateway}-${scenario}.log`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const outDir = path.join(harness, '..', 'results', `profile-${stamp}`);
  fs.mkdirSync(outDir, { recursive: true });
  const parts: string[] = [];
  for (const sc of o.scenarios.split(',').map((x) => x.trim()).filter(Boolean)) {
    const text = await profileOne(sc, outDir);
    console.log(`${text}\n`);
    parts.push(text);
  }
  fs.writeFileSync(`${outDir}.md`, `${parts.join('\n\n')}\n`);
  console.log(`summary: ${path.relative(process.cwd(), `${outDir}.md`)}; profiles in ${path.relative(process.cwd(), outDir)}/`);
}

main().catch((err: unknown) => {
  console.error(`profile: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
