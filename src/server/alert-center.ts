// Cost alerts for one gateway: budget threshold crossings (from admit) and spend anomalies (checked on a timer
// against the store's hourly spend). Each episode is added to the store once; only a new one is logged and sent to
// the webhook, so an alert goes out once per episode however many requests or instances see it. Nothing here runs
// on a request's path: a threshold crossing's INSERT is started there and not waited for.
import type { AlertsConfig } from '../config/types.ts';
import { thresholdAlert, type AlertStore, type CostAlert, type HourlySource, type StoredAlert } from '../cost/alerts.ts';
import { HOUR_MS, anomalyAt, type AnomalyRule, type HourlySpend } from '../cost/anomaly.ts';
import type { ThresholdCrossing } from '../cost/counters.ts';
import type { Log } from '../pipeline/ports.ts';
import { deliver } from './alert-webhook.ts';
import { errorText } from './log.ts';

/** how far back a failed webhook is retried at start */
const REDELIVER_WINDOW_MS = 7 * 24 * HOUR_MS;

export class AlertCenter {
  private readonly stop = new AbortController();
  private readonly inFlight = new Set<Promise<boolean>>();
  private timer: NodeJS.Timeout | null = null;
  /** spend per hour, 'global' and 'app:NAME', kept up to date from the rows stored since the last check */
  private readonly series = new Map<string, Map<number, number>>([['global', new Map()]]);
  private cursor: number | null = null;
  /** an anomaly pass is under way: the timer's next tick skips instead of reading the same rows twice */
  private checking = false;

  constructor(
    private readonly store: AlertStore,
    private readonly spend: HourlySource,
    private readonly config: AlertsConfig | undefined,
    private readonly log: Log,
  ) {}

  /** starts the anomaly timer and redelivers alerts whose webhook failed before */
  async start(now: number): Promise<void> {
    if (this.config?.webhook !== undefined) {
      for (const a of await this.store.undelivered(now - REDELIVER_WINDOW_MS)) this.send(a, a.attempts);
    }
    const anomaly = this.config?.anomaly;
    if (anomaly === undefined || !anomaly.enabled) return;
    this.timer = setInterval(() => void this.checkAnomalies(Date.now()), anomaly.checkEveryMs);
    this.timer.unref();
  }

  crossing(c: ThresholdCrossing, now: number): void {
    void this.raise(thresholdAlert(c, now));
  }

  /** one pass over global and per-app spend per hour; resolves to the alerts it raised (new episodes only) */
  async checkAnomalies(now: number): Promise<CostAlert[]> {
    const anomaly = this.config?.anomaly;
    if (anomaly === undefined || this.checking) return [];
    const rule: AnomalyRule = { baselineHours: anomaly.baselineHours, k: anomaly.k, floorUsd: anomaly.floorUsd };
    const hour = Math.floor(now / HOUR_MS);
    const oldest = hour - rule.baselineHours - 24;
    this.checking = true;
    try {
      // a baseline needs history: a gateway younger than its baseline window has none to compare with
      const first = await this.spend.firstRequestAt();
      if (first === null || first > (hour - rule.baselineHours) * HOUR_MS) return [];
      const { rows, cursor } = await this.spend.hourlyAfter(this.cursor, oldest * HOUR_MS);
      this.cursor = cursor;
      for (const r of rows) {
        add(this.series, 'global', r.hour, r.costUsd);
        if (r.app !== null) add(this.series, `app:${r.app}`, r.hour, r.costUsd);
      }
      const raised: CostAlert[] = [];
      for (const [subject, hours] of this.series) {
        for (const h of hours.keys()) if (h < oldest) hours.delete(h);
        const alert = anomalyAlert(subject, hours, hour, rule, now);
        if (alert !== null && (await this.raise(alert))) raised.push(alert);
      }
      return raised;
    } catch {
      return []; // the store is closing or out of reach: the next tick tries again
    } finally {
      this.checking = false;
    }
  }

  async recent(limit: number): Promise<StoredAlert[]> {
    return this.store.recent(limit);
  }

  /** stops the timer and waits (bounded by the webhook timeouts) for deliveries under way */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.stop.abort();
    await Promise.all(this.inFlight);
  }

  /** true when the episode is new */
  private async raise(alert: CostAlert): Promise<boolean> {
    const webhook = this.config?.webhook;
    let added: boolean;
    try {
      added = await this.store.add(alert, webhook === undefined ? 'none' : 'pending');
    } catch (err) {
      this.log.error({ event: 'alert.store_failed', alertId: alert.id, kind: alert.kind, subject: alert.subject, error: errorText(err) }, `alert ${alert.id} could not be stored (${errorText(err)}): ${alert.message}`);
      return false;
    }
    if (!added) return false;
    this.log.warn({ event: 'alert.raised', alertId: alert.id, kind: alert.kind, subject: alert.subject, detail: alert.detail }, `alert: ${alert.message}`);
    this.send(alert, 0);
    return true;
  }

  private send(alert: CostAlert, previous: number): void {
    const c = this.config;
    if (c?.webhook === undefined || this.stop.signal.aborted) return;
    const p = deliver(alert, { url: c.webhook, timeoutMs: c.timeoutMs, retries: c.retries }, this.store, this.log, this.stop.signal, previous);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}

function add(series: Map<string, Map<number, number>>, subject: string, hour: number, usd: number): void {
  let hours = series.get(subject);
  if (hours === undefined) {
    hours = new Map();
    series.set(subject, hours);
  }
  hours.set(hour, (hours.get(hour) ?? 0) + usd);
}

function anomalyAlert(subject: string, hours: HourlySpend, hour: number, rule: AnomalyRule, now: number): CostAlert | null {
  const found = anomalyAt(hours, hour, rule);
  if (found === null) return null;
  const start = new Date(found.startHour * HOUR_MS).toISOString().slice(0, 13);
  return {
    id: `anomaly:${subject}:${start}`,
    time: now,
    kind: 'anomaly',
    subject,
    message:
      `spend anomaly for ${subject}: $${found.spendUsd.toFixed(4)} this hour against a baseline of ` +
      `$${found.meanUsd.toFixed(4)} ± ${found.stddevUsd.toFixed(4)} per hour over ${rule.baselineHours} hours (since ${start}:00Z)`,
    detail: {
      hour: new Date(hour * HOUR_MS).toISOString(),
      episodeStart: `${start}:00:00.000Z`,
      spendUsd: found.spendUsd,
      meanUsd: found.meanUsd,
      stddevUsd: found.stddevUsd,
      thresholdUsd: found.thresholdUsd,
      floorUsd: rule.floorUsd,
    },
  };
}
