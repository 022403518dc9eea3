// Delivers one alert to the configured webhook: a JSON POST, each attempt bounded by a timeout, retried with
// doubling backoff. Runs off the request path; the outcome is written on the alert's row, so a failure is
// recorded (and retried at the next start), never lost silently.
import type { Awaitable } from '../core/awaitable.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertStore, CostAlert } from '../cost/alerts.ts';
import type { Log } from '../pipeline/ports.ts';

export interface WebhookOptions {
  url: string;
  timeoutMs: number;
  /** attempts after the first */
  retries: number;
  /** first backoff; doubles per retry */
  backoffMs?: number;
}

/** The body a receiver gets: the alert as stored, plus who sent it. */
export function webhookBody(alert: CostAlert): string {
  return JSON.stringify({ source: 'airlock', ...alert, time: new Date(alert.time).toISOString() });
}

async function attempt(url: string, body: string, timeoutMs: number, signal: AbortSignal): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'airlock-alerts' },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    await res.arrayBuffer();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Resolves once the alert was delivered or every attempt failed; never rejects. `previous`: attempts made before. */
export async function deliver(alert: CostAlert, opts: WebhookOptions, store: AlertStore, log: Log, signal: AbortSignal, previous = 0): Promise<boolean> {
  const body = webhookBody(alert);
  let attempts = previous;
  let error: string | null = null;
  for (let i = 0; i <= opts.retries && !signal.aborted; i++) {
    if (i > 0) await sleep((opts.backoffMs ?? 500) * 2 ** (i - 1), undefined, { signal }).catch(() => undefined);
    if (signal.aborted) break;
    attempts++;
    error = await attempt(opts.url, body, opts.timeoutMs, signal);
    if (error === null) {
      await safely(() => store.delivery(alert.id, 'delivered', attempts, null, Date.now()));
      return true;
    }
  }
  // the URL may carry a token in its query: only the host goes to the log
  const host = URL.canParse(opts.url) ? new URL(opts.url).host : 'webhook';
  await safely(() => store.delivery(alert.id, 'failed', attempts, error ?? 'stopped before an attempt', null));
  const reason = error ?? 'shutting down';
  log.warn(
    { event: 'alert.undelivered', alertId: alert.id, webhookHost: host, attempts, error: reason },
    `alert ${alert.id} not delivered to ${host} after ${attempts} attempts (${reason}); kept in the store, retried at the next start`,
  );
  return false;
}

async function safely(fn: () => Awaitable<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // the store is closing: the row keeps its last state and is retried at the next start
  }
}
