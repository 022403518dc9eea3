#!/usr/bin/env node
// Copied from ../shared/bench/overhead.mjs (see README.md here). Changes: built-ins are direct, nginx, node-http,
// node-undici (hono-fetch and portkey dropped); results go to bench/results/ (git-ignored) by default; --fresh-bodies.
// Airlock's own entry point is bench/run.ts (`npm run bench`), which adds the gateway with --target.
//
// Gateway overhead, side by side, in one run: the mock vendor, then every target in front of it,
// driven by wrk. For each scenario (api x body size x json|sse) and load (fixed connections, fixed
// rate) the targets are run in ABBA rounds (A B C, C B A, ...) so drift hits them all alike.
// Prints a markdown table and a one-line summary; writes everything to a JSON file.
//
//   node overhead.mjs                                   # all built-in targets
//   node overhead.mjs --targets direct,node-http --target 'gw=http://127.0.0.1:8080,cmd=node my-gateway.js --port $PORT'
//
// Run `node overhead.mjs --help` for every knob.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chatBody, FRESH_MARK } from './lib/bodies.mjs';
import { start, stop, stopAll, waitHttp, usage, portFree, hasCmd, sleep } from './lib/procs.mjs';
import { builtinTargets, parseTarget, endpoint } from './lib/targets.mjs';
import { writeScript, runWrk } from './lib/wrk.mjs';
import { preflight, getJson } from './lib/checks.mjs';
import { aggregate, markdown, summaryLine } from './lib/report.mjs';

const HELP = `usage: node overhead.mjs [options]
  --targets LIST       built-ins to run (default: all available)
                       direct,nginx,node-http,node-undici (nginx only if installed)
  --target SPEC        extra target, repeatable: name=URL[,cmd=SHELL][,ready=URL][,headers=K:V|K:V]
                       cmd gets MOCK_URL/MOCK_PORT/PORT in env, {mock} {mock_port} substituted
  --api openai|anthropic   endpoint and body shape (default openai)
  --bodies 2,32        user message sizes in KiB          --modes json,sse
  --conns 32,128       closed-loop connection counts (empty = skip)
  --rate 100,500       fixed-rate runs, req/s, comma list (0 or empty = skip)
  --seconds 2          per closed-loop run                --rate-seconds 4 per fixed-rate run
  --rounds 2           ABBA rounds per cell               --warmup 1 (s per target and scenario)
  --port 18080         mock port; built-ins use port+1..port+5
  --mock-latency 0     --chunks 20  --chunk-delay 0       (mock knobs, ms)
  --no-pin             don't pin (default: wrk + mock on CPU 0, targets on CPU 1)
  --force              load targets even if their pre-flight failed
  --fresh-bodies       every request's user message starts with a run token and a counter, so no request
                       repeats an earlier one (defeats any cache keyed on the prompt; costs wrk a concat)
  --out FILE           JSON result (default bench/results/overhead-<time>.json)
  --max-minutes 15     hard stop`;

const { values: o } = parseArgs({ options: {
  targets: { type: 'string' }, target: { type: 'string', multiple: true, default: [] },
  api: { type: 'string', default: 'openai' }, bodies: { type: 'string', default: '2,32' },
  modes: { type: 'string', default: 'json,sse' }, conns: { type: 'string', default: '32,128' },
  rate: { type: 'string', default: '100,500' }, seconds: { type: 'string', default: '2' },
  'rate-seconds': { type: 'string', default: '4' }, rounds: { type: 'string', default: '2' },
  warmup: { type: 'string', default: '1' }, port: { type: 'string', default: '18080' },
  'mock-latency': { type: 'string', default: '0' }, chunks: { type: 'string', default: '20' },
  'chunk-delay': { type: 'string', default: '0' }, 'no-pin': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false }, 'fresh-bodies': { type: 'boolean', default: false }, out: { type: 'string' },
  'max-minutes': { type: 'string', default: '15' }, help: { type: 'boolean', default: false },
} });
if (o.help) { console.log(HELP); process.exit(0); }

const here = path.dirname(new URL(import.meta.url).pathname);
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const nums = (s) => list(s).map(Number);
const cfg = { api: o.api, bodies: nums(o.bodies), modes: list(o.modes), conns: nums(o.conns).filter((c) => c > 0), rates: nums(o.rate).filter((r) => r > 0),
  seconds: Number(o.seconds), rateSeconds: Number(o['rate-seconds']), rounds: Number(o.rounds), warmup: Number(o.warmup),
  port: Number(o.port), pin: !o['no-pin'] && os.cpus().length >= 2, freshBodies: o['fresh-bodies'] };
const CPU_LOAD = cfg.pin ? 0 : null; // wrk + mock
const CPU_TARGET = cfg.pin ? 1 : null; // the proxy under test
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const outFile = path.resolve(o.out ?? path.join(here, '..', 'results', `overhead-${stamp}.json`));
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-'));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

let cleaning = false;
async function cleanup(code) {
  if (cleaning) return; cleaning = true;
  await stopAll();
  fs.rmSync(runDir, { recursive: true, force: true });
  if (code != null) process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { log(`${sig}: stopping`); cleanup(130); });
const hardStop = setTimeout(() => { log(`--max-minutes ${o['max-minutes']} reached: stopping`); cleanup(124); }, Number(o['max-minutes']) * 60_000);
hardStop.unref();

const version = (cmd, args) => { const r = spawnSync(cmd, args, { encoding: 'utf8' }); return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0].trim() || null; };

async function main() {
  if (!hasCmd('wrk')) throw new Error('wrk not found: apt-get install wrk');
  // Targets: built-ins (filtered) then extras.
  const all = builtinTargets({ mockPort: cfg.port, basePort: cfg.port, runDir });
  const wanted = o.targets ? list(o.targets) : all.map((t) => t.name);
  const targets = [];
  const skipped = {};
  for (const name of wanted) {
    const t = all.find((x) => x.name === name);
    if (!t) throw new Error(`unknown built-in target ${name}`);
    if (t.available !== undefined && t.available !== true) { skipped[name] = t.available; log(`skip ${name}: ${t.available}`); continue; }
    targets.push(t);
  }
  for (const spec of o.target) targets.push(parseTarget(spec, { mockPort: cfg.port }));
  if (!targets.some((t) => t.name === 'direct')) targets.unshift(all[0]);
  for (const t of targets) t.headers = (cfg.api === 'anthropic' && t.headersAnthropic) || t.headers || {};

  for (const p of [cfg.port, ...targets.filter((t) => t.argv || t.launch).map((t) => Number(new URL(t.url).port))]) {
    if (!(await portFree(p))) throw new Error(`port ${p} on 127.0.0.1 is in use; pick another --port`);
  }

  // Mock vendor, then the targets (all kept running; idle ones cost nothing).
  const mockUrl = `http://127.0.0.1:${cfg.port}`;
  const mock = start([process.execPath, path.join(here, 'mock-upstream.mjs'), '--port', String(cfg.port),
    '--latency', o['mock-latency'], '--chunks', o.chunks, '--chunk-delay', o['chunk-delay']],
  { cpu: CPU_LOAD, log: path.join(runDir, 'mock.log') });
  if (!(await waitHttp(`${mockUrl}/health`))) throw new Error('mock did not start');
  for (const t of targets) {
    if (!t.argv && !t.launch) continue;
    const argv = t.argv ?? t.launch();
    t.log = path.join(runDir, `${t.name}.log`);
    t.proc = start(argv, { cpu: CPU_TARGET, env: t.env, log: t.log, cwd: here });
    t.started = await waitHttp(t.ready ?? t.url, 20000);
    if (!t.started) log(`${t.name} did not answer at ${t.ready ?? t.url}: ${fs.readFileSync(t.log, 'utf8').slice(-400)}`);
  }
  await sleep(500);

  // Pre-flight: shape, streaming, reached the mock.
  const checks = {};
  for (const t of targets) {
    t.endpoint = endpoint(t.url, cfg.api);
    checks[t.name] = t.started === false ? { ok: false, problems: ['did not start'] }
      : await preflight({ url: t.endpoint, headers: t.headers, api: cfg.api, mockUrl, bodyOf: chatBody });
    const c = checks[t.name];
    log(`check ${t.name}: ${c.ok ? 'ok' : c.problems.join('; ')}${c.slow_stream_ttfb_ms != null ? ` (slow stream first byte ${c.slow_stream_ttfb_ms.toFixed(1)} ms, last ${c.slow_stream_total_ms.toFixed(1)} ms)` : ''}`);
  }
  const active = targets.filter((t) => checks[t.name].ok || (o.force && t.started !== false));

  // Bodies and wrk scripts per scenario and target.
  const scenarios = [];
  for (const mode of cfg.modes) for (const kb of cfg.bodies) scenarios.push({ name: `${cfg.api}-${mode}-${kb}k`, kb, stream: mode === 'sse' });
  const loads = [...cfg.conns.map((c) => ({ name: `c${c}`, conns: c, seconds: cfg.seconds }))];
  for (const rate of cfg.rates) { // one Poisson schedule over a pool of rate/5 connections
    loads.push({ name: `rate${rate}`, conns: Math.max(16, Math.ceil(rate / 5)), seconds: cfg.rateSeconds, rate });
  }
  const perCell = loads.reduce((s, l) => s + l.seconds, 0) * cfg.rounds + cfg.warmup;
  log(`targets: ${active.map((t) => t.name).join(', ')}; ${scenarios.length} scenarios x ${loads.length} loads x ${cfg.rounds} rounds; ` +
    `~${Math.ceil((perCell * scenarios.length * active.length) / 60)} min; pin=${cfg.pin}`);

  const runs = [];
  for (const sc of scenarios) {
    const bodyFile = path.join(runDir, `${sc.name}.json`);
    fs.writeFileSync(bodyFile, chatBody({ kb: sc.kb, stream: sc.stream, api: cfg.api }));
    const script = (t, l) => writeScript(path.join(runDir, `${sc.name}-${t.name}-${l.name}.lua`), { bodyFile, headers: t.headers, rate: l.rate ?? 0,
      fresh: cfg.freshBodies ? { before: FRESH_MARK, token: randomUUID().slice(0, 8) } : null });
    for (const t of active) { // warm-up: JIT, pools, connections
      await runWrk({ url: t.endpoint, script: script(t, loads[0]), conns: loads[0].conns, seconds: cfg.warmup, cpu: CPU_LOAD });
    }
    for (const l of loads) {
      for (let r = 0; r < cfg.rounds; r++) {
        const order = r % 2 ? [...active].reverse() : active;
        for (const t of order) {
          const m0 = (await getJson(`${mockUrl}/__stats`)).requests; const u0 = usage(t.proc?.pid); const k0 = usage(mock.pid);
          const s = await runWrk({ url: t.endpoint, script: script(t, l), conns: l.conns, seconds: l.seconds, cpu: CPU_LOAD });
          const u1 = usage(t.proc?.pid); const k1 = usage(mock.pid); const m1 = (await getJson(`${mockUrl}/__stats`)).requests;
          runs.push({ scenario: sc.name, load: l.name, round: r + 1, target: t.name, conns: l.conns, seconds: l.seconds, offered_rps: l.rate ?? null, ...s,
            mock_hits: m1 - m0, target_cpu_s: u1.cpu_s - u0.cpu_s, mock_cpu_s: k1.cpu_s - k0.cpu_s, target_rss_mib: u1.rss_mib });
          log(`${sc.name} ${l.name} r${r + 1} ${t.name.padEnd(12)} ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${(s.p50_us / 1000).toFixed(3)} ms  p99 ${(s.p99_us / 1000).toFixed(3)} ms  err ${s.errors}  mock hits ${m1 - m0}`);
          await sleep(200);
        }
      }
    }
  }

  const cells = aggregate(runs);
  const table = markdown(cells);
  const meta = { when: new Date().toISOString(), node: process.version, wrk: version('wrk', ['-v']), nginx: version('nginx', ['-v']),
    cpu: os.cpus()[0]?.model, cpus: os.cpus().length, mem_gib: Math.round(os.totalmem() / 2 ** 30), kernel: os.release(),
    pin: cfg.pin ? 'wrk + mock on CPU 0, target on CPU 1' : 'none', config: cfg, mock: { latency_ms: Number(o['mock-latency']), chunks: Number(o.chunks), chunk_delay_ms: Number(o['chunk-delay']) },
    rate_loads: loads.filter((l) => l.rate), load_generator: 'wrk -t1; cN = closed loop; rateR = Poisson arrivals at R/s over max(16, R/5) connections (Lua delay + FFI clock)' };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify({ meta, targets: targets.map((t) => ({ name: t.name, role: t.role, url: t.endpoint })), skipped, checks, cells, runs }, null, 1)}\n`);
  fs.writeFileSync(outFile.replace(/\.json$/, '.md'), `${table}\n`);
  console.log(`\n${table}\n`);
  const rel = path.relative(process.cwd(), outFile) || outFile;
  console.log(summaryLine(cells, { conns: cfg.conns, rate: cfg.rates[cfg.rates.length - 1], file: rel }));
}

main().then(() => cleanup(0), async (e) => { console.error(`error: ${e.stack ?? e}`); await cleanup(1); });
