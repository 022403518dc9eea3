// Records each deprecation-lifecycle switch (a retired target replaced by its successor, or dropped) as one
// audit event. The plan reports switches when it is rebuilt (routing/plan.ts), and a timer looks across every
// logical model so a model with no traffic is recorded on its day too. The event id is derived from the
// switch (lifecycle.ts switchId) and written with INSERT OR IGNORE: once per switch across instances and
// restarts, never per request.
import type { Clock } from '../core/clock.ts';
import type { Config } from '../config/types.ts';
import type { AuditEvent } from '../governance/types.ts';
import type { RegisterState } from '../governance/vendor-register.ts';
import { allSwitches, switchId, type LifecycleSwitch } from '../routing/lifecycle.ts';

export const LIFECYCLE_ACTOR = 'airlock';
export const SUCCESSOR_ACTION = 'model.successor_took_over';
export const SKIPPED_ACTION = 'model.target_retired';

export class LifecycleAudit {
  /** switch ids this process has handled: the store is asked once per switch, not once per plan rebuild */
  private readonly seen = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: Config,
    private readonly state: RegisterState,
    private readonly clock: Clock,
    private readonly onNew: (s: LifecycleSwitch) => void = () => undefined,
  ) {}

  record(switches: LifecycleSwitch[]): void {
    for (const s of switches) {
      const id = switchId(s);
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.onNew(s);
      const event: AuditEvent = {
        id,
        time: this.clock.now(),
        actor: LIFECYCLE_ACTOR,
        action: s.to === null ? SKIPPED_ACTION : SUCCESSOR_ACTION,
        subject: `model:${s.logicalModel}`,
        before: { position: s.position, vendor: s.from.vendor, model: s.from.model, retires: s.date, origin: s.origin },
        after: s.to,
      };
      // a busy, closed or unreachable store: forget it so the next look tries again
      void Promise.resolve()
        .then(() => this.state.appendAudit?.(event))
        .catch(() => this.seen.delete(id));
    }
  }

  /** Looks at every logical model now; then every `everyMs` (unref'd) until stop(). */
  start(everyMs: number): void {
    this.check();
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  check(): void {
    this.record(allSwitches(this.config, this.clock.now()));
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
