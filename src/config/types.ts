// The validated, normalized configuration every other layer reads. YAML keys are snake_case; these are camelCase.
import type { Protocol } from '../core/canonical.ts';

export type DataClass = 'public' | 'internal' | 'confidential' | 'personal' | 'special' | 'payment' | 'credentials';
export type PolicyAction = 'allow' | 'block' | 'redact' | 'pseudonymize' | 'reroute';
export type ReviewStatus = 'pending' | 'approved' | 'rejected';

export interface Timeouts {
  connectMs: number;
  firstByteMs: number;
  totalMs: number;
  idleMs: number;
}

export interface RetryPolicy {
  /** retries of the same target before moving on (0 = one attempt) */
  maxRetries: number;
  baseMs: number;
  maxMs: number;
}

export interface VendorTerms {
  version?: string;
  retentionDays?: number;
  trainsOnData?: boolean;
  zeroDataRetention?: boolean;
  dpaSigned?: boolean;
  subprocessors?: string;
  url?: string;
}

export interface VendorReview {
  status: ReviewStatus;
  reviewer?: string;
  date?: string;
  /** YYYY-MM-DD */
  expires?: string;
  approvedData: DataClass[];
}

export interface VendorConfig {
  name: string;
  protocol: Protocol;
  /** without trailing slash */
  baseUrl: string;
  apiKey?: string;
  region?: string;
  terms: VendorTerms;
  review: VendorReview;
  timeouts: Timeouts;
  retry: RetryPolicy;
  /** extra headers sent to the vendor (e.g. OpenAI-Organization) */
  headers: Record<string, string>;
  /** this vendor's breaker settings when its config overrides the top-level ones; absent: Config.breaker */
  breaker?: BreakerSettings;
  /** what this vendor may be paid, across every model, app and key */
  budget?: BudgetConfig;
}

export interface TargetConfig {
  vendor: string;
  model: string;
  timeouts: Timeouts;
  /** YYYY-MM-DD from the config: the target is not called from this day on (over the catalog's date) */
  retires?: string;
  /** from the config: who serves in the target's place once it retires (over the catalog's replacement) */
  successor?: { vendor: string; model: string };
}

/** Circuit breaker settings (routing/breaker.ts has the same shape as BreakerOptions). */
export interface BreakerSettings {
  windowMs: number;
  minRequests: number;
  failureRate: number;
  openMs: number;
  halfOpenProbes: number;
}

export interface ModelConfig {
  name: string;
  targets: TargetConfig[];
}

export interface BudgetConfig {
  usd: number;
  per: 'day' | 'month' | 'window';
  windowDays?: number;
  onExceed: 'block' | 'warn';
  /** fractions of usd that raise an alert once per period; absent = 0.5, 0.8, 1.0 */
  alertAt?: number[];
}

export interface RateConfig {
  rpm?: number;
  tpm?: number;
}

export interface TermRule {
  match?: string;
  regex?: string;
  class: DataClass;
}

export interface DataPolicyConfig {
  actions: Partial<Record<DataClass, PolicyAction>>;
  terms: TermRule[];
}

export interface TeamConfig {
  name: string;
  budget?: BudgetConfig;
}

export interface AppConfig {
  name: string;
  team?: string;
  budget?: BudgetConfig;
  rate?: RateConfig;
  dataPolicy?: Partial<Record<DataClass, PolicyAction>>;
  dataClass?: DataClass[];
}

export interface KeyConfig {
  name: string;
  app?: string;
  /** sha256 hex of the key; the plain key is dropped right after loading */
  hash: string;
  /** the logical models this key may call; absent = all */
  models?: string[];
  budget?: BudgetConfig;
  rate?: RateConfig;
}

export interface AnomalyConfig {
  /** hours before the current one that form the baseline (default 24) */
  baselineHours: number;
  /** an hour is anomalous above mean + k·stddev of the baseline (default 3) */
  k: number;
  /** ... and above this many USD (default 1) */
  floorUsd: number;
  /** how often spend per hour is checked (default 60 000) */
  checkEveryMs: number;
  enabled: boolean;
}

export interface AlertsConfig {
  /** POSTed a JSON body per alert */
  webhook?: string;
  /** per webhook attempt (default 5000) */
  timeoutMs: number;
  /** webhook attempts after the first (default 3) */
  retries: number;
  anomaly: AnomalyConfig;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface TracesConfig {
  /** the collector's OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces */
  otlpUrl: string;
  /** share of new traces kept (default 1); a caller's sampling decision is followed */
  sample: number;
  serviceName: string;
  headers: Record<string, string>;
}

export interface PriceConfig {
  /** USD per million tokens */
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface Config {
  /** the file it was loaded from, or '<built-in>' */
  source: string;
  listen: { host: string; port: number };
  /** sqlite:PATH or postgres://… */
  store: string;
  redis: string | null;
  adminToken?: string;
  logContent: boolean;
  /** the operational log's level (default info) */
  log: { level: LogLevel };
  /** OTLP export of spans; absent: spans go to whatever SDK the process registered, if any */
  traces?: TracesConfig;
  vendors: Map<string, VendorConfig>;
  models: Map<string, ModelConfig>;
  dataPolicy: DataPolicyConfig;
  teams: Map<string, TeamConfig>;
  apps: Map<string, AppConfig>;
  keys: KeyConfig[];
  /** keyed "vendor/model" */
  prices: Map<string, PriceConfig>;
  /** the whole gateway's budget */
  budget?: BudgetConfig;
  alerts?: AlertsConfig;
  /** every vendor's breakers, unless the vendor overrides them; syncMs: how often outcomes go to Redis */
  breaker: BreakerSettings & { syncMs: number };
  /** answers from a target retiring within warnDays carry Deprecation and Sunset (default 90) */
  deprecation: { warnDays: number };
  /** attached PDFs: longer ones are refused unread; a read may take readTimeoutMs; threads read at once */
  documents: { maxPages: number; readTimeoutMs: number; threads: number };
  /** non-fatal findings (e.g. a key whose ${VAR} is unset), shown at start and by `airlock check` */
  warnings: string[];
}
