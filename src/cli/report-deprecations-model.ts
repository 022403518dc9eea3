// What `airlock report deprecations` computes, apart from how it is read and printed: for every target of
// every logical model that the model-eol feed gives a shutdown date, how many days are left, whether it is
// retired, retiring within the window or later, which apps called the logical model lately, and which logical
// models have no target that outlives the window.
import type { ModelConfig } from '../config/types.ts';
import { retiredBy, type Retirement } from '../routing/deprecation.ts';
import type { ModelTraffic } from '../store/sqlite/model-traffic.ts';

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
  /** the feed's drop-in successor, not a configured one */
  replacement: string | null;
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
  lookup: (vendorModel: string) => Retirement | undefined;
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
    const info = inputs.lookup(target.model);
    if (info === undefined) return;
    const daysLeft = Math.round((Date.parse(info.shutdown) - today) / DAY_MS);
    const status: DeprecationStatus = retiredBy(info, inputs.now) ? 'retired' : daysLeft <= inputs.withinDays ? 'retiring' : 'later';
    const traffic = inputs.traffic === null ? null : appCalls(inputs.traffic, model.name, target.vendor, target.model);
    rows.push({
      logicalModel: model.name, position: i + 1, chainLength: model.targets.length, vendor: target.vendor,
      vendorModel: target.model, feedId: info.id, shutdown: info.shutdown, precision: info.precision ?? null, daysLeft,
      announced: info.announced ?? null, replacement: info.replacement ?? null, source: info.source ?? null, status,
      apps: traffic, served: traffic === null ? null : traffic.reduce((n, a) => n + a.served, 0),
      note: status === 'retired' && i === 0 ? firstRetiredNote(model) : null,
    });
  });
  return rows;
}

// The plan does not skip a retired target (routing/plan.ts), so every request still tries it first.
function firstRetiredNote(model: ModelConfig): string {
  const next = model.targets[1];
  if (next === undefined) return 'retired and the only target of its chain: no fallback';
  return `retired and first in its chain: every request tries it before ${next.vendor}/${next.model}`;
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
