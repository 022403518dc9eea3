// What `airlock report deprecations` computes, apart from how it is read and printed: for every target of
// every logical model that the model-eol feed gives a shutdown date, how many days are left, whether it is
// retired, retiring within the window or later, which apps called the logical model lately, and which logical
// models have no target that outlives the window.
import type { ModelConfig, TargetConfig } from '../config/types.ts';
import { retiredBy } from '../routing/deprecation.ts';
import type { TargetRetirement } from '../routing/lifecycle.ts';
import type { ModelTraffic } from '../store/sqlite/model-traffic.ts';
import { isoSecond } from './period.ts';

const DAY_MS = 86_400_000;

/** `retiring`: the shutdown falls within the window; `later`: after it. */
export type DeprecationStatus = 'retired' | 'retiring' | 'later';

export interface AppCalls {
  /** null: requests without a known app */
  app: string | null;
  /** requests to the logical model, whichever target answered (or none) */
  requests: number;
  /** of those, the ones this target answered */
  served: number;
}

export interface TargetDeprecation {
  logicalModel: string;
  /** 1-based place in the fallback chain */
  position: number;
  chainLength: number;
  vendor: string;
  vendorModel: string;
  /** the feed's exact id; differs from vendorModel when the config names an alias */
  feedId: string;
  /** YYYY-MM-DD, 00:00 UTC */
  shutdown: string;
  /** `earliest`: the publisher promises no shutdown before this date */
  precision: 'exact' | 'earliest' | null;
  /** calendar days from today (UTC) to the shutdown date; 0 or less once retired */
  daysLeft: number;
  announced: string | null;
  /** the feed's drop-in successor, or the configured successor's model */
  replacement: string | null;
  /** `vendor/model` that serves in the target's place from the shutdown date (config over feed); null: skipped */
  successor: string | null;
  /** where the date came from: the config's `retires:` or the catalog's feed */
  origin: 'config' | 'catalog';
  /** where the feed took the date from; shown always, as the feed is a community seed set */
  source: string | null;
  status: DeprecationStatus;
  /** null when the request log could not be read */
  apps: AppCalls[] | null;
  /** requests this target answered in the traffic period; null when unknown */
  served: number | null;
  note: string | null;
}

export interface ChainEnd {
  logicalModel: string;
  /** the last shutdown among its targets: no target serves past it */
  date: string;
}

export interface Deprecations {
  targets: TargetDeprecation[];
  /** logical models whose targets are all retired or retiring */
  noTargetOutlives: ChainEnd[];
  retired: number;
  retiring: number;
  later: number;
}

export interface DeprecationInputs {
  models: Iterable<ModelConfig>;
  /** the target's retirement, config over catalog (routing/lifecycle.ts targetRetirement) */
  lookup: (target: TargetConfig) => TargetRetirement | undefined;
  /** request-log lines of the traffic period; null when the store could not be read */
  traffic: readonly ModelTraffic[] | null;
  now: number;
  withinDays: number;
}

export function deprecations(inputs: DeprecationInputs): Deprecations {
  const targets: TargetDeprecation[] = [];
  const noTargetOutlives: ChainEnd[] = [];
  for (const model of inputs.models) {
    const rows = chainRows(model, inputs);
    targets.push(...rows);
    const ending = rows.length === model.targets.length && rows.length > 0 && rows.every((r) => r.status !== 'later');
    if (ending) noTargetOutlives.push({ logicalModel: model.name, date: rows.map((r) => r.shutdown).sort().at(-1) ?? '' });
  }
  targets.sort((a, b) => cmp(a.shutdown, b.shutdown) || cmp(a.logicalModel, b.logicalModel) || a.position - b.position);
  noTargetOutlives.sort((a, b) => cmp(a.date, b.date) || cmp(a.logicalModel, b.logicalModel));
  const count = (s: DeprecationStatus): number => targets.filter((t) => t.status === s).length;
  return { targets, noTargetOutlives, retired: count('retired'), retiring: count('retiring'), later: count('later') };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chainRows(model: ModelConfig, inputs: DeprecationInputs): TargetDeprecation[] {
  const today = Math.floor(inputs.now / DAY_MS) * DAY_MS;
  const rows: TargetDeprecation[] = [];
  model.targets.forEach((target, i) => {
    const info = inputs.lookup(target);
    if (info === undefined) return;
    const daysLeft = Math.round((Date.parse(info.shutdown) - today) / DAY_MS);
    const status: DeprecationStatus = retiredBy(info, inputs.now) ? 'retired' : daysLeft <= inputs.withinDays ? 'retiring' : 'later';
    const traffic = inputs.traffic === null ? null : appCalls(inputs.traffic, model.name, target.vendor, target.model);
    rows.push({
      logicalModel: model.name, position: i + 1, chainLength: model.targets.length, vendor: target.vendor,
      vendorModel: target.model, feedId: info.id, shutdown: info.shutdown, precision: info.precision ?? null, daysLeft,
      announced: info.announced ?? null, replacement: info.replacement ?? null, source: info.source ?? null, status,
      successor: info.successor === null ? null : `${info.successor.vendor}/${info.successor.model}`, origin: info.origin,
      apps: traffic, served: traffic === null ? null : traffic.reduce((n, a) => n + a.served, 0),
      note: status === 'retired' ? retiredNote(model, info) : null,
    });
  });
  return rows;
}

// From the shutdown day the plan serves the successor in the target's place, or skips the target (routing/plan.ts).
function retiredNote(model: ModelConfig, info: TargetRetirement): string {
  if (info.successor !== null) return `replaced by ${info.successor.vendor}/${info.successor.model} since ${info.shutdown}`;
  if (model.targets.length === 1) return 'skipped, never called: no successor, and the only target (the model answers model_retired)';
  return 'skipped, never called: no successor';
}

function appCalls(traffic: readonly ModelTraffic[], logicalModel: string, vendor: string, vendorModel: string): AppCalls[] {
  const byApp = new Map<string | null, AppCalls>();
  for (const line of traffic) {
    if (line.logicalModel !== logicalModel) continue;
    const calls = byApp.get(line.app) ?? { app: line.app, requests: 0, served: 0 };
    calls.requests += line.requests;
    if (line.vendor === vendor && line.vendorModel === vendorModel) calls.served += line.requests;
    byApp.set(line.app, calls);
  }
  // busiest first; requests without an app last
  return [...byApp.values()].sort((a, b) => b.requests - a.requests || (a.app === null ? 1 : b.app === null ? -1 : cmp(a.app, b.app)));
}

/** the apps that called a logical model are read over this many days back from now */
export const TRAFFIC_DAYS = 30;

export interface Traffic {
  /** epoch ms: the request log is read from here to now */
  since: number;
  /** why the request log could not be read; the app columns are then unknown */
  error?: string;
}

export interface RenderContext {
  now: number;
  withinDays: number;
  traffic: Traffic;
}

export const FEED_NOTE = "dates from the catalog's model-eol feed, a community-maintained seed set: verify each against its source";

/** The report as data: the window, where the traffic came from, the counts and every dated target. */
export function deprecationsJson(report: Deprecations, ctx: RenderContext): object {
  const traffic = { since: isoSecond(ctx.traffic.since), until: isoSecond(ctx.now), ...(ctx.traffic.error === undefined ? {} : { error: ctx.traffic.error }) };
  const { targets, noTargetOutlives, retired, retiring, later } = report;
  return { now: isoSecond(ctx.now), withinDays: ctx.withinDays, note: FEED_NOTE, traffic, retired, retiring, later, targets, noTargetOutlives };
}
