// Prometheus metrics (prom-client), one registry per gateway so several gateways in one process (tests) never
// mix their series. Request series are fed by the request-log rows as they are written (observe() wraps the
// RecordSink), breaker series by the Breakers' transitions and, for state, read at scrape time.
// Request rows are counted in batches, not one by one: prom-client hashes the labels on every inc() and observe(),
// five times per row, so the rows of the last moment are summed per label set first and handed over with one call
// per set (the duration histogram still takes one observe() per row). A scrape counts what is pending first, so it
// never shows a request as missing that has been answered.
// Labels are bounded by the config: logical model, vendor, vendor model, route, status, error code. A model name
// the config does not know (a caller's typo, or a caller sending made-up names) is counted under model "", so
// callers cannot grow the series without bound.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PdfText } from '../governance/pdf/reader.ts';
import type { DataFlowRow, RecordSink, RequestLogRow } from '../pipeline/ports.ts';
import type { BreakerState, BreakerTransition, Breakers } from '../routing/breaker.ts';

/** how long answered rows may wait to be counted when nobody scrapes, and how many before they are counted at the
 * next turn of the event loop */
const TALLY_MS = 100;
const TALLY_ROWS = 1024;

/** the value of airlock_breaker_state */
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface MetricsSources {
  breakers: Breakers;
  /** batches of outcomes sent to Redis and the ones that failed; absent without redis: */
  sync?: () => { syncs: number; errors: number };
  /** whether the config defines this logical model; default: every name counts as its own series */
  knownModel?: (name: string) => boolean;
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
  private readonly pdfReads: Counter<'outcome'>;
  private readonly pdfSeconds: Histogram;
  private readonly pdfPages: Counter;
  private pending: RequestLogRow[] = [];
  private tallyTimer: NodeJS.Timeout | null = null;
  private tallyImmediate: NodeJS.Immediate | null = null;
  private readonly knownModel: (name: string) => boolean;

  constructor(sources: MetricsSources) {
    this.knownModel = sources.knownModel ?? (() => true);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'airlock_' });
    this.requests = new Counter({ name: 'airlock_requests_total', help: 'data-plane requests answered, by route, logical model, vendor that answered (or none), HTTP status and error code', labelNames: ['route', 'model', 'vendor', 'status', 'code'], registers });
    this.duration = new Histogram({ name: 'airlock_request_duration_seconds', help: 'time from arrival to the last byte of the answer', labelNames: ['route', 'vendor'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers });
    this.tokens = new Counter({ name: 'airlock_tokens_total', help: 'tokens metered, by vendor, vendor model and kind (input, output)', labelNames: ['vendor', 'model', 'kind'], registers });
    this.cost = new Counter({ name: 'airlock_cost_usd_total', help: 'metered spend in USD, by vendor and vendor model', labelNames: ['vendor', 'model'], registers });
    this.fallbacks = new Counter({ name: 'airlock_fallback_requests_total', help: 'requests that took more than one attempt (retry or fallback), by logical model', labelNames: ['model'], registers });
    this.transitions = new Counter({ name: 'airlock_breaker_transitions_total', help: 'circuit breaker state changes; model "" is the vendor-level circuit; source shared: decided across instances (Redis)', labelNames: ['vendor', 'model', 'from', 'to', 'source'], registers });
    this.switches = new Counter({ name: 'airlock_lifecycle_switches_total', help: 'retired targets this process saw replaced by their successor (action successor) or dropped (action skipped)', labelNames: ['model', 'action'], registers });
    this.pdfReads = new Counter({ name: 'airlock_pdf_reads_total', help: 'attached PDFs read for inspection, by outcome: ok, or why not (invalid, encrypted, too_many_pages, timeout, too_large, failed)', labelNames: ['outcome'], registers });
    this.pdfSeconds = new Histogram({ name: 'airlock_pdf_read_seconds', help: 'time to read a PDF for inspection, waiting for a reading thread included', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
    this.pdfPages = new Counter({ name: 'airlock_pdf_pages_total', help: 'pages of the PDFs read', registers });
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

  /** One PDF read (governance/pdf/reader.ts): rare next to requests, so counted at once. */
  pdfRead(read: PdfText, seconds: number): void {
    this.pdfReads.inc({ outcome: read.ok ? 'ok' : read.reason });
    this.pdfSeconds.observe(seconds);
    if (read.ok) this.pdfPages.inc(read.pages);
  }

  lifecycleSwitch(model: string, skipped: boolean): void {
    this.switches.inc({ model, action: skipped ? 'skipped' : 'successor' });
  }

  /** The exposition text, with every answered request counted. */
  scrape(): Promise<string> {
    this.drain();
    return this.registry.metrics();
  }

  private drain(): void {
    if (this.tallyTimer !== null) clearTimeout(this.tallyTimer);
    if (this.tallyImmediate !== null) clearImmediate(this.tallyImmediate);
    this.tallyTimer = null;
    this.tallyImmediate = null;
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
    try {
      this.tally(rows);
    } catch {
      // a metrics failure must never cost anything else
    }
  }

  private tally(rows: readonly RequestLogRow[]): void {
    const requests = new Sums<{ route: string; model: string; vendor: string; status: string; code: string }>();
    const fallbacks = new Sums<{ model: string }>();
    const tokens = new Sums<{ vendor: string; model: string; kind: 'input' | 'output' }>();
    const cost = new Sums<{ vendor: string; model: string }>();
    for (const r of rows) {
      const vendor = r.vendor ?? '';
      const logical = r.logicalModel !== null && this.knownModel(r.logicalModel) ? r.logicalModel : '';
      const code = r.errorCode ?? '';
      const status = String(r.status);
      requests.add(keyOf(r.route, logical, vendor, status, code), () => ({ route: r.route, model: logical, vendor, status, code }), 1);
      this.duration.observe({ route: r.route, vendor }, r.latencyMs / 1000);
      if (r.attempts > 1) fallbacks.add(logical, () => ({ model: logical }), 1);
      if (r.vendor === null) continue;
      const model = r.vendorModel ?? '';
      const key = keyOf(vendor, model);
      if (r.inputTokens !== null) tokens.add(`${key}i`, () => ({ vendor, model, kind: 'input' }), r.inputTokens);
      if (r.outputTokens !== null) tokens.add(`${key}o`, () => ({ vendor, model, kind: 'output' }), r.outputTokens);
      if (r.costUsd !== null && r.costUsd > 0) cost.add(key, () => ({ vendor, model }), r.costUsd);
    }
    requests.into(this.requests);
    fallbacks.into(this.fallbacks);
    tokens.into(this.tokens);
    cost.into(this.cost);
  }

  /** The sink, counting every request row on its way in. */
  observe(sink: RecordSink): RecordSink {
    return {
      write: (row: RequestLogRow, flow?: DataFlowRow) => {
        sink.write(row, flow);
        // counted later, off the answer's path, with the rows around it: a full batch at the next turn of the event
        // loop (not here, where it would hold up this request's answer), the rest on a timer
        this.pending.push(row);
        if (this.pending.length >= TALLY_ROWS) this.tallyImmediate ??= setImmediate(() => this.drain()).unref();
        else this.tallyTimer ??= setTimeout(() => this.drain(), TALLY_MS).unref();
      },
      writeFlow: (row) => sink.writeFlow(row),
      flush: () => sink.flush(),
      close: () => sink.close(),
    };
  }
}

/** Label values joined into one key, each after its length: no two different lists of values give the same key,
 * whatever characters a caller put in a model name. */
function keyOf(...values: string[]): string {
  let key = '';
  for (const v of values) key += `${v.length}:${v}`;
  return key;
}

/** Sums per label set (the key: keyOf its values). */
class Sums<L extends Record<string, string>> {
  private readonly byKey = new Map<string, { labels: L; value: number }>();

  add(key: string, labels: () => L, value: number): void {
    const entry = this.byKey.get(key);
    if (entry === undefined) this.byKey.set(key, { labels: labels(), value });
    else entry.value += value;
  }

  into(counter: Counter<Extract<keyof L, string>>): void {
    for (const { labels, value } of this.byKey.values()) counter.inc(labels, value);
  }
}
