// Copied unchanged from ../shared/bench/lib/procs.mjs (see ../README.md).
// Child processes for the bench: start pinned to a CPU, wait until they answer, measure their
// CPU time and RSS from /proc, and stop them (their own process group only, by pid).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export const hasCmd = (cmd) => { try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; } };
const TASKSET = hasCmd('taskset');
const CLK_TCK = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100; } catch { return 100; } })();
const children = new Set();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// argv[0] is the program; cpu (number|null) pins it (and everything it spawns) with taskset.
export function start(argv, { cpu = null, env = {}, log, cwd } = {}) {
  const full = cpu != null && TASKSET ? ['taskset', '-c', String(cpu), ...argv] : argv;
  const out = log ? fs.openSync(log, 'a') : 'ignore';
  const child = spawn(full[0], full.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out], detached: true });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.on('error', () => children.delete(child));
  return child;
}

export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  if (await Promise.race([gone.then(() => true), sleep(3000).then(() => false)])) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}
export const stopAll = () => Promise.all([...children].map(stop));

export function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

// Resolves when anything answers HTTP at url (any status), false after timeoutMs.
export async function waitHttp(url, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const req = http.get(url, (res) => { res.resume(); resolve(true); });
      req.on('error', () => resolve(false));
      req.setTimeout(1000, () => { req.destroy(); resolve(false); });
    });
    if (ok) return true;
    await sleep(150);
  }
  return false;
}

function statOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch { return null; }
}
function treePids(root) {
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(d);
    if (st) (kids.get(st.ppid) ?? kids.set(st.ppid, []).get(st.ppid)).push(Number(d));
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(kids.get(out[i]) ?? []));
  return out;
}
// CPU seconds (user+sys) and RSS (MiB) summed over a process and its descendants.
export function usage(rootPid) {
  if (!rootPid) return { cpu_s: 0, rss_mib: 0 };
  let ticks = 0; let rssKb = 0;
  for (const pid of treePids(rootPid)) {
    ticks += statOf(pid)?.ticks ?? 0;
    try { rssKb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0); } catch { /* exited */ }
  }
  return { cpu_s: ticks / CLK_TCK, rss_mib: rssKb / 1024 };
}
