// Copied from ../shared/bench/lib/wrk.mjs (see ../README.md). Changed: writeScript takes `fresh` (--fresh-bodies).
// wrk (C, epoll) as the load generator: closed-loop runs at fixed connection counts for
// throughput, and fixed-rate runs for latency. wrk2 is not packaged in Debian, so the rate is
// kept by a Lua delay() that hands each free connection the next slot of one Poisson arrival
// schedule (clock via LuaJIT FFI): the offered rate does not depend on the target's latency
// while enough connections are free; when none is, arrivals are dropped (run flagged saturated).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const lua = (s) => {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new Error(`non-ASCII value in wrk script: ${s}`);
  return JSON.stringify(s);
};

const DONE = `
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"duration_us":%d,"requests":%d,"bytes":%d,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d,"min_us":%d,"mean_us":%.1f,"stdev_us":%.1f,"max_us":%d,"p50_us":%d,"p75_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d}\\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max, latency:percentile(50), latency:percentile(75),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
`;

// Writes a wrk Lua script that POSTs the body in bodyFile with the given headers.
// rate > 0 paces all connections of the (single) wrk thread to that many requests/s.
// fresh: { before, token }: each request's body gets `<token>-<n> ` inserted before the first `before` in it.
export function writeScript(file, { bodyFile, headers = {}, rate = 0, fresh = null }) {
  const lines = [
    `local f = assert(io.open(${lua(path.resolve(bodyFile))}, "rb"))`,
    'wrk.method = "POST"',
    'wrk.body = f:read("*a")',
    'f:close()',
    'wrk.headers["Content-Type"] = "application/json"',
    ...Object.entries(headers).map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(String(v))}`),
  ];
  if (fresh) {
    lines.push(`local at = assert(wrk.body:find(${lua(fresh.before)}, 1, true), "fresh-bodies: marker not in body")`,
      'local head, tail = wrk.body:sub(1, at - 1), wrk.body:sub(at)',
      `local token = ${lua(fresh.token)}`,
      'local n = 0',
      'function request()',
      '  n = n + 1',
      '  return wrk.format(nil, nil, nil, head .. token .. "-" .. n .. " " .. tail)',
      'end');
  }
  if (rate > 0) {
    lines.push('local ffi = require("ffi")',
      'ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } bench_ts; int clock_gettime(int clk, bench_ts *tp); ]]',
      'local ts = ffi.new("bench_ts")',
      'local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end',
      `local gap = ${1000 / rate}`,
      'local next_at = nil',
      'math.randomseed(os.time())',
      'function delay()',
      '  local now = now_ms()',
      '  next_at = (next_at or now) - gap * math.log(1 - math.random())',
      '  if next_at <= now then next_at = now; return 0 end',
      '  return math.floor(next_at - now + 0.5)',
      'end');
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n${DONE}`);
  return file;
}

// Runs wrk once; resolves with the parsed WRKJSON stats (+ rps), or rejects with wrk's output.
export function runWrk({ url, script, conns, seconds, timeoutS = 10, cpu = null }) {
  const args = ['-t1', `-c${conns}`, `-d${seconds}s`, '--timeout', `${timeoutS}s`, '-s', script, url];
  const argv = cpu != null ? ['taskset', '-c', String(cpu), 'wrk', ...args] : ['wrk', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const guard = setTimeout(() => child.kill('SIGKILL'), (seconds + timeoutS + 15) * 1000);
    child.on('close', (code) => {
      clearTimeout(guard);
      const m = /WRKJSON (\{.*\})/.exec(out);
      if (!m) return reject(new Error(`wrk exited ${code} without stats: ${out.slice(-500)}`));
      const s = JSON.parse(m[1]);
      s.rps = s.requests / (s.duration_us / 1e6);
      s.errors = s.err_connect + s.err_read + s.err_write + s.err_status + s.err_timeout;
      resolve(s);
    });
  });
}
