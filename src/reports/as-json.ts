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
import { spendJson } from './spend.ts';

export interface ReportSources {
  config: Config;
  readers: StoreReaders;
  /** the vendor register's review as it counts now, admin changes included */
  review: (vendor: string, now: number) => EffectiveReview;
  now: number;
}

/** A parameter the report does not take, or a value it cannot use; `param` names it. */
export class ReportParamError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

type Params = (name: string, fallback: string) => string;
type Report = { params: readonly string[]; run: (get: Params, src: ReportSources) => Promise<object> };

const DAY_MS = 86_400_000;

function since(get: Params, now: number): number {
  try {
    return parseSince(get('since', '30d'), now);
  } catch (err) {
    throw err instanceof PeriodError ? new ReportParamError(err.message.replace('--since', 'since'), 'since') : err;
  }
}

function dimension(value: string): SpendDimension {
  if (!(SPEND_DIMENSIONS as readonly string[]).includes(value)) throw new ReportParamError(`by must be one of ${SPEND_DIMENSIONS.join(', ')}; got '${value.slice(0, 40)}'`, 'by');
  return value as SpendDimension;
}

const REPORTS: Record<string, Report> = {
  spend: {
    params: ['since', 'by'],
    async run(get, { readers, now }) {
      const by = dimension(get('by', 'team'));
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
        withinDays = parseWithin(get('within', '90d'));
      } catch (err) {
        throw new ReportParamError((err as Error).message.replace('--within', 'within'), 'within');
      }
      const from = now - TRAFFIC_DAYS * DAY_MS;
      const traffic = await readers.modelTraffic.since(from);
      const report = deprecations({ models: config.models.values(), lookup: (t) => targetRetirement(t), traffic, now, withinDays });
      return deprecationsJson(report, { now, withinDays, traffic: { since: from } });
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

/** undefined: no report by that name. Throws ReportParamError for a parameter the report cannot use. */
export async function reportJson(name: string, query: URLSearchParams, src: ReportSources): Promise<object | undefined> {
  const report = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  if (report === undefined) return undefined;
  for (const key of query.keys()) {
    if (!report.params.includes(key)) {
      const takes = report.params.length === 0 ? 'takes no parameters' : `takes ${report.params.join(', ')}`;
      throw new ReportParamError(`unknown parameter '${key.slice(0, 40)}': the ${name} report ${takes}`, key.slice(0, 40));
    }
  }
  const get: Params = (key, fallback) => query.get(key) ?? fallback;
  return report.run(get, src);
}
