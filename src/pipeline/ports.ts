// What the pipeline needs from the outside world; store/ implements these.

/** One row per data-plane request. Never holds prompt text, answers or keys. */
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
  costUsd: number | null;
}

/**
 * Takes records off the hot path. `write` must be synchronous-durable enough that a process crash after it
 * returns loses nothing (e.g. an append to a journal), and cheap: it runs before the answer's last byte.
 */
export interface RecordSink {
  write(row: RequestLogRow): void;
  /** resolves when everything written so far is in the store */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadinessProbe {
  /** true when the store answers */
  ready(): boolean;
}
