// Which price meters a (vendor, model): config `prices` first, then the bundled catalog. Resolved once for every
// configured target at creation, because price() runs on every request.
import type { Protocol } from '../core/canonical.ts';
import type { Config, PriceConfig } from '../config/types.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';

export interface PricedBy {
  price: PriceConfig;
  source: 'config' | 'catalog';
}

export interface PriceSource {
  price(vendor: string, protocol: Protocol, model: string): PricedBy | undefined;
  /** the catalog's version, recorded with every request it priced */
  readonly version: string;
}

/**
 * A config price replaces the catalog's as a whole (no field-by-field merge): an operator who states a negotiated
 * price states all of it, and a missing cache price then falls back to the input price in costUsd (never cheaper).
 * Targets of config.models are resolved with their vendor's configured protocol; any other (vendor, model) is
 * resolved on demand with the protocol given.
 */
export function createPriceSource(config: Config, catalog: Catalog): PriceSource & { warnings(): string[] } {
  const table = new Map<string, PricedBy | null>();
  const unpriced: string[] = [];
  for (const model of config.models.values()) {
    for (const { vendor, model: id } of model.targets) {
      const key = `${vendor}/${id}`;
      if (table.has(key)) continue;
      const priced = resolvePrice(config, catalog, vendor, config.vendors.get(vendor)?.protocol, id);
      table.set(key, priced ?? null);
      if (priced === undefined) {
        unpriced.push(
          `model ${id} of vendor ${vendor} has no price in the catalog or config: it is metered at zero ` +
            `(recorded with price source 'unpriced'); add prices["${key}"] to the config`,
        );
      }
    }
  }
  return {
    version: catalog.version,
    price(vendor, protocol, model) {
      const hit = table.get(`${vendor}/${model}`);
      if (hit !== undefined) return hit ?? undefined;
      return resolvePrice(config, catalog, vendor, protocol, model);
    },
    warnings: () => [...unpriced],
  };
}

function resolvePrice(
  config: Config,
  catalog: Catalog,
  vendor: string,
  protocol: Protocol | undefined,
  model: string,
): PricedBy | undefined {
  const own = config.prices.get(`${vendor}/${model}`);
  if (own !== undefined) return Object.freeze({ price: Object.freeze({ ...own }), source: 'config' });
  const entry = protocol === undefined ? undefined : catalog.lookup(protocol, model);
  return entry === undefined ? undefined : Object.freeze({ price: Object.freeze(toPrice(entry)), source: 'catalog' });
}

function toPrice(entry: CatalogEntry): PriceConfig {
  const price: PriceConfig = { input: entry.input, output: entry.output };
  if (entry.cacheRead !== undefined) price.cacheRead = entry.cacheRead;
  if (entry.cacheWrite !== undefined) price.cacheWrite = entry.cacheWrite;
  return price;
}
