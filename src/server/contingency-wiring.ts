// Wires the contingency features into a gateway: breakers (per vendor options from the config; shared through
// Redis when redis: is set), the deprecation lifecycle's audit, the Prometheus metrics, and the recent breaker
// transitions that `airlock status` shows.
import type { Clock } from '../core/clock.ts';
import type { BreakerSettings, Config } from '../config/types.ts';
import type { RegisterState } from '../governance/vendor-register.ts';
import { Breakers, type BreakerPort, type BreakerTransition } from '../routing/breaker.ts';
import { onLifecycleSwitch } from '../routing/plan.ts';
import { SharedBreakers } from '../store/redis/breakers-redis.ts';
import { LifecycleAudit } from './lifecycle-audit.ts';
import { metricsHandler, type MetricsHandler } from './metrics-endpoint.ts';
import { GatewayMetrics } from './metrics.ts';

/** how many breaker transitions `airlock status` shows */
const RECENT_TRANSITIONS = 50;
/** how often every logical model's chain is checked for a retirement without waiting for traffic */
const LIFECYCLE_CHECK_MS = 60_000;

export interface ContingencyOptions {
  clock: Clock;
  /** Redis key prefix for shared breakers (default 'airlock:'); tests give each run its own */
  redisPrefix?: string;
}

export interface Contingency {
  /** this process's breakers: what status and metrics show */
  breakers: Breakers;
  /** what the fallback loop calls: the shared breakers with redis:, else `breakers` */
  port: BreakerPort;
  shared: SharedBreakers | null;
  metrics: GatewayMetrics;
  metricsHandler: MetricsHandler;
  lifecycle: LifecycleAudit;
  /** for GET /admin/status */
  status(): { breakerTransitions: Array<Omit<BreakerTransition, 'at'> & { at: string }> };
  close(): Promise<void>;
}

export function wireContingency(config: Config, registerState: RegisterState, options: ContingencyOptions): Contingency {
  const perVendor = new Map<string, BreakerSettings>();
  for (const v of config.vendors.values()) if (v.breaker !== undefined) perVendor.set(v.name, v.breaker);
  const { syncMs, ...base } = config.breaker;
  const breakers = new Breakers(base, options.clock, perVendor);
  const shared = config.redis === null ? null
    : SharedBreakers.connect(config.redis, breakers, { syncMs, clock: options.clock, ...(options.redisPrefix === undefined ? {} : { prefix: options.redisPrefix }) });
  const recent: BreakerTransition[] = [];
  breakers.onTransition((t) => {
    recent.push(t);
    if (recent.length > RECENT_TRANSITIONS) recent.shift();
  });
  const metrics = new GatewayMetrics({ breakers, knownModel: (name) => config.models.has(name), ...(shared === null ? {} : { sync: () => ({ syncs: shared.syncs, errors: shared.syncErrors }) }) });
  const lifecycle = new LifecycleAudit(config, registerState, options.clock, (s) => metrics.lifecycleSwitch(s.logicalModel, s.to === null));
  onLifecycleSwitch(config, (switches) => lifecycle.record(switches));
  lifecycle.start(LIFECYCLE_CHECK_MS);
  return {
    breakers,
    port: shared ?? breakers,
    shared,
    metrics,
    metricsHandler: metricsHandler(metrics, config.adminToken),
    lifecycle,
    status: () => ({ breakerTransitions: recent.map((t) => ({ ...t, at: new Date(t.at).toISOString() })).reverse() }),
    async close() {
      lifecycle.stop();
      await shared?.close();
    },
  };
}
