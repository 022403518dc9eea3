// What `airlock check` adds about contingency: the breaker settings in force (top level and each vendor's
// override), and warnings for targets whose retirement day has come: replaced by a successor, or skipped
// because none is known, and for models left with no target at all.
import type { BreakerSettings, Config } from '../config/types.ts';
import { resolveChain, targetRetirement } from '../routing/lifecycle.ts';

const DAY_MS = 86_400_000;

function breakerText(b: BreakerSettings): string {
  return `opens at ${Math.round(b.failureRate * 100)}% failed of ≥ ${b.minRequests} requests in ${b.windowMs / 1000} s, stays open ${b.openMs / 1000} s, then ${b.halfOpenProbes} probe${b.halfOpenProbes === 1 ? '' : 's'}`;
}

export function breakerSummary(config: Config): string {
  const lines = [`breakers: ${breakerText(config.breaker)}${config.redis === null ? '' : `; shared through Redis (sync every ${config.breaker.syncMs} ms)`}`];
  for (const v of config.vendors.values()) if (v.breaker !== undefined) lines.push(`  ${v.name}: ${breakerText(v.breaker)}`);
  return `${lines.join('\n')}\n`;
}

export function lifecycleWarnings(config: Config, now: number): string[] {
  const out: string[] = [];
  for (const model of config.models.values()) {
    const chain = resolveChain(config, model, now);
    for (const s of chain.switches) {
      const what = `models.${s.logicalModel}.targets[${s.position - 1}]: ${s.from.vendor}/${s.from.model} retired on ${s.date} (${s.origin})`;
      out.push(s.to === null ? `${what} and has no successor: it is skipped, never called` : `${what}: ${s.to.vendor}/${s.to.model} serves in its place`);
    }
    if (chain.targets.length === 0) out.push(`models.${model.name}: every target is retired with no successor; requests answer model_retired (410)`);
    model.targets.forEach((t, i) => {
      const r = targetRetirement(t);
      if (r === undefined || now >= Date.parse(r.shutdown)) return;
      const days = Math.ceil((Date.parse(r.shutdown) - now) / DAY_MS);
      if (days > config.deprecation.warnDays) return;
      const next = r.successor === null ? 'no successor: it will be skipped' : `then ${r.successor.vendor}/${r.successor.model}`;
      out.push(`models.${model.name}.targets[${i}]: ${t.vendor}/${t.model} retires on ${r.shutdown} (in ${days} days, ${r.origin}); ${next}`);
    });
  }
  return out;
}
