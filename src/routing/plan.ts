// plan: the logical model's targets in order, as the caller may use them.
import type { Config, Timeouts, VendorConfig } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { FallbackTarget } from './fallback.ts';

export interface PlannedTarget extends FallbackTarget {
  vendorConfig: VendorConfig;
  timeouts: Timeouts;
}

export function planTargets(config: Config, logicalModel: string, allowed: Set<string> | null): PlannedTarget[] {
  const model = config.models.get(logicalModel);
  if (model === undefined || (allowed !== null && !allowed.has(logicalModel))) {
    throw new AirlockError('model_not_found', `model '${logicalModel}' does not exist or this key may not use it`, { param: 'model' });
  }
  return model.targets.map((t) => {
    const vendorConfig = config.vendors.get(t.vendor);
    if (vendorConfig === undefined) throw new AirlockError('internal', `target vendor ${t.vendor} is not configured`);
    return { vendor: t.vendor, model: t.model, retry: vendorConfig.retry, vendorConfig, timeouts: t.timeouts };
  });
}

/** The logical models a principal may call, for GET /v1/models. */
export function visibleModels(config: Config, allowed: Set<string> | null): string[] {
  return [...config.models.keys()].filter((m) => allowed === null || allowed.has(m));
}
