// Drill types shared by the gateway that runs a drill (server/drill/), the store that keeps its record, and the
// CLI that starts it and prints the record. Types only.

export const FAULT_KINDS = ['outage', 'errors', 'latency', 'truncate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface DrillSpec {
  vendor: string;
  fault: FaultKind;
  /** share of live requests to the vendor that get the fault, 0..1; 0 = canaries only */
  share: number;
  canary: boolean;
  durationMs: number;
  /** the delay a latency fault adds */
  latencyMs: number;
}

/** What one logical model whose chain uses the drilled vendor did while the drill ran. */
export interface ModelDrillResult {
  model: string;
  /** requests to the model during the drill (live and canary), with or without the fault */
  requests: number;
  canaries: number;
  /** requests whose call to the drilled vendor got the fault */
  affected: number;
  /** affected requests whose caller got a whole answer */
  answered: number;
  /** null when no request was affected */
  keptAnswering: boolean | null;
  /** vendor → affected requests it answered (the drilled vendor itself for a latency fault it survived) */
  answeredBy: Record<string, number>;
  /** error code → affected requests whose caller saw it (an HTTP error or an error event ending a stream) */
  callerErrors: Record<string, number>;
  /** median latency of answered requests without the fault (live traffic and baseline canaries) */
  baselineMs: number | null;
  /** median latency of affected requests that were answered */
  affectedMs: number | null;
  addedLatencyMs: number | null;
}

export type DrillResult = 'passed' | 'failed' | 'no-traffic';

export interface DrillRecord extends DrillSpec {
  id: string;
  /** epoch ms: the fault went live (after the baseline canaries) */
  startedAt: number;
  /** epoch ms; null while it runs */
  endedAt: number | null;
  /** 'duration' | 'stopped' | 'shutdown'; null while it runs */
  endedBy: 'duration' | 'stopped' | 'shutdown' | null;
  /** failed: an affected model stopped answering; no-traffic: nothing was affected */
  result: DrillResult | null;
  models: ModelDrillResult[];
}
