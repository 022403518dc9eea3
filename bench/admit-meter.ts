// What the admit and meter stages add to a request, in process: p50/p99 of admit (every budget reserved, key and app
// rate limits hit), meter (cost from reported usage) and the settle that follows the answer, with in-process counters
// and with Redis (127.0.0.1:6379, REDIS_URL overrides; skipped with a note when none answers). The worst case is
// measured: a key, app, team, vendor and global budget and two rate limits on every request. Prints, asserts nothing.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { ChatRequest } from '../src/core/canonical.ts';
import { parseConfig } from '../src/config/load.ts';
import type { Config } from '../src/config/types.ts';
import { budgetSourcesFromConfig } from '../src/cost/budget.ts';
import { loadCatalog } from '../src/cost/catalog.ts';
import type { Counters } from '../src/cost/counters.ts';
import { MemoryCounters } from '../src/cost/counters-memory.ts';
import { estimateUsage } from '../src/cost/estimate.ts';
import { createPriceSource } from '../src/cost/pricing.ts';
import { Pseudonyms } from '../src/governance/pseudonymize.ts';
import type { EffectiveReview } from '../src/governance/types.ts';
import { admit, chatSize, settle, type AdmitDeps } from '../src/pipeline/admit.ts';
import { newContext, type Principal } from '../src/pipeline/context.ts';
import type { DecidedTarget } from '../src/pipeline/decide.ts';
import { meter } from '../src/pipeline/meter.ts';
import { planTargets } from '../src/routing/plan.ts';
import { RedisCounters } from '../src/store/redis/counters-redis.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ITERATIONS = Number(process.env.ADMIT_BENCH_N ?? 20_000);

// the worst case: every kind of budget and both rate limits apply to every request
const WORST = parseConfig(
  `
vendors:
  openai: { protocol: openai, base_url: 'http://127.0.0.1:9/v1', review: { status: approved }, budget: { usd: 1000000, per: month } }
  anthropic: { protocol: anthropic, base_url: 'http://127.0.0.1:9', review: { status: approved } }
models:
  chat: { targets: [openai/gpt-4o-mini, anthropic/claude-3-5-haiku-20241022] }
teams:
  support: { budget: { usd: 1000000, per: month } }
apps:
  helpdesk: { team: support, budget: { usd: 1000000, per: day }, rate: { rpm: 100000000, tpm: 100000000000 } }
keys:
  - { name: bench-key, app: helpdesk, key: sk-bench, budget: { usd: 1000000, per: day, alert_at: [0.5, 0.8, 1.0] }, rate: { rpm: 100000000 } }
budget: { usd: 1000000, per: month, on_exceed: warn }
`,
  'admit-meter-bench.yaml',
  {},
);
// PRODUCT.md's example: an app budget, its team's budget and the app's rate limit
const EXAMPLE = parseConfig(
  `
vendors:
  openai: { protocol: openai, base_url: 'http://127.0.0.1:9/v1', review: { status: approved } }
  anthropic: { protocol: anthropic, base_url: 'http://127.0.0.1:9', review: { status: approved } }
models:
  chat: { targets: [openai/gpt-4o-mini, anthropic/claude-3-5-haiku-20241022] }
teams:
  support: { budget: { usd: 1000000, per: month, on_exceed: block } }
apps:
  helpdesk: { team: support, budget: { usd: 1000000, per: day, on_exceed: block }, rate: { rpm: 100000000, tpm: 100000000000 } }
keys:
  - { name: bench-key, app: helpdesk, key: sk-bench }
`,
  'admit-meter-example.yaml',
  {},
);
const catalog = loadCatalog();
const principal: Principal = { keyName: 'bench-key', app: 'helpdesk', team: 'support', models: null };
const request: ChatRequest = {
  model: 'chat',
  system: ['You are a helpful assistant for the support team.'],
  messages: [{ role: 'user', parts: [{ type: 'text', text: 'Summarise the last three tickets about the billing page in two sentences.' }] }],
  tools: [],
  toolChoice: 'auto',
  maxTokens: 256,
  stop: [],
  responseFormat: { type: 'text' },
  stream: false,
  includeUsage: false,
  passthrough: { protocol: 'openai', fields: {} },
} as unknown as ChatRequest;
const targetsOf = (config: Config): DecidedTarget<ChatRequest>[] => planTargets(config, 'chat', null).map((t) => ({
  ...t,
  request,
  vault: new Pseudonyms(),
  redactions: 0,
  action: 'allow',
  review: { vendor: t.vendor, status: 'approved', approvedData: [], region: null, termsVersion: null, reason: null } satisfies EffectiveReview,
  reroutedPast: false,
}));
const usage = { input: 31, output: 58, reported: true };

interface Timings {
  admit: number[];
  meter: number[];
  settle: number[];
  total: number[];
}

async function run(config: Config, counters: Counters, n: number): Promise<Timings> {
  const prices = createPriceSource(config, catalog);
  const targets = targetsOf(config);
  const deps: AdmitDeps = { config, counters, budgets: budgetSourcesFromConfig(config), prices, onCrossing: () => undefined };
  const t: Timings = { admit: [], meter: [], settle: [], total: [] };
  const warm = Math.min(2000, n / 5);
  for (let i = 0; i < n + warm; i++) {
    const ctx = newContext(`bench-${randomUUID()}`, 'chat.completions', Date.now(), performance.now());
    ctx.principal = principal;
    const a = performance.now();
    const admitted = await admit(ctx, chatSize(request), targets, deps);
    const b = performance.now();
    const first = admitted[0] as DecidedTarget<ChatRequest>;
    ctx.vendor = first.vendor;
    ctx.vendorModel = first.model;
    ctx.chosen = first;
    meter(ctx, usage, prices, (out) => estimateUsage([], out), () => '');
    const c = performance.now();
    await settle(ctx, counters);
    const d = performance.now();
    if (i < warm) continue;
    t.admit.push((b - a) * 1000);
    t.meter.push((c - b) * 1000);
    t.settle.push((d - c) * 1000);
    t.total.push((d - a) * 1000);
  }
  return t;
}

function pct(values: number[], q: number): string {
  const sorted = [...values].sort((x, y) => x - y);
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
}

function print(name: string, t: Timings, n: number): void {
  const row = (stage: string, v: number[]): string => `| ${name} | ${stage} | ${pct(v, 0.5)} | ${pct(v, 0.99)} |`;
  console.log([row(`admit (${n} requests)`, t.admit), row('meter', t.meter), row('settle (after the answer)', t.settle), row('admit + meter + settle', t.total)].join('\n'));
}

async function redisCounters(): Promise<{ counters: RedisCounters; client: Redis; cleanup: () => Promise<void> } | string> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => null, enableAutoPipelining: true });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    return `Redis at ${REDIS_URL} unreachable (${err instanceof Error ? err.message : String(err)})`;
  }
  const prefix = `airlock-bench:${randomUUID()}:`;
  const counters = new RedisCounters(client, { prefix, seed: () => Promise.resolve(0) });
  return {
    counters,
    client,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await client.del(...keys);
      } while (cursor !== '0');
      await client.quit();
    },
  };
}

console.log('admit + meter per request, µs. example: app + team budget, app rate limit (PRODUCT.md). worst: key, app, team, vendor');
console.log('and global budget, key and app rate limits.\n');
console.log('| counters | stage | p50 µs | p99 µs |\n| --- | --- | --- | --- |');
for (const [name, config] of [['example', EXAMPLE], ['worst', WORST]] as const) {
  print(`memory, ${name}`, await run(config, new MemoryCounters(() => Promise.resolve(0)), ITERATIONS), ITERATIONS);
}
const redis = await redisCounters();
if (typeof redis === 'string') console.log(`| redis | skipped: ${redis} | | |`);
else {
  try {
    const n = Math.min(ITERATIONS, 10_000);
    for (const [name, config] of [['example', EXAMPLE], ['worst', WORST]] as const) print(`redis, ${name}`, await run(config, redis.counters, n), n);
    // the floor under every Redis figure: one round trip on this machine, measured the same way
    const rtt: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      await redis.client.ping();
      rtt.push((performance.now() - a) * 1000);
    }
    console.log(`| redis | PING round trip (reference) | ${pct(rtt, 0.5)} | ${pct(rtt, 0.99)} |`);
  } finally {
    await redis.cleanup();
  }
}
