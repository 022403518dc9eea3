// One request's state as it moves through the stages. Stages read and write typed fields, never string-keyed bags.
import type { Usage } from '../core/canonical.ts';
import type { AttemptSummary } from '../core/errors.ts';
import type { PolicyAction, VendorConfig } from '../config/types.ts';
import type { ContentCapture } from '../governance/content-log.ts';
import type { Pseudonyms } from '../governance/pseudonymize.ts';
import type { EffectiveReview } from '../governance/types.ts';
import type { Inspection } from './inspect.ts';
import type { Retirement } from '../routing/deprecation.ts';
import { Cancel } from '../core/cancel.ts';
import type { RequestTrace } from './trace-attempt.ts';

/** What the data-flow record needs of the target that answered. */
export interface ChosenTarget {
  vendorConfig: VendorConfig;
  vault: Pseudonyms;
  redactions: number;
  action: PolicyAction;
  review: EffectiveReview;
  reroutedPast: boolean;
  /** the target's scheduled retirement, for the Deprecation and Sunset headers */
  deprecation?: { retirement: Retirement; warnDays: number };
}

/** A target the request was sent to, answered or not. */
export interface SentTarget extends ChosenTarget {
  vendor: string;
}

export interface Principal {
  keyName: string;
  app: string | null;
  team: string | null;
  /** the logical models this key may call; null = all */
  models: Set<string> | null;
}

/** One reservation admit made: the key/app/team/global one (vendor null) or one vendor's budget. */
export interface BudgetHold {
  id: string;
  vendor: string | null;
  estimateUsd: number;
}

export interface RequestContext {
  id: string;
  /** epoch ms at arrival, for the record */
  time: number;
  /** performance.now() at arrival, for latencies */
  started: number;
  route: string;
  principal: Principal | null;
  logicalModel: string | null;
  stream: boolean;
  attempts: AttemptSummary[];
  /** the vendor that answered, or that had the request when the caller left (meterAbandoned); null when none */
  vendor: string | null;
  vendorModel: string | null;
  usage: Usage | null;
  /** the answer's cost; once the request is over (chargeFailedCalls), the failed calls' estimate is added in */
  costUsd: number | null;
  /** per vendor, the estimated cost of failed calls it may bill (meterFailedCalls); null when there were none */
  failedCallsUsd: Map<string, number> | null;
  /** their sum, once charged: the part of costUsd that is estimated failed calls */
  failedCostUsd: number | null;
  /** 'config' or 'catalog:<version>' */
  priceSource: string | null;
  /** ms from arrival to the first byte of the answer */
  ttfbMs: number | null;
  redactions: number;
  /** the code of an error event that ended the stream after its first byte, for the log and the breaker */
  streamError: string | null;
  /** the budget holds taken by admit, settled by meter */
  reservation: { holds: BudgetHold[] } | null;
  /** headers from admit: x-ratelimit-*, and x-airlock-budget-remaining-usd / -reset on a budget refusal */
  rateHeaders: Record<string, string> | null;
  /** what inspection found; null until the inspect stage ran */
  inspection: Inspection | null;
  /** the decided target that answered (or, like vendor, had the request when the caller left) */
  chosen: ChosenTarget | null;
  /** every decided target the request was sent to (tried), in order: each is a flow in the data-flow record */
  sentTo: SentTarget[];
  /** `log_content: true`: what the request log keeps of the content, redacted when recorded; else null */
  content: ContentCapture | null;
  /** performance.now() by which the client stops waiting (X-Stainless-Timeout), or null */
  clientDeadline: number | null;
  /** aborts vendor calls when the client goes away */
  abort: Cancel;
  /** the request's spans while an SDK records them (trace-request.ts); null otherwise */
  trace: RequestTrace | null;
}

export function newContext(id: string, route: string, time: number, started: number): RequestContext {
  return {
    id,
    time,
    started,
    route,
    principal: null,
    logicalModel: null,
    stream: false,
    attempts: [],
    vendor: null,
    vendorModel: null,
    usage: null,
    costUsd: null,
    failedCallsUsd: null,
    failedCostUsd: null,
    priceSource: null,
    ttfbMs: null,
    redactions: 0,
    streamError: null,
    reservation: null,
    rateHeaders: null,
    inspection: null,
    chosen: null,
    sentTo: [],
    content: null,
    clientDeadline: null,
    abort: new Cancel(),
    trace: null,
  };
}
