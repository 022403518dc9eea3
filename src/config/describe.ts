// What `airlock check` prints: each logical model's fallback chain in order, with what each target's vendor
// may receive under its current review, then the warnings. Columns are sized to the longest entry so nothing
// is cut off.
import type { Config, VendorConfig } from './types.ts';

function reviewText(v: VendorConfig | undefined, today: string): string {
  if (v === undefined) return 'unknown vendor';
  const r = v.review;
  if (r.status !== 'approved') return `review ${r.status}`;
  // PRODUCT.md: an expired review counts as pending. The expiry day itself still counts as approved.
  if (r.expires !== undefined && r.expires < today) return `review approved (expired ${r.expires}: counts as pending)`;
  const until = r.expires === undefined ? '' : ` (until ${r.expires})`;
  const data = r.approvedData.length === 0 ? '' : ` data: ${r.approvedData.join(', ')}`;
  return `review approved${until}${data}`;
}

interface Row {
  model: string;
  label: string;
  protocol: string;
  region: string;
  review: string;
}

function rows(config: Config, today: string): Row[] {
  const out: Row[] = [];
  for (const m of config.models.values()) {
    for (const t of m.targets) {
      const v = config.vendors.get(t.vendor);
      out.push({
        model: m.name,
        label: `${t.vendor}/${t.model}`,
        protocol: v?.protocol ?? '?',
        region: `region ${v?.region ?? '-'}`,
        review: reviewText(v, today),
      });
    }
  }
  return out;
}

export function describeChains(config: Config, now: number = Date.now()): string {
  const all = rows(config, new Date(now).toISOString().slice(0, 10));
  const width = (pick: (r: Row) => string): number => Math.max(0, ...all.map((r) => pick(r).length)) + 2;
  const [wl, wp, wr] = [width((r) => r.label), width((r) => r.protocol), width((r) => r.region)];
  const lines: string[] = [];
  let current: string | null = null;
  let n = 0;
  for (const r of all) {
    if (r.model !== current) {
      current = r.model;
      n = 0;
      lines.push(r.model);
    }
    n++;
    lines.push(`  ${n}. ${r.label.padEnd(wl)}${r.protocol.padEnd(wp)}${r.region.padEnd(wr)}${r.review}`);
  }
  if (all.length === 0) lines.push('no models configured');
  if (config.warnings.length > 0) {
    lines.push('', 'warnings:', ...config.warnings.map((w) => `  - ${w}`));
  }
  return lines.join('\n') + '\n';
}
