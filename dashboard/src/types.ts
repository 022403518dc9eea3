// The admin API's answers as the dashboard reads them (src/server/admin*.ts, and `airlock report … --format json`
// for /admin/reports/*). Only the fields the pages show.

export type ReviewStatus = 'pending' | 'approved' | 'rejected';

export interface Status {
  time: string;
  breakers: { vendor: string; model?: string; state: string; failures: number; requests: number }[];
  breakerTransitions?: { vendor: string; model?: string; from: string; to: string; at: string; shared?: boolean }[];
  vendors: { name: string; status: ReviewStatus; approvedData: string[]; reason: string | null }[];
  budgets: { budget: string; period: string; spentUsd: number; limitUsd: number; onExceed: string; resetAt: string }[];
  drills?: Drill[];
}

export interface Drill {
  id: string;
  vendor: string;
  fault: string;
  share: number;
  canary: boolean;
  startedAt: number;
  endedAt: number | null;
  endedBy: string | null;
  result: 'passed' | 'failed' | 'no-traffic' | null;
  models: { model: string; affected: number; answered: number; keptAnswering: boolean | null }[];
}

export interface Alert {
  id: string;
  time: number;
  kind: string;
  subject: string;
  message: string;
  webhook: string;
}

export interface SpendTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  estimatedUsd: number;
  estimatedRequests: number;
}

export interface Spend {
  since: string;
  until: string;
  by: string;
  total: SpendTotals;
  groups: (SpendTotals & { name: string | null; share: number })[];
}

export interface DataFlows {
  since: string;
  until: string;
  /** requests that carried any data class */
  requests: number;
  flows: DataFlow[];
}

export interface DataFlow {
  vendor: string | null;
  region: string | null;
  termsVersion: string | null;
  app: string | null;
  team: string | null;
  dataClass: string;
  action: string;
  requests: number;
  values: number;
  firstSeen: string;
  lastSeen: string;
}

export interface Vendor {
  name: string;
  protocol: string;
  base_url: string;
  region: string | null;
  terms: { version: string | null; retention_days: number | null; trains_on_data: boolean | null; zero_data_retention: boolean | null; dpa_signed: boolean | null; subprocessors: string | null; url: string | null };
  review: { status: ReviewStatus; reviewer: string | null; date: string | null; expires: string | null; approved_data: string[]; approved_terms_version: string | null; origin: string };
  effective: { status: ReviewStatus; approved_data: string[]; reason: string | null; terms_version: string | null };
}

export interface AuditEvent {
  id: string | number;
  time: string;
  actor: string;
  action: string;
  subject: string;
}

export interface ReviewChange {
  status: ReviewStatus;
  approved_data?: string[];
  expires?: string;
  by?: string;
}

export interface Readiness {
  since: string;
  ready: boolean;
  models: {
    model: string;
    chain: string[];
    independentVendors: number;
    apps: { app: string | null; classes: string[]; targets: ReadinessTarget[]; workingFallbacks: string[] }[];
    drills: { vendor: string; fault: string; startedAt: number; keptAnswering: boolean | null }[];
    ready: boolean;
    problems: string[];
  }[];
}

/** A chain position as it is served today: after a retirement, the successor in the configured target's place. */
export interface ReadinessTarget {
  position: number;
  vendor: string;
  model: string;
  retired: boolean;
  /** the configured `vendor/model` this one serves in place of; null: as configured */
  replaces: string | null;
}

export interface Deprecations {
  now: string;
  withinDays: number;
  note?: string;
  targets: {
    logicalModel: string;
    position: number;
    chainLength: number;
    vendor: string;
    vendorModel: string;
    shutdown: string;
    daysLeft: number;
    status: string;
    successor: string | null;
    replacement: string | null;
    source: string | null;
    note: string | null;
  }[];
}

export interface RequestRow {
  requestId: string;
  /** ISO 8601 */
  time: string;
  keyName: string | null;
  app: string | null;
  team: string | null;
  route: string;
  logicalModel: string | null;
  vendor: string | null;
  vendorModel: string | null;
  status: number;
  errorCode: string | null;
  attempts: number;
  stream: boolean;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

export interface RequestFlow {
  vendor: string | null;
  region: string | null;
  termsVersion: string | null;
  /** data class → values detected (0: declared by the caller, none detected) */
  classes: Record<string, number>;
  action: string;
}

export interface RequestDetail {
  request: RequestRow & { ttfbMs: number | null; cacheReadTokens: number | null; usageReported: boolean | null; failedCostUsd?: number | null; priceSource?: string | null };
  flows: RequestFlow[];
  /** log_content: true only, already redacted */
  content: { prompt: string; answer: string } | null;
}

export interface ForecastBudget {
  usd: number;
  per: 'day' | 'month' | 'window';
  spentUsd: number | null;
  exhausted: boolean;
  /** YYYY-MM-DD */
  runsOut: string | null;
  note?: string;
}

export interface ForecastScope {
  scope: 'team' | 'app' | 'global';
  name: string | null;
  monthToDateUsd: number;
  series: { date: string; usd: number }[];
  dailyRateUsd: number;
  rateDays: number;
  projectionUsd: number;
  low: number | null;
  high: number | null;
  budget: ForecastBudget | null;
}

export interface Forecast {
  now: string;
  /** YYYY-MM */
  month: string;
  daysLeft: number;
  scopes: ForecastScope[];
}

/** `airlock report what-if --format json` (src/reports/what-if.ts: whatIfJson, Replayed, ReplayedModel). */
export interface Replayed {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  recordedUsd: number;
  replayedUsd: number;
  diffUsd: number;
  /** percent, not a fraction; null when nothing was recorded */
  diffPercent: number | null;
  unpricedRequests: number;
}

export interface ReplayedModel extends Replayed {
  logicalModel: string | null;
  replayedOn: string[];
}

export interface WhatIf {
  since: string;
  until: string;
  scenario: { prices: Record<string, { input: number; output: number; cacheRead?: number }>; routes: Record<string, string>; traffic: number };
  total: Replayed;
  models: ReplayedModel[];
  notes: string[];
}
