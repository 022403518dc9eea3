// Prometheus metrics (prom-client), one registry per gateway so several gateways in one process (tests) never
// mix their series. Request series are fed by the request-log rows as they are written (observe() wraps the
// RecordSink), breaker series by the Breakers' transitions and, for state, read at scrape time.
// Labels are bounded by the config: logical model, vendor, vendor model, route, status, error code.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataFlowRow, RecordSink, RequestLogRow } from '../pipeline/ports.ts';
import type { BreakerState, BreakerTransition, Breakers } from '../routing/breaker.ts';

/** the value of airlock_breaker_state */
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface MetricsSources {
  breakers: Breakers;
  /** batches of outcomes sent to Redis and the ones that failed; absent without redis: */
  sync?: () => { syncs: number; errors: number };
}

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'model' | 'vendor' | 'status' | 'code'>;
  private readonly duration: Histogram<'route' | 'vendor'>;
  private readonly tokens: Counter<'vendor' | 'model' | 'kind'>;
  private readonly cost: Counter<'vendor' | 'model'>;
  private readonly fallbacks: Counter<'model'>;
  private readonly transitions: Counter<'vendor' | 'model' | 'from' | 'to' | 'source'>;
  private readonly switches: Counter<'model' | 'action'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'airlock_' });
    this.requests = new Counter({ name: 'airlock_requests_total', help: 'data-plane requests answered, by route, logical model, vendor that answered (or none), HTTP status and error code', labelNames: ['route', 'model', 'vendor', 'status', 'code'], registers });
    this.duration = new Histogram({ name: 'airlock_request_duration_seconds', help: 'time from arrival to the last byte of the answer', labelNames: ['route', 'vendor'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers });
    this.tokens = new Counter({ name: 'airlock_tokens_total', help: 'tokens metered, by vendor, vendor model and kind (input, output)', labelNames: ['vendor', 'model', 'kind'], registers });
    this.cost = new Counter({ name: 'airlock_cost_usd_total', help: 'metered spend in USD, by vendor and vendor model', labelNames: ['vendor', 'model'], registers });
    this.fallbacks = new Counter({ name: 'airlock_fallback_requests_total', help: 'requests that took more than one attempt (retry or fallback), by logical model', labelNames: ['model'], registers });
    this.transitions = new Counter({ name: 'airlock_breaker_transitions_total', help: 'circuit breaker state changes; model "" is the vendor-level circuit; source shared: decided across instances (Redis)', labelNames: ['vendor', 'model', 'from', 'to', 'source'], registers });
    this.switches = new Counter({ name: 'airlock_lifecycle_switches_total', help: 'retired targets this process saw replaced by their successor (action successor) or dropped (action skipped)', labelNames: ['model', 'action'], registers });
    new Gauge({
      name: 'airlock_breaker_state', help: 'circuit breaker state: 0 closed, 1 half-open, 2 open; model "" is the vendor-level circuit', labelNames: ['vendor', 'model'], registers,
      collect() {
        this.reset();
        for (const b of sources.breakers.snapshot()) this.set({ vendor: b.vendor, model: b.model ?? '' }, STATE_VALUE[b.state]);
      },
    });
    const sync = sources.sync;
    if (sync !== undefined) {
      // a counter read from SharedBreakers' own totals at scrape time
      new Counter({ name: 'airlock_breaker_sync_batches_total', help: 'batches of breaker outcomes sent to Redis (result ok or error)', labelNames: ['result'], registers,
        collect() {
          const s = sync();
          this.reset();
          this.inc({ result: 'ok' }, s.syncs - s.errors);
          this.inc({ result: 'error' }, s.errors);
        },
      });
    }
    sources.breakers.onTransition((t) => this.transition(t));
  }

  transition(t: BreakerTransition): void {
    this.transitions.inc({ vendor: t.vendor, model: t.model ?? '', from: t.from, to: t.to, source: t.shared === true ? 'shared' : 'local' });
  }

  lifecycleSwitch(model: string, skipped: boolean): void {
    this.switches.inc({ model, action: skipped ? 'skipped' : 'successor' });
  }

  row(r: RequestLogRow): void {
    const vendor = r.vendor ?? '';
    this.requests.inc({ route: r.route, model: r.logicalModel ?? '', vendor, status: String(r.status), code: r.errorCode ?? '' });
    this.duration.observe({ route: r.route, vendor }, r.latencyMs / 1000);
    if (r.attempts > 1) this.fallbacks.inc({ model: r.logicalModel ?? '' });
    if (r.vendor === null) return;
    const model = r.vendorModel ?? '';
    if (r.inputTokens !== null) this.tokens.inc({ vendor, model, kind: 'input' }, r.inputTokens);
    if (r.outputTokens !== null) this.tokens.inc({ vendor, model, kind: 'output' }, r.outputTokens);
    if (r.costUsd !== null && r.costUsd > 0) this.cost.inc({ vendor, model }, r.costUsd);
  }

  /** The sink, counting every request row on its way in. */
  observe(sink: RecordSink): RecordSink {
    return {
      write: (row: RequestLogRow, flow?: DataFlowRow) => {
        sink.write(row, flow);
        // after the answer is on the socket (the caller writes it right after recording): counting is not its business
        queueMicrotask(() => {
          try {
            this.row(row);
          } catch {
            // a metrics failure must never cost anything else
          }
        });
      },
      writeFlow: (row) => sink.writeFlow(row),
      flush: () => sink.flush(),
      close: () => sink.close(),
    };
  }
}
