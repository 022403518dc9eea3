// Validated snake_case YAML → the camelCase Config every other layer reads, with defaults filled in so no
// consumer has to know them.
import { breakerSettings, DEFAULT_WARN_DAYS, successorOf, topBreaker } from './contingency.ts';
import type { RawConfig, RawTimeouts } from './schema.ts';
import type {
  AlertsConfig,
  AppConfig,
  BudgetConfig,
  Config,
  DataClass,
  KeyConfig,
  ModelConfig,
  PolicyAction,
  PriceConfig,
  RetryPolicy,
  TeamConfig,
  Timeouts,
  VendorConfig,
} from './types.ts';

type RawVendor = RawConfig['vendors'][string];
type RawBudget = NonNullable<RawConfig['teams'][string]['budget']>;
type RawActions = Partial<Record<DataClass, PolicyAction | undefined>>;

export interface NormalizeInput {
  raw: RawConfig;
  source: string;
  defaults: { timeouts: Timeouts; retry: RetryPolicy };
  /** hash per keys[i], null for a dropped key */
  keyHashes: readonly (string | null)[];
  adminTokenUnset: boolean;
  warnings: string[];
}

function withTimeouts(base: Timeouts, t: RawTimeouts | undefined): Timeouts {
  return {
    connectMs: t?.connect_ms ?? base.connectMs,
    firstByteMs: t?.first_byte_ms ?? base.firstByteMs,
    totalMs: t?.total_ms ?? base.totalMs,
    idleMs: t?.idle_ms ?? base.idleMs,
  };
}

// Drops the keys zod leaves as `undefined`, so the result compares and prints cleanly.
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function vendor(name: string, v: RawVendor, d: NormalizeInput['defaults']): VendorConfig {
  const t = v.terms ?? {};
  const r = v.review;
  return defined({
    name,
    protocol: v.protocol,
    // a trailing slash would double up when paths like /chat/completions are appended
    baseUrl: v.base_url.replace(/\/+$/, ''),
    apiKey: v.api_key,
    region: v.region,
    terms: defined({
      version: t.version,
      retentionDays: t.retention_days,
      trainsOnData: t.trains_on_data,
      zeroDataRetention: t.zero_data_retention,
      dpaSigned: t.dpa_signed,
      subprocessors: t.subprocessors,
      url: t.url,
    }),
    review: defined({
      status: r?.status ?? 'pending',
      reviewer: r?.reviewer ?? r?.by,
      date: r?.date,
      expires: r?.expires,
      approvedData: r?.approved_data ?? [],
    }),
    timeouts: withTimeouts(d.timeouts, v.timeouts),
    retry: {
      maxRetries: v.retry?.max_retries ?? d.retry.maxRetries,
      baseMs: v.retry?.base_ms ?? d.retry.baseMs,
      maxMs: v.retry?.max_ms ?? d.retry.maxMs,
    },
    headers: v.headers ?? {},
    budget: budget(v.budget),
  });
}

function budget(b: RawBudget | undefined): BudgetConfig | undefined {
  if (b === undefined) return undefined;
  return defined({ usd: b.usd, per: b.per, windowDays: b.window_days, onExceed: b.on_exceed, alertAt: b.alert_at });
}

function alerts(a: RawConfig['alerts']): AlertsConfig | undefined {
  if (a === undefined) return undefined;
  const x = a.anomaly ?? {};
  return defined({
    webhook: a.webhook,
    timeoutMs: a.timeout_ms ?? 5000,
    retries: a.retries ?? 3,
    anomaly: { baselineHours: x.baseline_hours ?? 24, k: x.k ?? 3, floorUsd: x.floor_usd ?? 1, checkEveryMs: x.check_every_ms ?? 60_000, enabled: x.enabled ?? true },
  });
}

function actions(a: RawActions): Partial<Record<DataClass, PolicyAction>> {
  return defined({
    public: a.public,
    internal: a.internal,
    confidential: a.confidential,
    personal: a.personal,
    special: a.special,
    payment: a.payment,
    credentials: a.credentials,
  });
}

function mapOf<R, T>(rec: Record<string, R>, f: (name: string, r: R) => T): Map<string, T> {
  return new Map(Object.entries(rec).map(([name, r]) => [name, f(name, r)]));
}

function keys(raw: RawConfig, hashes: readonly (string | null)[]): KeyConfig[] {
  const out: KeyConfig[] = [];
  raw.keys.forEach((k, i) => {
    const hash = hashes[i];
    if (hash === null || hash === undefined) return;
    out.push(defined({ name: k.name, app: k.app, hash, models: k.models, budget: budget(k.budget), rate: k.rate ? defined({ rpm: k.rate.rpm, tpm: k.rate.tpm }) : undefined }));
  });
  return out;
}

export function normalize(input: NormalizeInput): Config {
  const { raw, defaults } = input;
  const breaker = topBreaker(raw.breaker);
  const vendors = mapOf(raw.vendors, (name, v) => ({ ...vendor(name, v, defaults), ...(v.breaker ? { breaker: breakerSettings(v.breaker, breaker) } : {}) }));
  const vendorNames = new Set(vendors.keys());
  const models = mapOf(raw.models, (name, m): ModelConfig => ({
    name,
    targets: m.targets.map((t, i) => defined({
      vendor: t.vendor,
      model: t.model,
      // target over vendor over default: a slow local model may need a longer first byte than its vendor
      timeouts: withTimeouts(vendors.get(t.vendor)?.timeouts ?? defaults.timeouts, t.timeouts),
      retires: t.retires,
      successor: successorOf(t, vendorNames, `models.${name}.targets[${i}]`, input.warnings),
    })),
  }));
  const { terms, ...policyActions } = raw.data_policy;
  const adminToken = input.adminTokenUnset ? undefined : (raw.admin_token ?? undefined);
  return defined({
    source: input.source,
    listen: { host: raw.listen.host, port: raw.listen.port },
    store: raw.store,
    redis: raw.redis,
    adminToken,
    logContent: raw.log_content,
    log: { level: raw.log?.level ?? 'info' },
    traces: raw.traces && { otlpUrl: raw.traces.otlp, sample: raw.traces.sample ?? 1, serviceName: raw.traces.service_name ?? 'airlock', headers: raw.traces.headers ?? {} },
    vendors,
    models,
    dataPolicy: {
      // credentials are blocked unless the file says otherwise (PRODUCT.md, governance model)
      actions: { credentials: 'block', ...actions(policyActions) },
      terms: terms.map((t) => defined({ match: t.match, regex: t.regex, class: t.class })),
    },
    teams: mapOf(raw.teams, (name, t): TeamConfig => defined({ name, budget: budget(t.budget) })),
    apps: mapOf(raw.apps, (name, a): AppConfig =>
      defined({
        name,
        team: a.team,
        budget: budget(a.budget),
        rate: a.rate ? defined({ rpm: a.rate.rpm, tpm: a.rate.tpm }) : undefined,
        dataPolicy: a.data_policy ? actions(a.data_policy) : undefined,
        dataClass: a.data_class,
      }),
    ),
    keys: keys(raw, input.keyHashes),
    prices: mapOf(raw.prices, (_name, p): PriceConfig =>
      defined({ input: p.input, output: p.output, cacheRead: p.cache_read, cacheWrite: p.cache_write }),
    ),
    budget: budget(raw.budget),
    alerts: alerts(raw.alerts),
    breaker,
    deprecation: { warnDays: raw.deprecation?.warn_days ?? DEFAULT_WARN_DAYS },
    // 100 pages: Anthropic's own limit for PDF input; one thread: the gateway's own thread needs the other core
    documents: { maxPages: raw.documents?.max_pages ?? 100, readTimeoutMs: raw.documents?.read_timeout_ms ?? 10_000, threads: raw.documents?.threads ?? 1 },
    warnings: input.warnings,
  });
}
