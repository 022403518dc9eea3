// The deprecation lifecycle of a logical model's chain: each target's retirement (the config's `retires:` over
// the catalog's shutdown date) and successor (the config's `successor:` over the catalog's replacement, which
// is a model of the same vendor). From the retirement day on (00:00 UTC) the successor takes the target's place
// in the chain; a retired target with no successor is dropped: skipped, never called. A successor that is
// itself retired hands on to its own, up to MAX_HOPS.
import { createHash } from 'node:crypto';
import type { Config, ModelConfig, TargetConfig } from '../config/types.ts';
import { retirementOf, type Retirement } from './deprecation.ts';

export interface Successor {
  vendor: string;
  model: string;
}

export interface TargetRetirement extends Retirement {
  /** where the date came from */
  origin: 'config' | 'catalog';
  /** who serves in the target's place from the date; null: nobody, the target is skipped */
  successor: Successor | null;
}

/** One target that is retired as of `now`: replaced by `to`, or skipped when `to` is null. */
export interface LifecycleSwitch {
  logicalModel: string;
  /** 1-based place in the configured chain */
  position: number;
  from: Successor;
  to: Successor | null;
  /** YYYY-MM-DD: the retirement day */
  date: string;
  origin: 'config' | 'catalog';
}

export interface ResolvedTarget {
  target: TargetConfig;
  retirement: TargetRetirement | undefined;
}

export interface ResolvedChain {
  targets: ResolvedTarget[];
  switches: LifecycleSwitch[];
  /** epoch ms of the next retirement among the targets served now: the chain is the same until then */
  validUntil: number;
}

export type RetirementLookup = (vendorModel: string) => Retirement | undefined;

const MAX_HOPS = 4;

export function targetRetirement(t: TargetConfig, lookup: RetirementLookup = retirementOf): TargetRetirement | undefined {
  const feed = lookup(t.model);
  const fromFeed = feed?.replacement === undefined ? null : { vendor: t.vendor, model: feed.replacement };
  const successor = t.successor ?? fromFeed;
  const replacement = successor === null ? {} : { replacement: successor.model };
  if (t.retires !== undefined) {
    return { id: t.model, shutdown: t.retires, precision: 'exact', source: 'config', origin: 'config', successor, ...replacement };
  }
  if (feed === undefined) return undefined;
  const out: TargetRetirement = { ...feed, origin: 'catalog', successor };
  if (successor === null) delete out.replacement;
  else out.replacement = successor.model;
  return out;
}

/** epoch ms of 00:00 UTC on the retirement day */
export function retiresAt(r: Retirement): number {
  return Date.parse(r.shutdown);
}

function successorTarget(config: Config, from: TargetConfig, to: Successor): TargetConfig | null {
  const vendor = config.vendors.get(to.vendor);
  if (vendor === undefined) return null;
  // the same vendor keeps the target's own timeouts; another vendor brings its own
  return { vendor: to.vendor, model: to.model, timeouts: to.vendor === from.vendor ? from.timeouts : vendor.timeouts };
}

export function resolveChain(config: Config, model: ModelConfig, now: number, lookup: RetirementLookup = retirementOf): ResolvedChain {
  const targets: ResolvedTarget[] = [];
  const switches: LifecycleSwitch[] = [];
  const seen = new Set<string>();
  let validUntil = Number.POSITIVE_INFINITY;
  model.targets.forEach((configured, i) => {
    let current: TargetConfig | null = configured;
    for (let hop = 0; current !== null; hop++) {
      const r = targetRetirement(current, lookup);
      if (r === undefined || now < retiresAt(r)) {
        if (r !== undefined) validUntil = Math.min(validUntil, retiresAt(r));
        const key = `${current.vendor}/${current.model}`;
        // a successor already in the chain is not tried twice
        if (!seen.has(key)) targets.push({ target: current, retirement: r });
        seen.add(key);
        return;
      }
      const next: TargetConfig | null = r.successor === null || hop >= MAX_HOPS ? null : successorTarget(config, current, r.successor);
      switches.push({
        logicalModel: model.name,
        position: i + 1,
        from: { vendor: current.vendor, model: current.model },
        to: next === null ? null : { vendor: next.vendor, model: next.model },
        date: r.shutdown,
        origin: r.origin,
      });
      current = next;
    }
  });
  return { targets, switches, validUntil };
}

/** Every switch in effect across the config's logical models at `now`. */
export function allSwitches(config: Config, now: number, lookup: RetirementLookup = retirementOf): LifecycleSwitch[] {
  return [...config.models.values()].flatMap((m) => resolveChain(config, m, now, lookup).switches);
}

/** The same switch always gets the same id, so every instance and every restart records it once. */
export function switchId(s: LifecycleSwitch): string {
  const text = `${s.logicalModel}\n${s.position}\n${s.from.vendor}/${s.from.model}\n${s.date}`;
  return `aud_eol_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}
