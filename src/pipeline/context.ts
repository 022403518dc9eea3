// One request's state as it moves through the stages. Stages read and write typed fields, never string-keyed bags.
import type { Usage } from '../core/canonical.ts';
import type { AttemptSummary } from '../core/errors.ts';
import type { PolicyAction, VendorConfig } from '../config/types.ts';
import type { Pseudonyms } from '../governance/pseudonymize.ts';
import type { EffectiveReview } from '../governance/types.ts';
import type { Inspection } from './inspect.ts';

/** What the data-flow record needs of the target that answered. */
export interface ChosenTarget {
  vendorConfig: VendorConfig;
  vault: Pseudonyms;
  redactions: number;
  action: PolicyAction;
  review: EffectiveReview;
  reroutedPast: boolean;
}

export interface Principal {
  keyName: string;
  app: string | null;
  team: string | null;
  /** the logical models this key may call; null = all */
  models: Set<string> | null;
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
  vendor: string | null;
  vendorModel: string | null;
  usage: Usage | null;
  costUsd: number | null;
  /** 'config' or 'catalog:<version>' */
  priceSource: string | null;
  /** ms from arrival to the first byte of the answer */
  ttfbMs: number | null;
  redactions: number;
  /** the code of an error event that ended the stream after its first byte, for the log and the breaker */
  streamError: string | null;
  /** the budget hold taken by admit, settled by meter */
  reservation: { id: string; estimateUsd: number } | null;
  /** x-ratelimit-* headers from admit */
  rateHeaders: Record<string, string> | null;
  /** what inspection found; null until the inspect stage ran */
  inspection: Inspection | null;
  /** the decided target that answered */
  chosen: ChosenTarget | null;
  /** performance.now() by which the client stops waiting (X-Stainless-Timeout), or null */
  clientDeadline: number | null;
  /** aborts vendor calls when the client goes away */
  abort: AbortController;
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
    priceSource: null,
    ttfbMs: null,
    redactions: 0,
    streamError: null,
    reservation: null,
    rateHeaders: null,
    inspection: null,
    chosen: null,
    clientDeadline: null,
    abort: new AbortController(),
  };
}
