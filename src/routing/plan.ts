// plan: the logical model's targets in order, as the caller may use them, with retired targets replaced by
// their successors or dropped (lifecycle.ts).
import type { Config, TargetConfig, Timeouts, VendorConfig } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { FallbackTarget } from './fallback.ts';
import { resolveChain, type LifecycleSwitch, type TargetRetirement } from './lifecycle.ts';

export interface PlannedTarget extends FallbackTarget {
  vendorConfig: VendorConfig;
  timeouts: Timeouts;
  /** the target's scheduled retirement and the warning window, for the Deprecation/Sunset headers */
  deprecation?: { retirement: TargetRetirement; warnDays: number };
}

interface CachedPlan {
  targets: PlannedTarget[];
  /** the plan holds until the next retirement among its targets */
  validUntil: number;
  switches: LifecycleSwitch[];
}

// A config never changes once loaded, so each model's plan is built once, and again only on a retirement day.
const plans = new WeakMap<Config, Map<string, CachedPlan>>();
const listeners = new WeakMap<Config, (switches: LifecycleSwitch[]) => void>();

/**
 * Called with a model's switches whenever its plan is (re)built and has any: at the first request on or after a
 * retirement day. The listener must be idempotent (the gateway records each switch once by its id).
 */
export function onLifecycleSwitch(config: Config, listener: (switches: LifecycleSwitch[]) => void): void {
  listeners.set(config, listener);
}

export function planTargets(config: Config, logicalModel: string, allowed: Set<string> | null, now: number = Date.now()): PlannedTarget[] {
  const model = config.models.get(logicalModel);
  if (model === undefined || (allowed !== null && !allowed.has(logicalModel))) {
    throw new AirlockError('model_not_found', `model '${logicalModel}' does not exist or this key may not use it`, { param: 'model' });
  }
  let byModel = plans.get(config);
  if (byModel === undefined) plans.set(config, (byModel = new Map<string, CachedPlan>()));
  let plan = byModel.get(logicalModel);
  if (plan === undefined || now >= plan.validUntil) {
    const chain = resolveChain(config, model, now);
    plan = { targets: chain.targets.map((t) => build(config, t.target, t.retirement)), validUntil: chain.validUntil, switches: chain.switches };
    byModel.set(logicalModel, plan);
    if (chain.switches.length > 0) {
      try {
        listeners.get(config)?.(chain.switches);
      } catch {
        // recording the switch must never fail the request it happened on
      }
    }
  }
  if (plan.targets.length === 0) {
    const last = plan.switches.at(-1)?.date ?? '';
    throw new AirlockError('model_retired', `every target of model '${logicalModel}' is retired (last on ${last}) and has no successor`, { param: 'model' });
  }
  return plan.targets;
}

function build(config: Config, t: TargetConfig, retirement: TargetRetirement | undefined): PlannedTarget {
  const vendorConfig = config.vendors.get(t.vendor);
  if (vendorConfig === undefined) throw new AirlockError('internal', `target vendor ${t.vendor} is not configured`);
  const planned: PlannedTarget = { vendor: t.vendor, model: t.model, retry: vendorConfig.retry, vendorConfig, timeouts: t.timeouts };
  if (retirement !== undefined) planned.deprecation = { retirement, warnDays: config.deprecation.warnDays };
  return planned;
}

/** The logical models a principal may call, for GET /v1/models. */
export function visibleModels(config: Config, allowed: Set<string> | null): string[] {
  return [...config.models.keys()].filter((m) => allowed === null || allowed.has(m));
}
