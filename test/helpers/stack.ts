// Starts simulated vendors and a real gateway on 127.0.0.1 with a config built for the test, and closes all
// of it when the test ends. The config goes through the same YAML parser users' files do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/types.ts';
import { startGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway.ts';
import { startSimulator, type SimOptions, type Simulator } from '../../src/simulator/server.ts';

export const KEY = 'sk-test-airlock-key';
export const PROTOCOLS = ['openai', 'anthropic', 'gemini'] as const;
export type Proto = (typeof PROTOCOLS)[number];

export interface Stack {
  gateway: Gateway;
  url: string;
  sims: Record<Proto, Simulator>;
  config: Config;
  dir: string;
}

export interface StackOptions {
  /** logical model → targets as `vendor/model`; vendors are `sim-<protocol>` or names from `vendors` */
  models?: Record<string, string[]>;
  vendors?: Record<string, Record<string, unknown>>;
  sim?: Partial<Omit<SimOptions, 'protocol'>>;
  retry?: { max_retries?: number; base_ms?: number; max_ms?: number };
  timeouts?: { connect_ms?: number; first_byte_ms?: number; total_ms?: number; idle_ms?: number };
  /** review per simulated vendor (`sim-openai` …), replacing the default approval for public, internal, personal */
  reviews?: Record<string, Record<string, unknown>>;
  /** terms per simulated vendor */
  terms?: Record<string, Record<string, unknown>>;
  extra?: Record<string, unknown>;
  /** vendors from `vendors` to point at a simulator: vendor name → the simulator's protocol (sets base_url) */
  baseUrls?: Record<string, Proto>;
  /** passed to startGateway (e.g. logTo, to read the log) */
  gateway?: GatewayOptions;
}

export function baseUrl(protocol: Proto, sim: Simulator): string {
  return protocol === 'openai' ? `${sim.url}/v1` : sim.url;
}

/** Default logical models: one per out-protocol, named after it. */
export const DEFAULT_MODELS: Record<string, string[]> = {
  'via-openai': ['sim-openai/gpt-4o-mini'],
  'via-anthropic': ['sim-anthropic/claude-3-5-haiku-20241022'],
  'via-gemini': ['sim-gemini/gemini-2.0-flash'],
  embed: ['sim-openai/text-embedding-3-small'],
};

export async function startStack(t: TestContext, opts: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-test-'));
  const simList = await Promise.all(PROTOCOLS.map((protocol) => startSimulator({ protocol, port: 0, ...opts.sim })));
  const sims = Object.fromEntries(PROTOCOLS.map((p, i) => [p, simList[i]])) as Record<Proto, Simulator>;
  const vendors: Record<string, Record<string, unknown>> = {};
  for (const p of PROTOCOLS) {
    vendors[`sim-${p}`] = {
      protocol: p,
      base_url: baseUrl(p, sims[p]),
      api_key: 'sim-vendor-key',
      review: opts.reviews?.[`sim-${p}`] ?? { status: 'approved', approved_data: ['public', 'internal', 'personal'] },
      ...(opts.terms?.[`sim-${p}`] ? { terms: opts.terms[`sim-${p}`] } : {}),
      retry: { max_retries: 1, base_ms: 10, max_ms: 2000, ...opts.retry },
      ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
    };
  }
  Object.assign(vendors, opts.vendors);
  for (const [name, p] of Object.entries(opts.baseUrls ?? {})) vendors[name] = { ...vendors[name], base_url: baseUrl(p, sims[p]) };
  const models = Object.fromEntries(
    Object.entries(opts.models ?? DEFAULT_MODELS).map(([name, targets]) => [
      name,
      { targets: targets.map((t) => ({ vendor: t.slice(0, t.indexOf('/')), model: t.slice(t.indexOf('/') + 1) })) },
    ]),
  );
  const doc = {
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${join(dir, 'airlock.db')}`,
    vendors,
    models,
    apps: { tests: {} },
    keys: [{ name: 'test-key', app: 'tests', key: KEY }],
    prices: { 'sim-openai/gpt-4o-mini': { input: 0.15, output: 0.6 } },
    ...opts.extra,
  };
  // written out too, so a CLI command can be pointed at the same config with --config
  const yaml = stringify(doc);
  writeFileSync(join(dir, 'airlock.yaml'), yaml);
  const config = parseConfig(yaml, join(dir, 'airlock.yaml'), {});
  const gateway = await startGateway(config, { ...opts.gateway, port: 0 }).catch(async (err: unknown) => {
    // the simulators would otherwise keep the test process alive after a failed start
    await Promise.all(simList.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  t.after(async () => {
    await gateway.close();
    await Promise.all(simList.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  return { gateway, url: gateway.url, sims, config, dir };
}
