// One drill under way: its fault, the logical models it watches, the requests it hit, its canaries and its end.
import { randomBytes } from 'node:crypto';
import type { DrillRecord, DrillResult, DrillSpec, ModelDrillResult } from '../../core/drill.ts';
import type { RequestLogRow } from '../../pipeline/ports.ts';
import type { Fault } from '../../vendors/fault.ts';
import type { Canaries } from './canary.ts';
import { ModelTally } from './tally.ts';

export type Phase = 'baseline' | 'fault' | 'ended';

export class ActiveDrill {
  readonly fault: Fault;
  /** minted per drill, registered in the key index only while it runs */
  readonly canaryKey = `sk-airlock-drill-${randomBytes(24).toString('base64url')}`;
  readonly canaryKeyName: string;
  /** request ids whose call to the vendor got the fault, until their row is seen */
  readonly affected = new Set<string>();
  private readonly tallies: Map<string, ModelTally>;
  /** the share as a threshold over a 32-bit hash of the request id */
  readonly threshold: number;
  phase: Phase = 'baseline';
  startedAt = 0;
  timer: NodeJS.Timeout | null = null;
  readonly canaryStop = new AbortController();
  canaries: Canaries | null = null;
  canaryRun: Promise<void> = Promise.resolve();
  ending: Promise<DrillRecord> | null = null;

  /** models whose chain starts with the drilled vendor: every request the share picks would have called it */
  private readonly primaryOf: Set<string>;

  constructor(readonly id: string, readonly spec: DrillSpec, models: string[], primaryOf: string[]) {
    this.fault = { kind: spec.fault, latencyMs: spec.latencyMs };
    this.canaryKeyName = `drill-${id}`;
    this.tallies = new Map(models.map((m) => [m, new ModelTally(m)]));
    this.primaryOf = new Set(primaryOf);
    this.threshold = Math.floor(spec.share * 0x1_0000_0000);
  }

  get models(): string[] {
    return [...this.tallies.keys()];
  }

  /** Live requests: the same request always gets the same answer, so its retries of the vendor fail alike. */
  hits(requestId: string): boolean {
    return this.threshold > 0 && fnv1a(requestId) < this.threshold;
  }

  observe(row: RequestLogRow): void {
    const tally = row.logicalModel === null ? undefined : this.tallies.get(row.logicalModel);
    if (tally === undefined) return;
    const injected = this.affected.delete(row.requestId);
    const canary = row.keyName === this.canaryKeyName;
    // A request the drill picked counts as affected even when no fault was injected into it because the vendor's
    // breaker, opened by the drill's earlier faults, skipped it: that is the drill's effect too.
    const picked = this.phase === 'fault' && (canary || (this.primaryOf.has(tally.model) && this.hits(row.requestId)));
    tally.add(row, injected || picked, canary);
  }

  snapshot(endedAt: number | null, endedBy: DrillRecord['endedBy']): DrillRecord {
    const models = [...this.tallies.values()].map((t) => t.result());
    return { id: this.id, ...this.spec, startedAt: this.startedAt, endedAt, endedBy, result: endedAt === null ? null : resultOf(models), models };
  }
}

function resultOf(models: ModelDrillResult[]): DrillResult {
  if (models.some((m) => m.keptAnswering === false)) return 'failed';
  return models.some((m) => m.keptAnswering === true) ? 'passed' : 'no-traffic';
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finalizer: ids differ only in their last characters, and FNV alone leaves that in its low bits
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
