// What the pipeline needs from the outside world; store/ implements these.
import type { EffectiveReview } from '../governance/types.ts';

/** One row per data-plane request. Never holds prompt text, answers or keys, except redacted `content`. */
export interface RequestLogRow {
  requestId: string;
  /** epoch ms when the request arrived */
  time: number;
  keyName: string | null;
  app: string | null;
  team: string | null;
  /** accept route: chat.completions | messages | embeddings */
  route: string;
  logicalModel: string | null;
  vendor: string | null;
  vendorModel: string | null;
  status: number;
  errorCode: string | null;
  attempts: number;
  stream: boolean;
  latencyMs: number;
  /** null when no byte of an answer was sent */
  ttfbMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  /** false when Airlock counted tokens itself, null when unknown */
  usageReported: boolean | null;
  /** everything the request cost, failed calls' estimate included */
  costUsd: number | null;
  /** of costUsd, the estimate for failed calls the vendors may bill (timeouts after sending, answers cut off); null: none */
  failedCostUsd?: number | null;
  /** which prices metered it: 'config' or 'catalog:<version>'; absent when no vendor answered */
  priceSource?: string | null;
  /** with `log_content: true` only: the prompt and answer, every detected value replaced by its placeholder */
  content?: RequestContent;
}

/** A request's content as logged: redacted before it leaves the pipeline, never raw. */
export interface RequestContent {
  /** the prompt's text slots as a JSON array */
  prompt: string;
  answer: string;
}

/**
 * Takes records off the hot path. `write` must be synchronous-durable enough that a process crash after it
 * returns loses nothing (e.g. an append to a journal), and cheap: it runs before the answer's last byte.
 */
export interface RecordSink {
  /** the request's log row and, when it was inspected, its data-flow record: one durable write for both */
  write(row: RequestLogRow, flow?: DataFlowRow): void;
  writeFlow(row: DataFlowRow): void;
  /** resolves when everything written so far is in the store */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadinessProbe {
  /** true when the store answers */
  ready(): boolean;
}

/** One data-flow record per request that reached (or was refused before) a vendor: the Art. 30-style record. */
export interface DataFlowRow {
  requestId: string;
  time: number;
  app: string | null;
  team: string | null;
  logicalModel: string | null;
  /** the vendor the data went to; null when the request was blocked before any vendor */
  vendor: string | null;
  region: string | null;
  termsVersion: string | null;
  /** data class → number of detected (or declared) values; declared classes without a value count 0 */
  classes: Record<string, number>;
  /** the strongest action taken: allow | redact | pseudonymize | reroute | block */
  action: string;
}

export type { AuditEvent } from '../governance/types.ts';

/**
 * The operational log (server/log.ts, pino): one JSON line per event, `event` naming it stably and `msg` saying it
 * to a person. Never given a prompt, an answer or a key.
 */
export interface Log {
  debug(fields: LogFields, msg: string): void;
  info(fields: LogFields, msg: string): void;
  warn(fields: LogFields, msg: string): void;
  error(fields: LogFields, msg: string): void;
  /** checked before building a debug event, so the hot path pays a comparison when debug is off */
  isLevelEnabled(level: 'debug'): boolean;
}

export interface LogFields {
  event: string;
  [field: string]: unknown;
}

/** The vendor register as the hot path reads it: the review as it counts right now. */
export interface ReviewSource {
  effective(vendor: string, now: number): EffectiveReview;
}
