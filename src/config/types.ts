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
}

export interface TargetConfig {
  vendor: string;
  model: string;
  timeouts: Timeouts;
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
  vendors: Map<string, VendorConfig>;
  models: Map<string, ModelConfig>;
  dataPolicy: DataPolicyConfig;
  teams: Map<string, TeamConfig>;
  apps: Map<string, AppConfig>;
  keys: KeyConfig[];
  /** keyed "vendor/model" */
  prices: Map<string, PriceConfig>;
  /** non-fatal findings (e.g. a key whose ${VAR} is unset), shown at start and by `airlock check` */
  warnings: string[];
}
