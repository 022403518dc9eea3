// The cost side of a gateway: counters (Redis when configured, else this process) that rebuild a budget's total
// from the store whenever they have none (a start, a Redis restart or FLUSHALL), and the alert center.
import type { Config } from '../config/types.ts';
import type { BudgetLine, Counters } from '../cost/counters.ts';
import { MemoryCounters } from '../cost/counters-memory.ts';
import { RedisCounters } from '../store/redis/counters-redis.ts';
import type { Store } from '../store/open.ts';
import type { Log } from '../pipeline/ports.ts';
import { AlertCenter } from './alert-center.ts';
import { errorText } from './log.ts';

export interface CostWiring {
  counters: Counters;
  alerts: AlertCenter;
}

export function wireCost(config: Config, store: Store, log: Log): CostWiring {
  // The request log is the store's durable record of every metered request; what the journal still holds is
  // committed first, so a rebuild sees every request this instance answered. Rebuilt totals are exact when
  // instances share one store; with one SQLite file per instance each rebuilds only its own share.
  const seed = async (line: BudgetLine): Promise<number> => {
    if (line.startAt === undefined) return 0;
    await store.sink.flush();
    return store.spendTotals.spentSince(line.key, line.startAt);
  };
  const counters: Counters = config.redis === null ? new MemoryCounters(seed) : RedisCounters.connect(config.redis, { seed });
  const alerts = new AlertCenter(store.costAlerts, store.spendTotals, config.alerts, log);
  // redelivery of old alerts and the first anomaly pass need the store; requests need neither
  alerts.start(Date.now()).catch((err: unknown) => log.error({ event: 'alerts.start_failed', error: errorText(err) }, `alerts could not start: ${errorText(err)}`));
  return { counters, alerts };
}
