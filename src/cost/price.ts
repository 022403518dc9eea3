import type { Usage } from '../core/canonical.ts';
import type { PriceConfig } from '../config/types.ts';

/**
 * USD for one answer. Cached input is priced at the cache-read price when there is one (Usage.input includes
 * cached tokens). Null when the usage or the price is unknown: unknown is not zero.
 */
export function costUsd(usage: Usage | null, price: PriceConfig | undefined): number | null {
  if (usage === null || price === undefined) return null;
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  const plainInput = Math.max(0, usage.input - cacheRead - cacheWrite);
  const micro =
    plainInput * price.input +
    cacheRead * (price.cacheRead ?? price.input) +
    cacheWrite * (price.cacheWrite ?? price.input) +
    usage.output * price.output;
  return micro / 1_000_000;
}
