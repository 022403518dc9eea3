// The YAML shape (snake_case), strict everywhere: an unknown key is far more often a typo that silently drops a
// setting (`protocl`, `api-key`) than an extension, so it is an error.
import { z } from 'zod';
import type { DataClass } from './types.ts';

export const DATA_CLASSES = ['public', 'internal', 'confidential', 'personal', 'special', 'payment', 'credentials'] as const;
// Fails the build if types.ts gains a data class this list does not have.
const everyClassListed: [Exclude<DataClass, (typeof DATA_CLASSES)[number]>] extends [never] ? true : false = true;
void everyClassListed;

const dataClass = z.enum(DATA_CLASSES);
const action = z.enum(['allow', 'block', 'redact', 'pseudonymize', 'reroute']);
const ms = z.int().min(1, 'must be a positive number of milliseconds');
const nonNegative = z.number().min(0, 'must not be negative');

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
}

const httpUrl = z.string().refine(isHttpUrl, 'must be an http:// or https:// URL');
// YAML timestamps may carry a time (`2027-06-30T12:00:00Z`); reviews expire by the day.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ].*)?$/, 'must be a date, YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date')
  .transform((s) => s.slice(0, 10));

export const timeoutsSchema = z.strictObject({
  connect_ms: ms.optional(),
  first_byte_ms: ms.optional(),
  total_ms: ms.optional(),
  idle_ms: ms.optional(),
});

const retrySchema = z
  .strictObject({ max_retries: z.int().min(0).max(10).optional(), base_ms: ms.optional(), max_ms: ms.optional() })
  .refine((r) => r.base_ms === undefined || r.max_ms === undefined || r.base_ms <= r.max_ms, {
    message: 'must not be smaller than base_ms',
    path: ['max_ms'],
  });

const termsSchema = z.strictObject({
  version: z.string().min(1).optional(),
  retention_days: z.int().min(0).optional(),
  trains_on_data: z.boolean().optional(),
  zero_data_retention: z.boolean().optional(),
  dpa_signed: z.boolean().optional(),
  subprocessors: z.string().optional(),
  url: httpUrl.optional(),
});

const reviewSchema = z
  .strictObject({
    status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
    reviewer: z.string().min(1).optional(),
    // `by` mirrors the `airlock vendors review --by NAME` flag
    by: z.string().min(1).optional(),
    date: day.optional(),
    expires: day.optional(),
    approved_data: z.array(dataClass).default([]),
  })
  .refine((r) => r.reviewer === undefined || r.by === undefined || r.reviewer === r.by, {
    message: 'give reviewer or by, not both',
    path: ['by'],
  });

const vendorSchema = z.strictObject({
  protocol: z.enum(['openai', 'anthropic', 'gemini']),
  base_url: httpUrl,
  api_key: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  terms: termsSchema.optional(),
  review: reviewSchema.optional(),
  timeouts: timeoutsSchema.optional(),
  retry: retrySchema.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  // what this vendor may be paid across every model, app and key
  budget: z.lazy(() => budgetSchema).optional(),
  // overrides the top-level breaker settings for this vendor's circuits (vendor and vendor/model)
  breaker: z.lazy(() => breakerSchema).optional(),
});

// `openai/gpt-4o-mini` is short for { vendor: openai, model: gpt-4o-mini }; the model part may hold more
// slashes (vLLM serves `meta-llama/Llama-3.1-8B`), vendor names never do.
function shortTarget(v: unknown): unknown {
  if (typeof v !== 'string' || !v.includes('/')) return v;
  const i = v.indexOf('/');
  return { vendor: v.slice(0, i), model: v.slice(i + 1) };
}

const targetSchema = z.preprocess(
  shortTarget,
  z.strictObject(
    {
      vendor: z.string().min(1),
      model: z.string().min(1),
      timeouts: timeoutsSchema.optional(),
      // the day this target stops being called (over the catalog's shutdown date)
      retires: day.optional(),
      // who serves in its place from that day: "vendor/model", or a model of the same vendor
      successor: z.string().min(1).optional(),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'expected { vendor, model } or "vendor/model"' : undefined) },
  ),
);

// Circuit breakers (routing/breaker.ts): open once failure_rate of at least min_requests in window_ms failed,
// stay open open_ms, then let half_open_probes through.
const breakerSchema = z.strictObject({
  failure_rate: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
  window_ms: ms.optional(),
  min_requests: z.int().min(1).optional(),
  open_ms: ms.optional(),
  half_open_probes: z.int().min(1).max(100).optional(),
});

const budgetSchema = z
  .strictObject({
    usd: nonNegative,
    per: z.enum(['day', 'month', 'window']),
    window_days: z.int().min(1).optional(),
    // a budget that only warns must be asked for: the safe reading of a bare budget is a hard limit
    on_exceed: z.enum(['block', 'warn']).default('block'),
    // fractions of usd at which an alert goes out, once per period each (default 0.5, 0.8, 1.0)
    alert_at: z.array(z.number().gt(0, 'must be above 0').max(10, 'must be at most 10')).min(1).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.per === 'window' && b.window_days === undefined) {
      ctx.addIssue({ code: 'custom', path: ['window_days'], message: 'required when per is window' });
    }
    if (b.per !== 'window' && b.window_days !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['window_days'], message: 'only used with per: window' });
    }
  });

const actionsShape = {
  public: action.optional(),
  internal: action.optional(),
  confidential: action.optional(),
  personal: action.optional(),
  special: action.optional(),
  payment: action.optional(),
  credentials: action.optional(),
};

const termRuleSchema = z
  .strictObject({ match: z.string().min(1).optional(), regex: z.string().min(1).optional(), class: dataClass })
  .superRefine((t, ctx) => {
    if ((t.match === undefined) === (t.regex === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of match or regex' });
      return;
    }
    if (t.regex === undefined) return;
    try {
      // 'u' is the strictest syntax: a pattern valid here compiles with or without the flag
      new RegExp(t.regex, 'u');
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['regex'], message: `invalid regular expression: ${(err as Error).message}` });
    }
  });

const rateSchema = z.strictObject({ rpm: z.int().min(1).optional(), tpm: z.int().min(1).optional() });

const appSchema = z.strictObject({
  team: z.string().min(1).optional(),
  budget: budgetSchema.optional(),
  rate: rateSchema.optional(),
  data_policy: z.strictObject(actionsShape).optional(),
  data_class: z.array(dataClass).optional(),
});

const keySchema = z.strictObject({
  name: z.string().min(1),
  app: z.string().min(1).optional(),
  key: z.string().min(1),
  models: z.array(z.string().min(1)).optional(),
  budget: budgetSchema.optional(),
  rate: rateSchema.optional(),
});

const priceSchema = z.strictObject({
  input: nonNegative,
  output: nonNegative,
  cache_read: nonNegative.optional(),
  cache_write: nonNegative.optional(),
});

const alertsSchema = z.strictObject({
  webhook: httpUrl.optional(),
  timeout_ms: ms.optional(),
  retries: z.int().min(0).max(10).optional(),
  // spend per hour against the mean + k·stddev of the hours before it, and above a floor
  anomaly: z
    .strictObject({
      baseline_hours: z.int().min(2).max(24 * 14).optional(),
      k: z.number().gt(0).optional(),
      floor_usd: nonNegative.optional(),
      check_every_ms: ms.optional(),
      enabled: z.boolean().optional(),
    })
    .optional(),
});

const logSchema = z.strictObject({ level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional() });

// OTLP/HTTP export of the request and vendor-call spans (server/trace-export.ts); absent: no SDK is loaded
const tracesSchema = z.strictObject({
  otlp: httpUrl,
  // the share of new traces kept; a caller's sampled traceparent is followed either way
  sample: z.number().min(0).max(1).optional(),
  service_name: z.string().min(1).optional(),
  // e.g. a hosted collector's API key, from ${VAR}
  headers: z.record(z.string(), z.string()).optional(),
});

// Vendor names appear in `vendor/model` price keys and target short forms, so they cannot hold a slash.
const vendorName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'vendor names use letters, digits and . _ : - only');
const storeUrl = z.string().refine((s) => s.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(s), 'must be sqlite:PATH or postgres://…');
const redisUrl = z.string().refine((s) => /^rediss?:\/\//.test(s), 'must be redis://… or rediss://…');

export const configSchema = z.strictObject({
  // loopback by default: a gateway holding vendor keys should not face the network until someone says so
  listen: z
    .strictObject({ host: z.string().min(1).default('127.0.0.1'), port: z.int().min(0).max(65535).default(8080) })
    .default({ host: '127.0.0.1', port: 8080 }),
  store: storeUrl.default('sqlite:./airlock.db'),
  redis: redisUrl.nullable().default(null),
  admin_token: z.string().min(1).nullable().optional(),
  log_content: z.boolean().default(false),
  // the gateway's operational log: JSON lines on stderr
  log: logSchema.optional(),
  traces: tracesSchema.optional(),
  vendors: z.record(vendorName, vendorSchema).default({}),
  models: z.record(z.string().min(1), z.strictObject({ targets: z.array(targetSchema).min(1, 'needs at least one target') })).default({}),
  data_policy: z.strictObject({ ...actionsShape, terms: z.array(termRuleSchema).default([]) }).default({ terms: [] }),
  teams: z.record(z.string().min(1), z.strictObject({ budget: budgetSchema.optional() })).default({}),
  apps: z.record(z.string().min(1), appSchema).default({}),
  keys: z.array(keySchema).default([]),
  prices: z.record(z.string(), priceSchema).default({}),
  // the whole gateway's spend
  budget: budgetSchema.optional(),
  alerts: alertsSchema.optional(),
  // every vendor's breakers; with redis:, outcomes are sent to Redis in batches every sync_ms
  breaker: breakerSchema.extend({ sync_ms: ms.max(10_000).optional() }).optional(),
  // answers from a target retiring within warn_days carry Deprecation and Sunset headers
  deprecation: z.strictObject({ warn_days: z.int().min(0).max(3650).optional() }).optional(),
  // attached PDFs, read for inspection on worker threads (governance/pdf/reader.ts)
  documents: z
    .strictObject({ max_pages: z.int().min(1).max(2000).optional(), read_timeout_ms: ms.max(120_000).optional(), threads: z.int().min(1).max(16).optional() })
    .optional(),
});

export type RawConfig = z.output<typeof configSchema>;
export type RawTimeouts = z.output<typeof timeoutsSchema>;
