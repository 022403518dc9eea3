// What one drill saw of one logical model's requests, from their request-log rows: affected or not, answered or
// not, by whom, how fast. Turned into the record's ModelDrillResult when the drill ends.
import type { ModelDrillResult } from '../../core/drill.ts';
import type { RequestLogRow } from '../../pipeline/ports.ts';

export class ModelTally {
  private requests = 0;
  private canaries = 0;
  private affected = 0;
  private answered = 0;
  private readonly answeredBy = new Map<string, number>();
  private readonly callerErrors = new Map<string, number>();
  private readonly baseline: number[] = [];
  private readonly slowed: number[] = [];

  constructor(readonly model: string) {}

  add(row: RequestLogRow, affected: boolean, canary: boolean): void {
    this.requests++;
    if (canary) this.canaries++;
    // a stream that ended in an error event is a 200 with an error code: the caller saw the error
    const ok = row.status < 400 && row.errorCode === null;
    if (!affected) {
      if (ok) this.baseline.push(row.latencyMs);
      return;
    }
    this.affected++;
    if (ok) {
      this.answered++;
      this.slowed.push(row.latencyMs);
      bump(this.answeredBy, row.vendor ?? '(none)');
    } else {
      bump(this.callerErrors, row.errorCode ?? `http_${row.status}`);
    }
  }

  result(): ModelDrillResult {
    const baselineMs = median(this.baseline);
    const affectedMs = median(this.slowed);
    return {
      model: this.model,
      requests: this.requests,
      canaries: this.canaries,
      affected: this.affected,
      answered: this.answered,
      keptAnswering: this.affected === 0 ? null : this.answered === this.affected,
      answeredBy: Object.fromEntries(this.answeredBy),
      callerErrors: Object.fromEntries(this.callerErrors),
      baselineMs,
      affectedMs,
      addedLatencyMs: baselineMs === null || affectedMs === null ? null : round(affectedMs - baselineMs),
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round(sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}
