// What `airlock report readiness` computes, apart from how it is read and printed: per logical model and app,
// whether the chain has a fallback that would really take over — another, independent vendor that policy lets
// receive the app's usual data classes (the decide stage's own rule, governance/policy.ts) and that is not
// retired — plus the last drill's verdict, the traffic and spend concentration per vendor, and the targets
// retiring within the window.
import type { Config, DataClass, ModelConfig, TargetConfig } from '../config/types.ts';
import type { DrillRecord } from '../core/drill.ts';
import { decideTarget, resolvePolicy } from '../governance/policy.ts';
import type { EffectiveReview } from '../governance/types.ts';
import type { Retirement } from '../routing/deprecation.ts';
import { resolveChain } from '../routing/lifecycle.ts';
import type { StoreReaders } from '../store/reader.ts';
import type { AppClasses, VendorShare } from '../store/sqlite/readiness.ts';

const DAY_MS = 86_400_000;

export interface TargetCheck {
  position: number;
  vendor: string;
  model: string;
  /** another vendor than the chain's first, on another host */
  independent: boolean;
  /** the decide stage's action for the app's usual classes: allow, redact, pseudonymize pass; reroute, block do not */
  action: string;
  /** the class that decided a reroute or block */
  refusedClass: DataClass | null;
  /** retired with no successor: dropped from the chain, never called */
  retired: boolean;
  /** the configured `vendor/model` this one serves in place of, since that one's retirement; null: as configured */
  replaces: string | null;
}

export interface AppReadiness {
  /** null: requests without an app (and the model's row when no app used it) */
  app: string | null;
  classes: DataClass[];
  targets: TargetCheck[];
  /** `vendor/model` of every fallback that would take over for this app */
  workingFallbacks: string[];
}

export interface DrillVerdict {
  id: string;
  vendor: string;
  fault: string;
  startedAt: number;
  /** this model's outcome in that drill: null when it saw no affected request */
  keptAnswering: boolean | null;
}

export interface VendorConcentration {
  vendor: string | null;
  requests: number;
  requestShare: number;
  costUsd: number;
  costShare: number;
}

export interface ModelReadiness {
  model: string;
  chain: string[];
  independentVendors: number;
  apps: AppReadiness[];
  drills: DrillVerdict[];
  /** null when the request log could not be read */
  concentration: VendorConcentration[] | null;
  retiring: { vendor: string; model: string; shutdown: string; daysLeft: number }[];
  ready: boolean;
  problems: string[];
}

export interface ReadinessInputs {
  config: Config;
  review: (vendor: string) => EffectiveReview;
  shares: readonly VendorShare[] | null;
  appClasses: readonly AppClasses[] | null;
  /** the newest drill of each vendor */
  drills: ReadonlyMap<string, DrillRecord>;
  lookup: (vendorModel: string) => Retirement | undefined;
  now: number;
  withinDays: number;
}

function host(config: Config, vendor: string): string {
  const base = config.vendors.get(vendor)?.baseUrl;
  try {
    return base === undefined ? vendor : new URL(base).host;
  } catch {
    return vendor;
  }
}

/** apps that called the model lately, with the classes they sent, plus each configured app's declared classes */
function appsOf(model: string, inputs: ReadinessInputs): Map<string | null, Set<DataClass>> {
  const apps = new Map<string | null, Set<DataClass>>();
  for (const line of inputs.appClasses ?? []) {
    if (line.logicalModel !== model) continue;
    const set = apps.get(line.app) ?? new Set<DataClass>();
    set.add(line.dataClass as DataClass);
    apps.set(line.app, set);
  }
  for (const [app, classes] of apps) for (const c of (app === null ? undefined : inputs.config.apps.get(app))?.dataClass ?? []) classes.add(c);
  // requests without an app (drill canaries among them) speak for the model only when no app called it
  if (apps.size > 1) apps.delete(null);
  if (apps.size === 0) apps.set(null, new Set());
  return apps;
}

/** Who serves in a configured target's place today: itself, its successor once it retired, or nobody. */
function serving(t: TargetConfig, model: ModelConfig, inputs: ReadinessInputs): TargetConfig | null {
  return resolveChain(inputs.config, { ...model, targets: [t] }, inputs.now, inputs.lookup).targets[0]?.target ?? null;
}

function checkTargets(model: ModelConfig, app: string | null, classes: DataClass[], inputs: ReadinessInputs): TargetCheck[] {
  const cfg = inputs.config;
  const policy = resolvePolicy(cfg.dataPolicy.actions, app === null ? undefined : cfg.apps.get(app)?.dataPolicy);
  const first = model.targets[0] === undefined ? undefined : (serving(model.targets[0], model, inputs) ?? model.targets[0]);
  return model.targets.map((configured, i) => {
    const live = serving(configured, model, inputs);
    const t = live ?? configured;
    const d = decideTarget(classes, inputs.review(t.vendor), policy);
    const replaced = live !== null && (live.vendor !== configured.vendor || live.model !== configured.model);
    return {
      position: i + 1, vendor: t.vendor, model: t.model,
      independent: first !== undefined && t.vendor !== first.vendor && host(cfg, t.vendor) !== host(cfg, first.vendor),
      action: d.action,
      refusedClass: d.action === 'reroute' || d.action === 'block' ? d.decisive : null,
      retired: live === null,
      replaces: replaced ? `${configured.vendor}/${configured.model}` : null,
    };
  });
}

function works(t: TargetCheck): boolean {
  return t.position > 1 && t.independent && !t.retired && t.action !== 'reroute' && t.action !== 'block';
}

function concentration(model: string, shares: readonly VendorShare[] | null): VendorConcentration[] | null {
  if (shares === null) return null;
  const mine = shares.filter((s) => s.logicalModel === model);
  const requests = mine.reduce((n, s) => n + s.requests, 0);
  const cost = mine.reduce((n, s) => n + s.costUsd, 0);
  return mine
    .map((s) => ({ vendor: s.vendor, requests: s.requests, requestShare: requests === 0 ? 0 : s.requests / requests, costUsd: s.costUsd, costShare: cost === 0 ? 0 : s.costUsd / cost }))
    .sort((a, b) => b.requests - a.requests);
}

function drillsOf(model: ModelConfig, drills: ReadonlyMap<string, DrillRecord>): DrillVerdict[] {
  const out: DrillVerdict[] = [];
  for (const vendor of new Set(model.targets.map((t) => t.vendor))) {
    const d = drills.get(vendor);
    const mine = d?.models.find((m) => m.model === model.name);
    if (d === undefined || mine === undefined) continue;
    out.push({ id: d.id, vendor, fault: d.fault, startedAt: d.startedAt, keptAnswering: mine.keptAnswering });
  }
  return out;
}

function retiringOf(model: ModelConfig, inputs: ReadinessInputs): ModelReadiness['retiring'] {
  const today = Math.floor(inputs.now / DAY_MS) * DAY_MS;
  const out: ModelReadiness['retiring'] = [];
  for (const t of model.targets) {
    const info = inputs.lookup(t.model);
    if (info === undefined) continue;
    const daysLeft = Math.round((Date.parse(info.shutdown) - today) / DAY_MS);
    if (daysLeft <= inputs.withinDays) out.push({ vendor: t.vendor, model: t.model, shutdown: info.shutdown, daysLeft });
  }
  return out;
}

export function readiness(inputs: ReadinessInputs): ModelReadiness[] {
  return [...inputs.config.models.values()].map((model) => {
    const apps: AppReadiness[] = [...appsOf(model.name, inputs)].map(([app, set]) => {
      const classes = [...set].sort();
      const targets = checkTargets(model, app, classes, inputs);
      return { app, classes, targets, workingFallbacks: targets.filter(works).map((t) => `${t.vendor}/${t.model}`) };
    });
    const drills = drillsOf(model, inputs.drills);
    const problems: string[] = [];
    for (const a of apps) if (a.workingFallbacks.length === 0) problems.push(`no working fallback for ${a.app === null ? 'its callers' : `app ${a.app}`}${reason(model, a)}`);
    for (const d of drills) if (d.keptAnswering === false) problems.push(`stopped answering in drill ${d.id} (${d.vendor} ${d.fault})`);
    const cfg = inputs.config;
    return {
      model: model.name,
      chain: model.targets.map((t) => `${t.vendor}/${t.model}`),
      independentVendors: new Set(model.targets.map((t) => host(cfg, t.vendor))).size,
      apps, drills, concentration: concentration(model.name, inputs.shares), retiring: retiringOf(model, inputs),
      ready: problems.length === 0, problems,
    };
  });
}

function reason(model: ModelConfig, app: AppReadiness): string {
  if (model.targets.length < 2) return ': a single target';
  const others = app.targets.filter((t) => t.position > 1);
  if (others.every((t) => !t.independent)) return ': every fallback is on the same vendor';
  const refused = others.find((t) => t.refusedClass !== null);
  if (refused !== undefined) return `: ${refused.vendor} may not receive ${refused.refusedClass ?? ''} (${refused.action})`;
  if (others.some((t) => t.retired)) return ': its fallback is retired';
  return '';
}

/** the traffic, usual data classes and drills are read over this many days back from now */
export const READINESS_DAYS = 30;

/** What the store tells the readiness check; all null (and error set) when it could not be read. */
export interface StoreView {
  shares: VendorShare[] | null;
  appClasses: AppClasses[] | null;
  drills: Map<string, DrillRecord>;
  error?: string;
}

export async function readStoreView(readers: StoreReaders, since: number): Promise<StoreView> {
  return { shares: await readers.readiness.vendorShares(since), appClasses: await readers.readiness.appClasses(since), drills: await readers.drills.latestByVendor() };
}

export function unreadStore(error: string): StoreView {
  return { shares: null, appClasses: null, drills: new Map(), error };
}

/** The report as data: whether every logical model is ready, and each one's checks. */
export function readinessJson(models: readonly ModelReadiness[], since: number, storeError: string | undefined): object {
  return { since: new Date(since).toISOString(), store: storeError ?? 'read', ready: models.every((m) => m.ready), models };
}
