// The drills under way in this gateway (`airlock drill`), consulted by the call stage for every vendor call
// (DrillHook) and fed every request-log row (observe) to build each drill's record. One drill per vendor at a
// time. A drill ends by itself after its duration, or when stopped, or when the gateway closes; its record is
// then written to the store. With several instances each runs only the drills started on it.
import { createHash } from 'node:crypto';
import type { Config } from '../../config/types.ts';
import type { DrillRecord, DrillSpec } from '../../core/drill.ts';
import { AirlockError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { RequestContext } from '../../pipeline/context.ts';
import type { DrillHook } from '../../pipeline/drill-hook.ts';
import type { KeyIndex } from '../../pipeline/identify.ts';
import type { RequestLogRow } from '../../pipeline/ports.ts';
import type { DrillRecordStore } from '../../store/sqlite/drill-records.ts';
import type { Fault } from '../../vendors/fault.ts';
import { ActiveDrill } from './active-drill.ts';
import { Canaries } from './canary.ts';

export interface DrillRegistryDeps {
  config: Config;
  keys: KeyIndex;
  records: DrillRecordStore;
  /** the gateway's own base URL, for canaries; known once it listens */
  selfUrl: () => string;
  now: () => number;
}

const MIN_CANARY_INTERVAL_MS = 200;
const MAX_CANARY_INTERVAL_MS = 30_000;

/** The logical models whose chain names the vendor. */
export function modelsUsing(config: Config, vendor: string): string[] {
  return [...config.models.values()].filter((m) => m.targets.some((t) => t.vendor === vendor)).map((m) => m.name);
}

export class DrillRegistry implements DrillHook {
  private readonly byVendor = new Map<string, ActiveDrill>();

  constructor(private readonly deps: DrillRegistryDeps) {}

  faultFor(ctx: RequestContext, vendor: string): Fault | null {
    if (this.byVendor.size === 0) return null;
    const drill = this.byVendor.get(vendor);
    if (drill === undefined || drill.phase !== 'fault') return null;
    const canary = ctx.principal !== null && ctx.principal.keyName === drill.canaryKeyName;
    if (!canary && !drill.hits(ctx.id)) return null;
    drill.affected.add(ctx.id);
    return drill.fault;
  }

  observe(row: RequestLogRow): void {
    if (this.byVendor.size === 0) return;
    for (const drill of this.byVendor.values()) drill.observe(row);
  }

  /** Starts a drill; with canaries, resolves once the baseline canaries are in and the fault is live. */
  async start(spec: DrillSpec): Promise<DrillRecord> {
    if (!this.deps.config.vendors.has(spec.vendor)) throw new AirlockError('invalid_request', `no vendor named '${spec.vendor.slice(0, 80)}'`, { param: 'vendor' });
    if (this.byVendor.has(spec.vendor)) throw new AirlockError('invalid_request', `a drill of ${spec.vendor} is already under way: stop it first`, { param: 'vendor' });
    const models = modelsUsing(this.deps.config, spec.vendor);
    if (models.length === 0) throw new AirlockError('invalid_request', `no logical model uses vendor '${spec.vendor}'`, { param: 'vendor' });
    const primary = [...this.deps.config.models.values()].filter((m) => m.targets[0]?.vendor === spec.vendor).map((m) => m.name);
    const drill = new ActiveDrill(newId('drl_'), spec, models, primary);
    this.byVendor.set(spec.vendor, drill);
    if (spec.canary) {
      this.mintKey(drill);
      const interval = Math.min(MAX_CANARY_INTERVAL_MS, Math.max(MIN_CANARY_INTERVAL_MS, spec.durationMs / 10));
      drill.canaries = new Canaries({ url: this.deps.selfUrl(), key: drill.canaryKey, models, intervalMs: interval });
      await drill.canaries.baseline();
    }
    if (drill.phase !== 'baseline') return drill.snapshot(null, null); // stopped during the baseline
    drill.phase = 'fault';
    drill.startedAt = this.deps.now();
    drill.timer = setTimeout(() => void this.stop(drill.id, 'duration'), spec.durationMs);
    drill.timer.unref();
    if (drill.canaries !== null) drill.canaryRun = drill.canaries.run(drill.canaryStop.signal);
    return drill.snapshot(null, null);
  }

  /** Ends a running drill and writes its record; undefined when no such drill runs. */
  stop(id: string, by: 'duration' | 'stopped' | 'shutdown' = 'stopped'): Promise<DrillRecord> | undefined {
    const drill = [...this.byVendor.values()].find((d) => d.id === id);
    if (drill === undefined) return undefined;
    drill.ending ??= this.finish(drill, by);
    return drill.ending;
  }

  /** Stops the drill of each named vendor (every drill when `vendor` is undefined). */
  stopAll(vendor?: string, by: 'stopped' | 'shutdown' = 'stopped'): Promise<DrillRecord[]> {
    const ids = [...this.byVendor.values()].filter((d) => vendor === undefined || d.spec.vendor === vendor).map((d) => d.id);
    return Promise.all(ids.map((id) => this.stop(id, by) as Promise<DrillRecord>));
  }

  running(): DrillRecord[] {
    return [...this.byVendor.values()].map((d) => d.snapshot(null, null));
  }

  /** A running drill's record so far, else the stored record. */
  async get(id: string): Promise<DrillRecord | undefined> {
    const drill = [...this.byVendor.values()].find((d) => d.id === id);
    return drill === undefined ? this.deps.records.byId(id) : drill.snapshot(null, null);
  }

  async recent(limit: number): Promise<DrillRecord[]> {
    return this.deps.records.recent(limit);
  }

  close(): Promise<DrillRecord[]> {
    return this.stopAll(undefined, 'shutdown');
  }

  private async finish(drill: ActiveDrill, by: 'duration' | 'stopped' | 'shutdown'): Promise<DrillRecord> {
    if (drill.timer !== null) clearTimeout(drill.timer);
    // no new fault from here on; the canary round under way completes and is counted
    const wasLive = drill.phase === 'fault';
    drill.phase = 'ended';
    drill.canaryStop.abort();
    await drill.canaryRun;
    this.forgetKey(drill);
    this.byVendor.delete(drill.spec.vendor);
    if (!wasLive) drill.startedAt = this.deps.now();
    const record = drill.snapshot(this.deps.now(), by);
    await this.deps.records.insert(record);
    return record;
  }

  private mintKey(drill: ActiveDrill): void {
    const hash = createHash('sha256').update(drill.canaryKey).digest('hex');
    this.deps.keys.byHash.set(hash, { keyName: drill.canaryKeyName, app: null, team: null, models: new Set(drill.models) });
  }

  private forgetKey(drill: ActiveDrill): void {
    if (!drill.spec.canary) return;
    this.deps.keys.byHash.delete(createHash('sha256').update(drill.canaryKey).digest('hex'));
    this.deps.keys.seen.delete(drill.canaryKey);
  }
}
