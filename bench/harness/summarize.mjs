#!/usr/bin/env node
// Copied from ../shared/bench/summarize.mjs (see README.md). Change: a ×node-http column beside ×nginx.
// Compact per-target table from one or more overhead.mjs result files (each file's ratios were
// measured within that file's run). Usage: node summarize.mjs results/a.json [results/b.json ...]
//   columns: closed-loop req/s (x direct) at the smallest and largest connection count, x nginx and
//   CPU/request at the largest; then p50/p99 and added p50/p99 vs direct at each fixed rate.
import fs from 'node:fs';

const f = (v, d = 2) => (v == null || Number.isNaN(v) ? '–' : v.toFixed(d));
const s = (v, d = 2) => (v == null ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(d)}`);
const rows = [];
let head = null;
for (const file of process.argv.slice(2)) {
  const { cells } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const loads = [...new Set(cells.map((c) => c.load))];
  const conns = loads.filter((l) => l.startsWith('c')).sort((a, b) => a.slice(1) - b.slice(1));
  const rates = loads.filter((l) => l.startsWith('rate')).sort((a, b) => a.slice(4) - b.slice(4));
  const lo = conns[0]; const hi = conns[conns.length - 1];
  head ??= ['scenario', 'target', ...(lo ? [`req/s ${lo} (×direct)`] : []), ...(hi && hi !== lo ? [`req/s ${hi} (×direct)`] : []),
    ...(hi ? [`×nginx ${hi}`, `×node-http ${hi}`, `CPU µs/req ${hi}`] : []), ...rates.flatMap((r) => [`p50 / p99 ms @${r.slice(4)}/s`, `added p50 / p99 ms @${r.slice(4)}/s`])];
  const cell = (sc, t, l) => cells.find((c) => c.scenario === sc && c.target === t && c.load === l);
  for (const sc of [...new Set(cells.map((c) => c.scenario))]) {
    for (const t of [...new Set(cells.map((c) => c.target))]) {
      const r = [sc, t];
      for (const l of [lo, hi].filter((x, i, a) => x && a.indexOf(x) === i)) { const c = cell(sc, t, l); r.push(c ? `${f(c.rps, 0)} (${f(c.x_direct)})` : '–'); }
      if (hi) { const c = cell(sc, t, hi); r.push(f(c?.x_nginx), f(c?.x_node_http), t === 'direct' ? '–' : f(c?.cpu_us_per_req, 0)); }
      for (const l of rates) {
        const c = cell(sc, t, l);
        const sat = c?.saturated ? ` (sat. ${f(c.rps, 0)}/s)` : '';
        r.push(c ? `${f(c.p50_ms)} / ${f(c.p99_ms)}${sat}` : '–', c && t !== 'direct' ? `${s(c.added_p50_ms)} / ${s(c.added_p99_ms)}` : '–');
      }
      rows.push(r);
    }
  }
}
if (!head) { console.error('usage: node summarize.mjs results/FILE.json [...]'); process.exit(1); }
console.log(`| ${head.join(' | ')} |`);
console.log(`| ${head.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
