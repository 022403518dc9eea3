// Assembles a running gateway from a Config: vendor pools, key index, store, listener. Used by `airlock start`
// and by every integration test, so tests run the same wiring users do.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config/types.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { outbounds } from '../protocols/index.ts';
import { buildKeyIndex } from '../pipeline/identify.ts';
import type { Runtime } from '../pipeline/run.ts';
import { budgetSourcesFromConfig } from '../cost/budget.ts';
import { loadCatalog } from '../cost/catalog.ts';
import { createPriceSource, type PriceSource } from '../cost/pricing.ts';
import { createDetector } from '../governance/detect.ts';
import { cachedDetector } from '../governance/detect-cache.ts';
import { createPdfReader, type PdfReader } from '../governance/pdf/reader.ts';
import { VendorRegister } from '../governance/vendor-register.ts';
import { openStore, openVirtualKeys, type Store } from '../store/open.ts';
import { VendorClient } from '../vendors/client.ts';
import { createAdminHandler } from './admin.ts';
import { wireContingency } from './contingency-wiring.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { AlertCenter } from './alert-center.ts';
import { wireCost } from './cost-wiring.ts';
import { observingSink } from './drill/observing-sink.ts';
import { DrillRegistry } from './drill/registry.ts';
import { buildStatus } from './status.ts';
import { wireVirtualKeys } from './virtual-key-wiring.ts';
import { createGatewayServer, DEFAULT_LIMITS } from './http.ts';
import type { Cancel } from '../core/cancel.ts';
import type { DestinationStream } from 'pino';
import type { Log } from '../pipeline/ports.ts';
import { errorText } from './log.ts';
import { observe } from './observability.ts';

export interface Gateway {
  url: string;
  port: number;
  store: Store;
  runtime: Runtime;
  /** the vendor register the admin API changes; built once the store is open */
  register: VendorRegister;
  /** cost alerts: threshold crossings and spend anomalies */
  alerts: AlertCenter;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** overrides config.listen.port (0 = ephemeral) */
  port?: number;
  host?: string;
  /** the prices to meter with; default: the config's over the bundled catalog */
  prices?: PriceSource;
  /** the clock for breakers, vendor calls and retirement days (tests move it); default: the system's */
  clock?: Clock;
  /** Redis key prefix for breakers shared between instances (default 'airlock:') */
  redisPrefix?: string;
  /** where the log's JSON lines go (default stderr); tests read them */
  logTo?: DestinationStream;
}

async function sleepUnlessAborted(ms: number, cancel: Cancel): Promise<void> {
  try {
    await sleep(ms, undefined, { signal: cancel.signal });
  } catch {
    // aborted: the fallback loop sees the signal and stops
  }
}

function pdfReader(config: Config, metrics: GatewayMetrics, log: Log): PdfReader {
  const { maxPages, readTimeoutMs, threads } = config.documents;
  return createPdfReader({
    maxPages,
    timeoutMs: readTimeoutMs,
    threads,
    onRead: (read, seconds) => metrics.pdfRead(read, seconds),
    onThreadError: (err) => log.error({ event: 'pdf.thread_failed', error: errorText(err) }, `a PDF reading thread failed: ${errorText(err)}`),
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const host = options.host ?? config.listen.host;
  const wantPort = options.port ?? config.listen.port;
  // a Postgres store's journal is this instance's own, named by where it listens; an ephemeral port gets a private one
  const store = await openStore(config.store, { instance: wantPort === 0 ? null : `${host}-${wantPort}` });
  let register: VendorRegister;
  try {
    register = await VendorRegister.open(config.vendors, store.registerState);
  } catch (err) {
    await store.close();
    throw err;
  }
  const vendors = new Map<string, VendorClient>();
  for (const v of config.vendors.values()) vendors.set(v.name, new VendorClient(v, outbounds[v.protocol]));
  const clock = options.clock ?? systemClock;
  // breakers with the config's options, shared through Redis with redis:; lifecycle audit; metrics
  const contingency = wireContingency(config, store.registerState, { clock, ...(options.redisPrefix === undefined ? {} : { redisPrefix: options.redisPrefix }) });
  const breakers = contingency.breakers;
  const prices = options.prices ?? createPriceSource(config, loadCatalog());
  const obs = await observe(config, options.logTo);
  // with redis: budgets and rate limits are shared by every instance through Lua scripts; else in this process
  // totals missing from the counters are rebuilt from the store; threshold crossings and anomalies become alerts
  const { counters, alerts } = wireCost(config, store, obs.log);
  const keys = buildKeyIndex(config);
  // plus the keys `airlock keys create` stored, reread every 2 s
  const virtualKeys = await wireVirtualKeys(config, keys, await openVirtualKeys(config.store));
  let selfUrl = '';
  const drills = new DrillRegistry({ config, keys, records: store.drills, selfUrl: () => selfUrl, now: Date.now });
  const runtime: Runtime = {
    config,
    keys,
    call: { vendors, clock, sleep: sleepUnlessAborted, random: Math.random, breakers: contingency.port, drills },
    sink: contingency.metrics.observe(observingSink(store.sink, drills)),
    readiness: store,
    // most of a request's text (system prompt, tools, chat history) was inspected on an earlier request
    detect: cachedDetector(createDetector(config.dataPolicy.terms)),
    prices,
    admit: { config, counters, budgets: budgetSourcesFromConfig(config), prices, onCrossing: (c, now) => alerts.crossing(c, now) },
    reviews: register,
    inspectBudgetMs: 250,
    pdf: pdfReader(config, contingency.metrics, obs.log),
    log: obs.log, tracer: obs.tracer,
  };
  const server = createGatewayServer(runtime, DEFAULT_LIMITS, createAdminHandler({ register, adminToken: config.adminToken, status: async () => ({ ...(await buildStatus({ breakers, register, counters, budgets: runtime.admit.budgets }, Date.now())), ...contingency.status(), drills: drills.running(), alerts: await alerts.recent(20) }), drills, alerts: (limit) => alerts.recent(limit), reports: { config, readers: store.reports, register, content: store.requestContent } }), contingency.metricsHandler);
  const port = await listen(server, wantPort, host);
  // canaries go to this very listener; a wildcard address is reached on loopback
  selfUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    runtime,
    register,
    alerts,
    async close() {
      // drills end first: their last canaries need the listener, their records the store
      await drills.close();
      await virtualKeys.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...[...vendors.values()].map((v) => v.close()), runtime.pdf.close(), obs.close()]);
      await alerts.close();
      await contingency.close();
      await store.close();
      await counters.close();
    },
  };
}
