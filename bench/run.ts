// `npm run bench`: Airlock against a bare Node proxy and direct calls, in one run, on loopback.
//
// Writes a throwaway Airlock config (mock vendor from the harness, the logical models the harness's request bodies
// name, a SQLite store and one key) to a temp folder, then runs bench/harness/overhead.mjs with the built-in
// targets direct and node-http, plus Airlock, json-floor and governed-floor as extra --targets that the driver
// starts, pins to its own CPU, pre-flight checks, loads and stops. Afterwards prints Airlock next to the floors and
// node-http for the two goals of the issue. It prints numbers and asserts nothing: the exit code only says whether
// the run itself worked.
//
//   npm run bench                                   # full matrix (json + sse, 2 and 32 KiB): ~12 min
//   npm run bench -- --quick                        # c32 + 100 req/s, 1 round: ~4 min
//   npm run bench -- --same-bodies                  # one body repeated (inspection from the findings cache)
//   npm run bench -- --no-floor                     # without json-floor and governed-floor (bench/json-floor.ts)
//   npm run bench -- --modes json --seconds 3       # any overhead.mjs flag passes through (see --help)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Api, configYaml, harness, harnessModels, KEY } from './config.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(benchDir, '..');
// node-undici (the harness's other bare proxy) is left out by default: no goal reads it, and each target adds ~2 min
const DEFAULT_TARGETS = 'direct,node-http';
/** applied before the caller's own flags, so `--quick --rounds 2` still wins */
const QUICK = ['--conns', '32', '--rate', '100', '--seconds', '2', '--rate-seconds', '3', '--rounds', '1'];
/**
 * Seconds of load per target and scenario before anything is measured (the harness's default is 1). Airlock's JIT
 * takes a few seconds of traffic to settle: over consecutive 3 s windows at c32 on json-2k one run measured 792, 408,
 * 338, 359, 345 µs of CPU per request (node-http 119, 95, 87, 84). With 1 s the first scenario's cells measured the
 * gateway mid-warm-up; a gateway serves for days, so the bench measures it warm. Every target gets the same.
 */
const WARMUP_S = '5';
const GOAL_RPS_RATIO = 0.7; // ≥ 0.7 × node-http's req/s at 32 connections
const GOAL_P50_MS = 0.3; // added p50 at 100 req/s within 0.3 ms of node-http's

interface Cell {
  scenario: string;
  load: string;
  target: string;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  added_p50_ms: number | null;
  added_p99_ms: number | null;
  cpu_us_per_req: number | null;
  rss_mib: number;
  errors: number;
  saturated: boolean;
}

interface Results {
  meta?: { config?: { freshBodies?: boolean } };
  checks: Record<string, { ok: boolean; problems: string[]; slow_stream_ttfb_ms: number | null; slow_stream_total_ms: number | null }>;
  cells: Cell[];
}

/** The value of `--name V` or `--name=V` in args (the last one wins, as in parseArgs). */
function flag(args: string[], name: string): string | undefined {
  let value: string | undefined;
  args.forEach((a, i) => {
    if (a === `--${name}`) value = args[i + 1];
    else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  });
  return value;
}

const shq = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** The --target spec for the driver: it runs cmd under `sh -c` with PORT and MOCK_PORT set, cwd bench/harness. */
function airlockTarget(port: number, configFile: string, logFile: string): string {
  const cmd = `exec ${shq(process.execPath)} ${shq(path.join(repo, 'bin', 'airlock.js'))} start --config ${shq(configFile)} --port "$PORT" >>${shq(logFile)} 2>&1`;
  if (cmd.includes(',')) throw new Error(`a path holds a comma, which the --target syntax cannot carry: ${cmd}`);
  return `airlock=http://127.0.0.1:${port},ready=http://127.0.0.1:${port}/healthz,headers=authorization:Bearer ${KEY},cmd=${cmd}`;
}

/**
 * json-floor (bench/json-floor.ts): parse + re-serialize + undici, nothing else. governed-floor (the same with
 * --governed): plus every message through Airlock's detectors and one SQLite log row per request, the least a gateway
 * that meets issue 3 does. Airlock's own share is its distance from governed-floor.
 */
function floorTarget(port: number, governed: string | null): string {
  const name = governed === null ? 'json-floor' : 'governed-floor';
  const cmd = `exec ${shq(process.execPath)} --import tsx ${shq(path.join(benchDir, 'json-floor.ts'))} --port "$PORT" --upstream {mock}${governed === null ? '' : ` --governed --db ${shq(governed)}`}`;
  if (cmd.includes(',')) throw new Error(`a path holds a comma, which the --target syntax cannot carry: ${cmd}`);
  return `${name}=http://127.0.0.1:${port},cmd=${cmd}`;
}

/** Share of all CPUs busy over one second (Linux /proc/stat), or null where there is none. */
async function cpuBusy(): Promise<number | null> {
  const read = (): { idle: number; total: number } => {
    const f = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    return { idle: (f[3] ?? 0) + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, 1000));
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : null;
  } catch {
    return null;
  }
}

function runDriver(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(harness, 'overhead.mjs'), ...args], { cwd: repo, stdio: 'inherit' });
    // On Ctrl-C / kill, the driver stops its children and exits, then so do we (it ignores a second signal, so the
    // one a terminal sends the whole process group and the one forwarded here do no harm together)
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

const num = (v: number | null | undefined, d = 2): string => (v == null || Number.isNaN(v) ? '–' : v.toFixed(d));
const signed = (v: number | null | undefined, d = 2): string => (v == null || Number.isNaN(v) ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(d)}`);

/** Airlock next to the floors and node-http (and direct), per scenario: the figures the issue's goals are stated in. */
function airlockTable(cells: Cell[]): string {
  const loads = [...new Set(cells.map((c) => c.load))];
  const conns = loads.filter((l) => l.startsWith('c')).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const rates = loads.filter((l) => l.startsWith('rate')).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const at = (sc: string, t: string, l: string): Cell | undefined => cells.find((c) => c.scenario === sc && c.target === t && c.load === l);
  const busiest = conns[conns.length - 1];
  const cols = ['airlock', 'governed-floor', 'json-floor', 'node-http'];
  const names = 'airlock / governed-floor / json-floor / node-http';
  const head = [
    'scenario',
    ...conns.map((l) => `req/s ${l}: ${names} / direct (each × node-http)`),
    ...(busiest ? [`CPU µs/req ${busiest}: ${names}`] : []),
    ...rates.map((l) => `added p50 / p99 ms @${l.slice(4)}/s: ${names.replaceAll(' / ', ' ; ')}`),
    'RSS MiB: airlock / node-http',
  ];
  const rows = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const sc of [...new Set(cells.map((c) => c.scenario))]) {
    const r = [sc];
    for (const l of conns) {
      const h = at(sc, 'node-http', l);
      const ratios = cols.slice(0, 3).map((t) => {
        const c = at(sc, t, l);
        return c && h ? num(c.rps / h.rps) : '–';
      });
      r.push(`${[...cols, 'direct'].map((t) => num(at(sc, t, l)?.rps, 0)).join(' / ')} (${ratios.join(', ')})`);
    }
    if (busiest) r.push(cols.map((t) => num(at(sc, t, busiest)?.cpu_us_per_req, 0)).join(' / '));
    for (const l of rates) {
      const sat = (c: Cell | undefined): string => (c?.saturated ? ' (sat.)' : '');
      r.push(cols.map((t) => at(sc, t, l)).map((c) => `${signed(c?.added_p50_ms)} / ${signed(c?.added_p99_ms)}${sat(c)}`).join(' ; '));
    }
    const rss = (t: string): number | undefined => {
      const v = cells.filter((c) => c.scenario === sc && c.target === t).map((c) => c.rss_mib);
      return v.length ? Math.max(...v) : undefined;
    };
    r.push(`${num(rss('airlock'), 0)} / ${num(rss('node-http'), 0)}`);
    rows.push(`| ${r.join(' | ')} |`);
  }
  return rows.join('\n');
}

/** One line per goal: the numbers and whether they meet it. Informational only. */
function goalLines(cells: Cell[]): string[] {
  const scenarios = [...new Set(cells.map((c) => c.scenario))];
  const at = (sc: string, t: string, l: string): Cell | undefined => cells.find((c) => c.scenario === sc && c.target === t && c.load === l);
  const out: string[] = [];
  const ratios = scenarios.flatMap((sc) => {
    const a = at(sc, 'airlock', 'c32');
    const h = at(sc, 'node-http', 'c32');
    return a && h ? [{ sc, v: a.rps / h.rps }] : [];
  });
  if (ratios.length) {
    const ok = ratios.every((x) => x.v >= GOAL_RPS_RATIO);
    out.push(
      `goal: req/s ≥ ${GOAL_RPS_RATIO} × node-http @c32: ${ok ? 'met' : 'NOT met'} (${ratios.map((x) => `${x.sc} ${x.v.toFixed(2)}`).join(', ')})`,
    );
  } else out.push('goal: req/s @c32: not measured (needs --conns with 32, targets airlock and node-http)');
  const deltas = scenarios.flatMap((sc) => {
    const a = at(sc, 'airlock', 'rate100');
    const h = at(sc, 'node-http', 'rate100');
    return a && h && a.added_p50_ms != null && h.added_p50_ms != null ? [{ sc, v: a.added_p50_ms - h.added_p50_ms, sat: a.saturated }] : [];
  });
  if (deltas.length) {
    const ok = deltas.every((x) => x.v <= GOAL_P50_MS && !x.sat);
    out.push(
      `goal: added p50 @100/s within ${GOAL_P50_MS} ms of node-http's: ${ok ? 'met' : 'NOT met'} (airlock minus node-http: ${deltas.map((x) => `${x.sc} ${signed(x.v, 3)} ms${x.sat ? ' saturated' : ''}`).join(', ')})`,
    );
  } else out.push('goal: added p50 @100/s: not measured (needs --rate with 100, targets airlock and node-http)');
  // The same two measures for governed-floor: what the goals leave for any gateway that inspects every prompt.
  const gov = scenarios.flatMap((sc) => {
    const g = at(sc, 'governed-floor', 'c32');
    const h = at(sc, 'node-http', 'c32');
    const a = at(sc, 'airlock', 'c32');
    const gr = at(sc, 'governed-floor', 'rate100');
    const hr = at(sc, 'node-http', 'rate100');
    const p50 = gr?.added_p50_ms != null && hr?.added_p50_ms != null ? ` ${signed(gr.added_p50_ms - hr.added_p50_ms, 3)} ms` : '';
    return g && h ? [`${sc} ${(g.rps / h.rps).toFixed(2)}${p50}${a ? `, airlock ${(a.rps / g.rps).toFixed(2)} × it` : ''}`] : [];
  });
  if (gov.length) out.push(`governed-floor (inspection + log row, nothing else): req/s × node-http @c32, added p50 @100/s minus node-http's: ${gov.join('; ')}`);
  return out;
}

/** Prints the Airlock part of the results; true when Airlock failed its pre-flight. */
function report(outFile: string, logFile: string): boolean {
  if (!fs.existsSync(outFile)) return false;
  const res = JSON.parse(fs.readFileSync(outFile, 'utf8')) as Results;
  const check = res.checks.airlock;
  console.log('\n## Airlock vs the floors and node-http\n');
  console.log(
    res.meta?.config?.freshBodies === true
      ? 'bodies: a new user message on every request (--fresh-bodies): every request is inspected in full\n'
      : 'bodies: the same on every request: after the first, inspection answers from the findings cache (--fresh-bodies to defeat it)\n',
  );
  if (check && !check.ok) {
    console.log(`airlock failed its pre-flight: ${check.problems.join('; ')}`);
    console.log(`gateway log (${logFile}):\n${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '(none)'}`);
  }
  if (check?.slow_stream_ttfb_ms != null) {
    console.log(`airlock slow stream: first byte ${num(check.slow_stream_ttfb_ms, 1)} ms, last ${num(check.slow_stream_total_ms, 1)} ms\n`);
  }
  if (res.cells.some((c) => c.target === 'airlock')) {
    console.log(airlockTable(res.cells));
    console.log('');
    for (const line of goalLines(res.cells)) console.log(line);
  }
  const rel = (p: string): string => path.relative(process.cwd(), p) || p;
  console.log(`\nresults: ${rel(outFile)} (every run, checks, config) and ${rel(outFile.replace(/\.json$/, '.md'))} (the table)`);
  console.log(`compare runs: node bench/harness/summarize.mjs ${rel(outFile)} [more.json ...]`);
  return check?.ok === false;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('usage: npm run bench [-- --quick] [-- --same-bodies] [-- overhead.mjs flags]\n  --quick   c32 + 100 req/s, 1 round (about 4 min)\n  --same-bodies   repeat one body (default: a new user message per request, so every request is inspected)\n  --no-floor   leave out json-floor and governed-floor (bench/json-floor.ts: parse + re-serialize + undici; governed adds inspection and a log row)\nAirlock is added as target "airlock"; built-ins default to ' + DEFAULT_TARGETS + '.\n');
    return runDriver(['--help']);
  }
  const quick = argv.includes('--quick');
  // Fresh bodies by default: with one body repeated, the findings cache would answer every request after the first
  // and the run would measure the gateway without inspection. --same-bodies measures that cache-hit case.
  const same = argv.includes('--same-bodies');
  const floor = !argv.includes('--no-floor');
  const user = argv.filter((a) => a !== '--quick' && a !== '--same-bodies' && a !== '--no-floor');
  if (!same && !user.includes('--fresh-bodies')) user.push('--fresh-bodies');
  const api = (flag(user, 'api') ?? 'openai') as Api;
  if (api !== 'openai' && api !== 'anthropic') throw new Error(`--api must be openai or anthropic, got ${String(api)}`);
  const mockPort = Number(flag(user, 'port') ?? 18080);
  const port = mockPort + 10; // the built-ins take mockPort+1..+5
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const outFile = path.resolve(flag(user, 'out') ?? path.join(benchDir, 'results', `overhead-${stamp}.json`));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-gw-'));
  const configFile = path.join(dir, 'airlock.yaml');
  const logFile = path.join(dir, 'airlock.log');
  const { main: model, slow } = await harnessModels(api);
  fs.writeFileSync(configFile, configYaml({ api, mockPort, port, dir, models: [model, slow] }));

  const args = [
    ...(quick ? QUICK : []),
    '--warmup',
    WARMUP_S,
    ...(flag(user, 'targets') === undefined ? ['--targets', DEFAULT_TARGETS] : []),
    ...user,
  ];
  if (flag(user, 'out') === undefined) args.push('--out', outFile);
  args.push('--target', airlockTarget(port, configFile, logFile));
  if (floor) args.push('--target', floorTarget(port + 1, null), '--target', floorTarget(port + 2, path.join(dir, 'governed-floor.db')));
  console.log(`airlock config: ${configFile} (mock :${mockPort}, gateway :${port}, model ${model}); gateway log: ${logFile}`);
  console.log(`$ node bench/harness/overhead.mjs ${args.map((a) => (/[\s'"$|;&<>]/.test(a) ? shq(a) : a)).join(' ')}\n`);

  const busy = await cpuBusy();
  if (busy !== null && busy > 0.1) {
    console.log(`note: the CPUs were ${(busy * 100).toFixed(0)}% busy in the second before the run: something else is running; numbers will be noisy\n`);
  }
  const code = await runDriver(args);
  const failed = report(outFile, logFile);
  if (failed) console.log(`kept ${dir} (config, gateway log, store) for a look`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
