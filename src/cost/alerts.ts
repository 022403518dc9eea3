// Cost alerts: what one says, and the key of the episode it belongs to. An episode is a budget threshold within one
// period, or one unbroken run of anomalous hours; every instance derives the same key, so the store can tell a new
// episode from one already alerted (the alert goes out once per episode, not once per request).
import type { Awaitable } from '../core/awaitable.ts';
import type { ThresholdCrossing } from './counters.ts';

export type AlertKind = 'budget' | 'anomaly';

export interface CostAlert {
  /** the episode key, e.g. 'budget:team:support:2026-11:80' or 'anomaly:app:helpdesk:2026-11-27T14' */
  id: string;
  /** epoch ms it was raised */
  time: number;
  kind: AlertKind;
  /** whose spend: 'team:support', 'app:helpdesk', 'global', 'vendor:openai' */
  subject: string;
  message: string;
  /** numbers about the spend; never prompt text or keys */
  detail: Record<string, number | string>;
}

export type WebhookState = 'none' | 'pending' | 'delivered' | 'failed';

export interface StoredAlert extends CostAlert {
  webhook: WebhookState;
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
}

/** Where alerts are kept; store/ implements it. */
export interface AlertStore {
  /** true when the episode is new (the row was added), false when it was alerted before */
  add(alert: CostAlert, webhook: WebhookState): Awaitable<boolean>;
  delivery(id: string, state: WebhookState, attempts: number, error: string | null, at: number | null): Awaitable<void>;
  /** newest first */
  recent(limit: number): Awaitable<StoredAlert[]>;
  /** alerts raised since `since` whose webhook is still pending or failed, oldest first */
  undelivered(since: number): Awaitable<StoredAlert[]>;
}

/** Spend per app and hour, read incrementally from the store's request log (see store/sqlite/spend-totals.ts). */
export interface HourlySource {
  hourlyAfter(cursor: number | null, since: number): Awaitable<{ rows: Array<{ app: string | null; hour: number; costUsd: number }>; cursor: number }>;
  firstRequestAt(): Awaitable<number | null>;
}

export function thresholdAlert(c: ThresholdCrossing, now: number): CostAlert {
  const pct = Math.round((c.usedUsd / c.limitUsd) * 1000) / 10;
  return {
    id: `budget:${c.key}:${c.period}:${c.threshold}`,
    time: now,
    kind: 'budget',
    subject: c.key,
    message:
      `budget ${c.key} (${c.period}) reached ${c.threshold}%: $${c.usedUsd.toFixed(4)} of $${c.limitUsd} committed (${pct}%)` +
      (c.threshold >= 100 ? (c.onExceed === 'block' ? '; further requests are refused' : '; on_exceed is warn, requests still pass') : ''),
    detail: { budget: c.key, period: c.period, threshold: c.threshold, usedUsd: c.usedUsd, limitUsd: c.limitUsd, onExceed: c.onExceed },
  };
}
