// Copied from ../shared/bench/lib/report.mjs (see ../README.md). Change: a "× node-http" ratio beside × direct
// and × nginx (Airlock's throughput goal is stated against the bare node:http proxy).
//
// Turns raw wrk runs into per-cell aggregates, ratios against "direct" and "nginx",
// a markdown table and a one-line summary.
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const sum = (a) => a.reduce((x, y) => x + y, 0);
const geo = (a) => Math.exp(mean(a.map(Math.log)));
const key = (r) => `${r.scenario}|${r.load}`;

export function aggregate(runs) {
  const cells = new Map();
  for (const r of runs) {
    const k = `${key(r)}|${r.target}`;
    if (!cells.has(k)) cells.set(k, { scenario: r.scenario, load: r.load, target: r.target, runs: [] });
    cells.get(k).runs.push(r);
  }
  const out = [...cells.values()].map((c) => {
    const rs = c.runs; const reqs = sum(rs.map((r) => r.requests));
    const rps = rs.map((r) => r.rps);
    return { scenario: c.scenario, load: c.load, target: c.target, rounds: rs.length,
      rps: mean(rps), rps_spread: rs.length > 1 ? (Math.max(...rps) - Math.min(...rps)) / mean(rps) : 0,
      p50_ms: mean(rs.map((r) => r.p50_us)) / 1000, p90_ms: mean(rs.map((r) => r.p90_us)) / 1000,
      p99_ms: mean(rs.map((r) => r.p99_us)) / 1000, max_ms: Math.max(...rs.map((r) => r.max_us)) / 1000,
      requests: reqs, errors: sum(rs.map((r) => r.errors)), mock_hits: sum(rs.map((r) => r.mock_hits)),
      cpu_us_per_req: reqs ? (sum(rs.map((r) => r.target_cpu_s)) / reqs) * 1e6 : null,
      mock_cpu_us_per_req: reqs ? (sum(rs.map((r) => r.mock_cpu_s)) / reqs) * 1e6 : null,
      rss_mib: Math.max(...rs.map((r) => r.target_rss_mib)),
      // a fixed-rate run that fell short of its offered rate (by >10% and by more than 4 sigma of
      // Poisson noise) could not keep up: it measured a queue, not the hop
      saturated: rs[0].offered_rps ? mean(rps) < rs[0].offered_rps * (1 - Math.max(0.1, 4 / Math.sqrt(rs[0].offered_rps * sum(rs.map((r) => r.seconds))))) : false };
  });
  const find = (c, t) => out.find((o) => o.scenario === c.scenario && o.load === c.load && o.target === t);
  for (const c of out) {
    const d = find(c, 'direct'); const n = find(c, 'nginx'); const h = find(c, 'node-http');
    c.x_direct = d ? c.rps / d.rps : null;
    c.x_nginx = n ? c.rps / n.rps : null;
    c.x_node_http = h ? c.rps / h.rps : null;
    c.added_p50_ms = d ? c.p50_ms - d.p50_ms : null;
    c.added_p99_ms = d ? c.p99_ms - d.p99_ms : null;
  }
  return out;
}

const f = (v, d = 2) => (v == null || Number.isNaN(v) ? '–' : v.toFixed(d));
const sign = (v, d = 2) => (v == null ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(d)}`);

export function markdown(cells) {
  const rows = ['| scenario | load | target | req/s | × direct | × nginx | × node-http | p50 ms | p99 ms | +p50 ms | +p99 ms | CPU µs/req | RSS MiB | errors |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const c of cells) {
    rows.push(`| ${c.scenario} | ${c.load} | ${c.target} | ${f(c.rps, 0)}${c.saturated ? ' (saturated)' : ''} | ${f(c.x_direct)} | ${f(c.x_nginx)} | ${f(c.x_node_http)} | ${f(c.p50_ms, 3)} | ${f(c.p99_ms, 3)} | ${sign(c.added_p50_ms, 3)} | ${sign(c.added_p99_ms, 3)} | ${c.target === 'direct' ? '–' : f(c.cpu_us_per_req, 0)} | ${c.target === 'direct' ? '–' : f(c.rss_mib, 0)} | ${c.errors} |`);
  }
  return rows.join('\n');
}

// One line: RPS ratio to direct at the largest connection count (geometric mean over
// scenarios), mean added p99 at the last fixed rate, mean CPU per request at that connection count.
export function summaryLine(cells, { conns, rate, file }) {
  const targets = [...new Set(cells.map((c) => c.target))].filter((t) => t !== 'direct');
  const cLoad = conns.length ? `c${Math.max(...conns)}` : null; const rLoad = rate ? `rate${rate}` : null;
  const parts = targets.map((t) => {
    const tp = cells.filter((c) => c.target === t && c.load === cLoad && c.x_direct);
    const lt = cells.filter((c) => c.target === t && c.load === rLoad && c.added_p99_ms != null);
    const sat = lt.some((c) => c.saturated) ? ' (saturated)' : '';
    const cpu = cells.filter((c) => c.target === t && c.cpu_us_per_req && (!cLoad || c.load === cLoad)); // busy-target CPU only
    return `${t} ${tp.length ? f(geo(tp.map((c) => c.x_direct))) : '–'}x` +
      (lt.length ? ` ${sign(mean(lt.map((c) => c.added_p99_ms)))}ms${sat}` : '') +
      (cpu.length ? ` ${f(mean(cpu.map((c) => c.cpu_us_per_req)), 0)}µs` : '');
  });
  const d = cells.filter((c) => c.target === 'direct' && c.load === cLoad);
  return `SUMMARY direct ${d.length ? f(geo(d.map((c) => c.rps)), 0) : '–'} req/s @${cLoad ?? '–'}; per target: req/s ÷ direct @${cLoad ?? '–'}` +
    `${rate ? `, added p99 @${rate}/s` : ''}, CPU/req → ${parts.join(' | ')} ; ${file}`;
}
