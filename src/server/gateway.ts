// Assembles a running gateway from a Config: vendor pools, key index, store, listener. Used by `airlock start`
// and by every integration test, so tests run the same wiring users do.
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config/types.ts';
import { systemClock } from '../core/clock.ts';
import { outbounds } from '../protocols/index.ts';
import { buildKeyIndex } from '../pipeline/identify.ts';
import type { Runtime } from '../pipeline/run.ts';
import { budgetSourcesFromConfig } from '../cost/budget.ts';
import { loadCatalog } from '../cost/catalog.ts';
import type { Counters } from '../cost/counters.ts';
import { MemoryCounters } from '../cost/counters-memory.ts';
import { RedisCounters } from '../store/redis/counters-redis.ts';
import { createPriceSource, type PriceSource } from '../cost/pricing.ts';
import { createDetector } from '../governance/detect.ts';
import { Breakers } from '../routing/breaker.ts';
import { VendorRegister } from '../governance/vendor-register.ts';
import { openStore, type Store } from '../store/open.ts';
import { VendorClient } from '../vendors/client.ts';
import { createAdminHandler } from './admin.ts';
import { buildStatus } from './status.ts';
import { createGatewayServer, DEFAULT_LIMITS } from './http.ts';

export interface Gateway {
  url: string;
  port: number;
  store: Store;
  runtime: Runtime;
  /** the vendor register the admin API changes; built once the store is open */
  register: VendorRegister;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** overrides config.listen.port (0 = ephemeral) */
  port?: number;
  host?: string;
  /** the prices to meter with; default: the config's over the bundled catalog */
  prices?: PriceSource;
}

async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // aborted: the fallback loop sees the signal and stops
  }
}

export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const store = openStore(config.store);
  let register: VendorRegister;
  try {
    register = new VendorRegister(config.vendors, store.registerState);
  } catch (err) {
    await store.close();
    throw err;
  }
  const vendors = new Map<string, VendorClient>();
  for (const v of config.vendors.values()) vendors.set(v.name, new VendorClient(v, outbounds[v.protocol]));
  // one breaker set per process; several instances share nothing yet (Redis-shared state is future work)
  const breakers = new Breakers({}, systemClock);
  const prices = options.prices ?? createPriceSource(config, loadCatalog());
  // with redis: budgets and rate limits are shared by every instance through Lua scripts; else in this process
  const counters: Counters = config.redis === null ? new MemoryCounters() : RedisCounters.connect(config.redis);
  const runtime: Runtime = {
    config,
    keys: buildKeyIndex(config),
    call: { vendors, clock: systemClock, sleep: sleepUnlessAborted, random: Math.random, breakers },
    sink: store.sink,
    readiness: store,
    detect: createDetector(config.dataPolicy.terms),
    prices,
    admit: { config, counters, budgets: budgetSourcesFromConfig(config), prices },
    reviews: register,
    inspectBudgetMs: 50,
  };
  const server = createGatewayServer(runtime, DEFAULT_LIMITS, createAdminHandler({ register, adminToken: config.adminToken, status: () => buildStatus({ breakers, register, counters, budgets: runtime.admit.budgets }, Date.now()) }));
  const host = options.host ?? config.listen.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.listen.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    runtime,
    register,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...vendors.values()].map((v) => v.close()));
      await store.close();
      await counters.close();
    },
  };
}
