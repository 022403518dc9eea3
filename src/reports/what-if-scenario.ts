// The scenario of `airlock report what-if`: price overrides, reroutes and a traffic multiplier, parsed from
// the repeatable flags, and "today's price" of a vendor model: the config's prices, else the catalog by the
// vendor's protocol in the config. Without a config (--store alone) only --price prices anything.
import type { Config, PriceConfig } from '../config/types.ts';
import { loadCatalog } from '../cost/catalog.ts';
import { createPriceSource } from '../cost/pricing.ts';
import { ParamError } from './param-error.ts';

export interface Target {
  vendor: string;
  model: string;
}

export interface Scenario {
  /** keyed "vendor/model", USD per million tokens */
  prices: Map<string, PriceConfig>;
  /** logical model → where all of its recorded tokens go instead */
  routes: Map<string, Target>;
  traffic: number;
}

/** Today's price of a vendor model without the scenario's overrides; undefined when nothing prices it. */
export type PriceLookup = (vendor: string, model: string) => PriceConfig | undefined;

export const targetKey = (t: Target): string => `${t.vendor}/${t.model}`;

const NUMBER = /^\d+(?:\.\d+)?$/;
const TARGET = /^([^/=\s]+)\/([^=\s]+)$/;

function parsePrice(text: string): [string, PriceConfig] {
  const eq = text.lastIndexOf('=');
  const target = TARGET.exec(text.slice(0, Math.max(eq, 0)));
  const values = text.slice(eq + 1).split(',');
  if (eq < 0 || target === null || values.length < 2 || values.length > 3 || !values.every((v) => NUMBER.test(v))) {
    throw new ParamError(`--price must be vendor/model=IN,OUT[,CACHE_READ] in USD per million tokens; got '${text}'`, 'price');
  }
  const [input, output, cacheRead] = values.map(Number) as [number, number, number | undefined];
  const price: PriceConfig = { input, output };
  if (cacheRead !== undefined) price.cacheRead = cacheRead;
  return [`${target[1]}/${target[2]}`, price];
}

function parseRoute(text: string): [string, Target] {
  const eq = text.indexOf('=');
  const target = TARGET.exec(text.slice(eq + 1));
  const logical = text.slice(0, Math.max(eq, 0));
  if (eq <= 0 || /\s/.test(logical) || target === null) {
    throw new ParamError(`--route must be logical=vendor/model; got '${text}'`, 'route');
  }
  return [logical, { vendor: target[1]!, model: target[2]! }];
}

/** `x3`, `3`, `x0.5`: a positive multiplier of the recorded volumes. */
export function parseTraffic(text: string): number {
  const m = /^[x×]?(\d+(?:\.\d+)?)$/i.exec(text.trim());
  const n = m === null ? NaN : Number(m[1]);
  if (!(n > 0) || !Number.isFinite(n)) throw new ParamError(`--traffic must be a positive multiplier like x3, 3 or x0.5; got '${text}'`, 'traffic');
  return n;
}

function unique<V>(flag: string, pairs: readonly [string, V][]): Map<string, V> {
  const map = new Map<string, V>();
  for (const [key, value] of pairs) {
    if (map.has(key)) throw new ParamError(`--${flag} ${key} given twice`, flag);
    map.set(key, value);
  }
  return map;
}

export function parseScenario(prices: readonly string[], routes: readonly string[], traffic: string): Scenario {
  return {
    prices: unique('price', prices.map(parsePrice)),
    routes: unique('route', routes.map(parseRoute)),
    traffic: parseTraffic(traffic),
  };
}

/** Today's prices from a config (null: none, as with --store alone). */
export function todaysPrices(config: Config | null): PriceLookup {
  if (config === null) return () => undefined;
  const source = createPriceSource(config, loadCatalog());
  return (vendor, model) => {
    const protocol = config.vendors.get(vendor)?.protocol;
    if (protocol === undefined) return config.prices.get(`${vendor}/${model}`);
    return source.price(vendor, protocol, model)?.price;
  };
}

/** The scenario's price of a vendor model: its --price, else today's. */
export function scenarioPrice(scenario: Scenario, today: PriceLookup, t: Target): PriceConfig | undefined {
  return scenario.prices.get(targetKey(t)) ?? today(t.vendor, t.model);
}

/** Every route must lead to a priced model: a replay that silently counts zero would read as a saving. */
export function requireRoutePrices(scenario: Scenario, today: PriceLookup, haveConfig: boolean): void {
  for (const [logical, target] of scenario.routes) {
    if (scenarioPrice(scenario, today, target) !== undefined) continue;
    const key = targetKey(target);
    const why = haveConfig ? 'neither the config nor the catalog prices it' : 'without a config (--store) only --price prices a model';
    throw new ParamError(`--route ${logical}=${key}: no price for ${key} (${why}); give --price ${key}=IN,OUT`, 'route');
  }
}
