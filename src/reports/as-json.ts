// The reports a running gateway serves on its admin API (GET /admin/reports/:name), as the data that
// `airlock report <name> --format json` prints, read through the gateway's own store connection and judged
// by its live vendor register. Parameters are the CLI's flags, by the same names and with the same defaults.
import type { Config } from '../config/types.ts';
import type { EffectiveReview } from '../governance/types.ts';
import { retirementOf } from '../routing/deprecation.ts';
import { targetRetirement } from '../routing/lifecycle.ts';
import type { StoreReaders } from '../store/reader.ts';
import { SPEND_DIMENSIONS, type SpendDimension } from '../store/sqlite/spend.ts';
import { flowsJson } from './data-flows.ts';
import { deprecations, deprecationsJson, TRAFFIC_DAYS } from './deprecations.ts';
import { forecast, forecastJson, forecastSince } from './forecast.ts';
import { isoSecond, parseSince, parseWithin, PeriodError } from './period.ts';
import { readiness, readinessJson, READINESS_DAYS, readStoreView } from './readiness.ts';
import { ParamError } from './param-error.ts';
import { spendJson } from './spend.ts';
import { replay, whatIfJson } from './what-if.ts';
import { parseScenario, requireRoutePrices, todaysPrices, type PriceLookup } from './what-if-scenario.ts';

export interface ReportSources {
  config: Config;
  readers: StoreReaders;
  /** the vendor register's review as it counts now, admin changes included */
  review: (vendor: string, now: number) => EffectiveReview;
  now: number;
}

interface Params {
  get(name: string, fallback: string): string;
  /** a parameter given any number of times */
  all(name: string): string[];
}
type Report = { params: readonly string[]; run: (get: Params, src: ReportSources) => Promise<object> };

const DAY_MS = 86_400_000;

// today's prices read the bundled catalog: once per config, not on every what-if a dashboard asks for
const prices = new WeakMap<Config, PriceLookup>();
function pricesOf(config: Config): PriceLookup {
  let lookup = prices.get(config);
  if (lookup === undefined) prices.set(config, (lookup = todaysPrices(config)));
  return lookup;
}

function since(get: Params, now: number): number {
  try {
    return parseSince(get.get('since', '30d'), now);
  } catch (err) {
    throw err instanceof PeriodError ? new ParamError(err.message, 'since') : err;
  }
}

function dimension(value: string): SpendDimension {
  if (!(SPEND_DIMENSIONS as readonly string[]).includes(value)) throw new ParamError(`by must be one of ${SPEND_DIMENSIONS.join(', ')}; got '${value.slice(0, 40)}'`, 'by');
  return value as SpendDimension;
}

const REPORTS: Record<string, Report> = {
  spend: {
    params: ['since', 'by'],
    async run(get, { readers, now }) {
      const by = dimension(get.get('by', 'team'));
      const from = since(get, now);
      return spendJson(await readers.spend.byDimension(by, from), { by, since: from, until: now });
    },
  },
  'data-flows': {
    params: ['since'],
    async run(get, { readers, now }) {
      const from = since(get, now);
      const flows = await readers.dataFlows.aggregate(from);
      return { since: isoSecond(from), until: isoSecond(now), requests: await readers.dataFlows.count(from), flows: flowsJson(flows) };
    },
  },
  forecast: {
    params: [],
    async run(_get, { config, readers, now }) {
      return forecastJson(forecast(await readers.spend.daily(forecastSince(now)), { teams: config.teams, apps: config.apps }, now), now);
    },
  },
  deprecations: {
    params: ['within'],
    async run(get, { config, readers, now }) {
      let withinDays: number;
      try {
        withinDays = parseWithin(get.get('within', '90d'));
      } catch (err) {
        throw new ParamError((err as Error).message, 'within');
      }
      const from = now - TRAFFIC_DAYS * DAY_MS;
      const traffic = await readers.modelTraffic.since(from);
      const report = deprecations({ models: config.models.values(), lookup: (t) => targetRetirement(t), traffic, now, withinDays });
      return deprecationsJson(report, { now, withinDays, traffic: { since: from } });
    },
  },
  'what-if': {
    params: ['since', 'price', 'route', 'traffic'],
    async run(get, { config, readers, now }) {
      const from = since(get, now);
      const scenario = parseScenario(get.all('price'), get.all('route'), get.get('traffic', 'x1'));
      const today = pricesOf(config);
      requireRoutePrices(scenario, today, true);
      return whatIfJson(replay(await readers.usageReplay.usage(from), scenario, today), scenario, { since: from, until: now });
    },
  },
  readiness: {
    params: [],
    async run(_get, { config, readers, review, now }) {
      const from = now - READINESS_DAYS * DAY_MS;
      const view = await readStoreView(readers, from);
      const models = readiness({ config, review: (vendor) => review(vendor, now), ...view, lookup: retirementOf, now, withinDays: 90 });
      return readinessJson(models, from, undefined);
    },
  },
};

export const REPORT_NAMES: readonly string[] = Object.keys(REPORTS);

/** undefined: no report by that name. Rejects with ParamError for a parameter the report cannot use. */
export async function reportJson(name: string, query: URLSearchParams, src: ReportSources): Promise<object | undefined> {
  const report = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  if (report === undefined) return undefined;
  for (const key of query.keys()) {
    if (!report.params.includes(key)) {
      const takes = report.params.length === 0 ? 'takes no parameters' : `takes ${report.params.join(', ')}`;
      throw new ParamError(`unknown parameter '${key.slice(0, 40)}': the ${name} report ${takes}`, key.slice(0, 40));
    }
  }
  return report.run({ get: (key, fallback) => query.get(key) ?? fallback, all: (key) => query.getAll(key) }, src);
}
