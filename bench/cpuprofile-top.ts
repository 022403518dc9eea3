// Where a V8 CPU profile (`node --cpu-prof`) spends its time: self time aggregated by function + source location,
// the top N, plus the same time grouped by area (Airlock's src/<layer>, each npm package, each Node internal
// module, GC, native). Used by bench/profile.ts; also works alone:
//
//   node --import tsx bench/cpuprofile-top.ts FILE.cpuprofile [--top 25] [--from-us T --to-us T]
//
// Airlock's TypeScript runs through tsx, which compiles each file to one long line; source lines are recovered from
// the source maps in tsx's cache (os.tmpdir()/tsx-<uid>), else a location reads `file.ts@col N`.
//
// --from-us/--to-us keep only samples taken in that window (profile clock = CLOCK_MONOTONIC in µs, the clock of
// process.hrtime in any process on the machine), so start-up and shutdown can be left out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  fn: string;
  where: string;
  area: string;
  ms: number;
}
export interface Summary {
  windowMs: number;
  busyMs: number;
  idleMs: number;
  samples: number;
  functions: Row[];
  areas: { area: string; ms: number }[];
  /** Airlock's own functions by total time (self + everything they call), the top N */
  airlockTotal: Row[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Which part of the process a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'V8/native (program)';
    if (functionName === '(idle)') return 'idle';
    return 'builtins (JSON, RegExp, …)';
  }
  if (url.startsWith('wasm://')) return 'wasm (undici llhttp)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `npm ${pkg[1]}`;
  if (url.startsWith('node:')) {
    const mod = url.slice(5).replace(/^internal\//, '').split('/')[0] ?? '';
    const norm = mod.replace(/^_http_\w+$/, 'http').replace(/^_stream_\w+$/, 'streams');
    return `node:${norm}`;
  }
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const rel = path.relative(repoRoot, file);
  const src = /^src\/([^/]+)\//.exec(rel);
  if (src) return `airlock src/${src[1]}`;
  return rel.startsWith('..') ? 'other' : `repo ${rel.split('/')[0] ?? ''}`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A source map's mappings → per generated line, [generated column, original line] pairs in column order. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let srcLine = 0;
  for (const line of mappings.split(';')) {
    const segs: [number, number][] = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (seg === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0] ?? 0;
      if (fields.length >= 4) {
        srcLine += fields[2] ?? 0;
        segs.push([col, srcLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

interface TsxEntry {
  mtime: number;
  code: string;
  map: { sources: string[]; mappings: string };
}

/** Original line numbers for frames of tsx-compiled files, from tsx's on-disk cache. */
export class TsxLines {
  private entries: Map<string, TsxEntry[]> | null = null;
  private chosen = new Map<string, { lines: [number, number][][] } | null>();

  constructor(private readonly frames: CallFrame[], private readonly dir = path.join(os.tmpdir(), `tsx-${os.userInfo().uid}`)) {}

  private load(): Map<string, TsxEntry[]> {
    const out = new Map<string, TsxEntry[]>();
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return out;
    }
    for (const name of names) {
      try {
        const file = path.join(this.dir, name);
        const e = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TsxEntry>;
        const src = e.map?.sources?.[0];
        if (typeof e.code !== 'string' || typeof e.map?.mappings !== 'string' || src === undefined) continue;
        const list = out.get(src) ?? [];
        list.push({ mtime: fs.statSync(file).mtimeMs, code: e.code, map: { sources: e.map.sources, mappings: e.map.mappings } });
        out.set(src, list);
      } catch {
        // not a cache entry
      }
    }
    for (const list of out.values()) list.sort((a, b) => b.mtime - a.mtime);
    return out;
  }

  /** The newest cached compile of file in which the profile's named functions sit where the profile says. */
  private pick(file: string): { lines: [number, number][][] } | null {
    if (this.chosen.has(file)) return this.chosen.get(file) ?? null;
    this.entries ??= this.load();
    const url = pathToFileURL(file).href;
    const named = this.frames.filter((f) => f.url === url && f.functionName !== '');
    let found: { lines: [number, number][][] } | null = null;
    for (const e of this.entries.get(file) ?? []) {
      const codeLines = e.code.split('\n');
      const fits = named.filter((f) => (codeLines[f.lineNumber] ?? '').slice(Math.max(0, f.columnNumber - f.functionName.length - 40), f.columnNumber).includes(f.functionName));
      if (fits.length >= named.length * 0.8) {
        found = { lines: decodeMappings(e.map.mappings) };
        break;
      }
    }
    this.chosen.set(file, found);
    return found;
  }

  /** 1-based original line, or undefined. */
  line(frame: CallFrame, file: string): number | undefined {
    const segs = this.pick(file)?.lines[frame.lineNumber];
    if (!segs?.length) return undefined;
    let best: [number, number] | undefined = segs[0];
    for (const s of segs) {
      if (s[0] > frame.columnNumber) break;
      best = s;
    }
    return best === undefined ? undefined : best[1] + 1;
  }
}

function whereOf(frame: CallFrame, tsx: TsxLines): string {
  if (frame.url === '') return '';
  const file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const rel = file.startsWith('/') ? path.relative(repoRoot, file) : file;
  if (/\.[mc]?tsx?$/.test(file)) {
    const line = tsx.line(frame, file);
    return line === undefined ? `${rel}@col ${frame.columnNumber}` : `${rel}:${line}`;
  }
  return `${rel}:${frame.lineNumber + 1}`;
}

/** Self time per function + location (and per area) over the samples in [fromUs, toUs]. */
export function summarize(profile: CpuProfile, opts: { top?: number; fromUs?: number; toUs?: number } = {}): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const tsx = new TsxLines(profile.nodes.map((n) => n.callFrame));
  const self = new Map<number, number>(); // node id → µs
  const from = opts.fromUs ?? -Infinity;
  const to = opts.toUs ?? Infinity;
  let t = profile.startTime;
  let first = Infinity;
  let last = -Infinity;
  let samples = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    // a sample stands for the time until the next one
    const weight = Math.max(0, profile.timeDeltas[i + 1] ?? 0);
    const id = profile.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + weight);
    first = Math.min(first, t);
    last = Math.max(last, t);
    samples++;
  }
  // total (inclusive) time of Airlock's own functions: each sample counts once for every distinct one on its stack
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, Row>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const frame = byId.get(x)?.callFrame;
      if (!frame) break;
      const area = areaOf(frame);
      if (!area.startsWith('airlock ')) continue;
      const fn = frame.functionName || '(anonymous)';
      const where = whereOf(frame, tsx);
      const key = `${fn}\u0000${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const row = totals.get(key) ?? { fn, where, area, ms: 0 };
      row.ms += us / 1000;
      totals.set(key, row);
    }
  }
  const fns = new Map<string, Row>();
  const areas = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame);
    if (area === 'idle') {
      idle += us;
      continue;
    }
    const fn = frame.functionName || '(anonymous)';
    const where = whereOf(frame, tsx);
    const key = `${fn}\u0000${where}`;
    const row = fns.get(key) ?? { fn, where, area, ms: 0 };
    row.ms += us / 1000;
    fns.set(key, row);
    areas.set(area, (areas.get(area) ?? 0) + us / 1000);
  }
  const functions = [...fns.values()].sort((a, b) => b.ms - a.ms);
  return {
    windowMs: samples ? (last - first) / 1000 : 0,
    busyMs: functions.reduce((s, r) => s + r.ms, 0),
    idleMs: idle / 1000,
    samples,
    functions: functions.slice(0, opts.top ?? 25),
    airlockTotal: [...totals.values()].sort((a, b) => b.ms - a.ms).slice(0, Math.min(15, opts.top ?? 25)),
    areas: [...areas.entries()].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms),
  };
}

export function render(s: Summary, title: string): string {
  const pct = (ms: number): string => `${((ms / (s.busyMs || 1)) * 100).toFixed(1)}%`;
  const lines = [
    `### ${title}`,
    '',
    `${s.samples} samples over ${(s.windowMs / 1000).toFixed(2)} s: busy ${(s.busyMs / 1000).toFixed(2)} s, idle ${(s.idleMs / 1000).toFixed(2)} s; % = share of busy time`,
    '',
    '| # | self ms | % busy | function | where | area |',
    '| ---: | ---: | ---: | --- | --- | --- |',
    ...s.functions.map((r, i) => `| ${i + 1} | ${r.ms.toFixed(0)} | ${pct(r.ms)} | ${r.fn} | ${r.where} | ${r.area} |`),
    '',
    '| Airlock function | total ms (self + callees) | % busy | where |',
    '| --- | ---: | ---: | --- |',
    ...s.airlockTotal.map((r) => `| ${r.fn} | ${r.ms.toFixed(0)} | ${pct(r.ms)} | ${r.where} |`),
    '',
    '| area | self ms | % busy |',
    '| --- | ---: | ---: |',
    ...s.areas.filter((a) => a.ms >= s.busyMs * 0.005).map((a) => `| ${a.area} | ${a.ms.toFixed(0)} | ${pct(a.ms)} |`),
  ];
  const small = s.areas.filter((a) => a.ms < s.busyMs * 0.005);
  if (small.length) lines.push(`| ${small.length} more areas under 0.5% each | ${small.reduce((t, a) => t + a.ms, 0).toFixed(0)} | ${pct(small.reduce((t, a) => t + a.ms, 0))} |`);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, 'from-us': { type: 'string' }, 'to-us': { type: 'string' } },
  });
  if (positionals.length === 0) {
    console.error('usage: node --import tsx bench/cpuprofile-top.ts FILE.cpuprofile [--top 25] [--from-us T --to-us T]');
    process.exitCode = 2;
  }
  for (const file of positionals) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const opts = {
      top: Number(values.top),
      ...(values['from-us'] ? { fromUs: Number(values['from-us']) } : {}),
      ...(values['to-us'] ? { toUs: Number(values['to-us']) } : {}),
    };
    console.log(render(summarize(profile, opts), file));
  }
}
