// plan: the logical model's targets in order, as the caller may use them.
import type { Config, TargetConfig, Timeouts, VendorConfig } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { FallbackTarget } from './fallback.ts';

export interface PlannedTarget extends FallbackTarget {
  vendorConfig: VendorConfig;
  timeouts: Timeouts;
}

// A config never changes once loaded, so each model's plan is built once.
const plans = new WeakMap<Config, Map<string, PlannedTarget[]>>();

export function planTargets(config: Config, logicalModel: string, allowed: Set<string> | null): PlannedTarget[] {
  const model = config.models.get(logicalModel);
  if (model === undefined || (allowed !== null && !allowed.has(logicalModel))) {
    throw new AirlockError('model_not_found', `model '${logicalModel}' does not exist or this key may not use it`, { param: 'model' });
  }
  let byModel = plans.get(config);
  if (byModel === undefined) plans.set(config, (byModel = new Map<string, PlannedTarget[]>()));
  let plan = byModel.get(logicalModel);
  if (plan === undefined) byModel.set(logicalModel, (plan = build(config, model.targets)));
  return plan;
}

function build(config: Config, targets: TargetConfig[]): PlannedTarget[] {
  return targets.map((t) => {
    const vendorConfig = config.vendors.get(t.vendor);
    if (vendorConfig === undefined) throw new AirlockError('internal', `target vendor ${t.vendor} is not configured`);
    return { vendor: t.vendor, model: t.model, retry: vendorConfig.retry, vendorConfig, timeouts: t.timeouts };
  });
}

/** The logical models a principal may call, for GET /v1/models. */
export function visibleModels(config: Config, allowed: Set<string> | null): string[] {
  return [...config.models.keys()].filter((m) => allowed === null || allowed.has(m));
}
