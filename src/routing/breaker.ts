// Circuit breakers per vendor and per vendor/model, fed by live traffic, so a dead vendor costs microseconds
// instead of a timeout. The states follow the usual pattern (Nygard, "Release It!"; Envoy outlier detection):
//   closed    — requests flow; a rolling window counts requests and failures. Once the window holds at least
//               `minRequests` and the failure share reaches `failureRate`, the circuit opens.
//   open      — allow() says no, without touching the network, for `openMs`.
//   half_open — `halfOpenProbes` requests go through. When every probe succeeds the circuit closes with a fresh
//               window; any failure opens it again for another `openMs`.
// A request must pass both its vendor's circuit and its model's. Pure apart from the injected clock.
import type { Clock } from '../core/clock.ts';
import type { UpstreamFailure } from '../protocols/types.ts';
import { RollingWindow } from './breaker-window.ts';

export type BreakerState = 'closed' | 'open' | 'half_open';
export type Outcome = 'success' | 'failure';

export interface BreakerOptions {
  windowMs: number;
  minRequests: number;
  failureRate: number;
  openMs: number;
  halfOpenProbes: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = { windowMs: 30_000, minRequests: 10, failureRate: 0.5, openMs: 15_000, halfOpenProbes: 1 };

export interface BreakerStatus {
  state: BreakerState;
  /** in the rolling window; while open or half-open, what was counted before opening (the window restarts on close) */
  failures: number;
  requests: number;
  /** epoch ms when the circuit last opened; set while open or half-open */
  openedAt?: number;
}

export interface BreakerEntry extends BreakerStatus {
  vendor: string;
  /** absent for the vendor-level circuit */
  model?: string;
}

export interface BreakerTransition {
  vendor: string;
  model?: string;
  from: BreakerState;
  to: BreakerState;
  at: number;
  /** set when the change came from the state other instances share (Redis), not from this one's traffic */
  shared?: true;
}

/** What the fallback loop needs; `Breakers` implements it. */
export interface BreakerPort {
  allow(vendor: string, model: string): boolean;
  record(vendor: string, model: string, outcome: Outcome): void;
}

/**
 * Only failures a retry or another vendor could fix say anything about the vendor's health: connect errors,
 * timeouts, 429, 5xx, malformed answers, interrupted streams (all `retryable`). A non-retryable failure (the
 * vendor rejected the request itself, or our credentials) means the vendor answered, so it counts as a success;
 * it must still be recorded, or a half-open probe that met one would never resolve.
 */
export function outcomeOf(failure: UpstreamFailure): Outcome {
  return failure.retryable ? 'failure' : 'success';
}

class Circuit {
  state: BreakerState = 'closed';
  openedAt = 0;
  /** half-open: probes still to let through, successes so far, and when the current probes were let out */
  probesLeft = 0;
  probeSuccesses = 0;
  probesSince = 0;
  readonly window: RollingWindow;

  constructor(
    readonly vendor: string,
    readonly model: string | undefined,
    readonly opts: BreakerOptions,
  ) {
    this.window = new RollingWindow(opts.windowMs);
  }
}

interface VendorCircuits {
  circuit: Circuit;
  models: Map<string, Circuit>;
}

export class Breakers implements BreakerPort {
  private readonly opts: BreakerOptions;
  private readonly perVendor = new Map<string, BreakerOptions>();
  private readonly vendors = new Map<string, VendorCircuits>();
  private readonly listeners = new Set<(t: BreakerTransition) => void>();

  /** `perVendor`: a vendor's own options (its vendor and model circuits), over `opts` */
  constructor(
    opts: Partial<BreakerOptions>,
    private readonly clock: Clock,
    perVendor: ReadonlyMap<string, Partial<BreakerOptions>> = new Map(),
  ) {
    this.opts = { ...DEFAULT_BREAKER_OPTIONS, ...opts };
    validate(this.opts);
    for (const [vendor, o] of perVendor) {
      const merged = { ...this.opts, ...o };
      validate(merged);
      this.perVendor.set(vendor, merged);
    }
  }

  /** The options the circuits of `vendor` run with. */
  optionsFor(vendor: string): BreakerOptions {
    return this.perVendor.get(vendor) ?? this.opts;
  }

  /** O(1): two map lookups, and no clock read while both circuits are closed. */
  allow(vendor: string, model: string): boolean {
    const v = this.vendors.get(vendor);
    if (v === undefined) return true;
    const m = v.models.get(model);
    if (v.circuit.state === 'closed' && (m === undefined || m.state === 'closed')) return true;
    const now = this.clock.now();
    if (!this.permits(v.circuit, now) || (m !== undefined && !this.permits(m, now))) return false;
    takeProbe(v.circuit);
    if (m !== undefined) takeProbe(m);
    return true;
  }

  record(vendor: string, model: string, outcome: Outcome): void {
    const v = this.vendorCircuits(vendor);
    const now = this.clock.now();
    this.apply(v.circuit, outcome === 'failure', now);
    this.apply(this.circuit(vendor, model), outcome === 'failure', now);
  }

  /**
   * Takes a state decided by the instances together (store/redis/breakers-redis.ts). `open` is taken only when
   * it is newer than the last open this circuit knew, so an old shared open cannot re-open a circuit that has
   * since closed here; `closed` (a probe succeeded somewhere) closes with a fresh window.
   */
  adopt(vendor: string, model: string | undefined, to: 'open' | 'closed', openedAt: number): void {
    const c = model === undefined ? this.vendorCircuits(vendor).circuit : this.circuit(vendor, model);
    const now = this.clock.now();
    this.refresh(c, now);
    if (to === 'open') {
      if (openedAt <= c.openedAt) return;
      c.openedAt = openedAt;
      if (c.state !== 'open') this.move(c, 'open', now, true);
      this.refresh(c, now);
    } else if (c.state !== 'closed') {
      c.window.reset();
      this.move(c, 'closed', now, true);
    }
  }

  private vendorCircuits(vendor: string): VendorCircuits {
    let v = this.vendors.get(vendor);
    if (v === undefined) {
      v = { circuit: new Circuit(vendor, undefined, this.optionsFor(vendor)), models: new Map() };
      this.vendors.set(vendor, v);
    }
    return v;
  }

  private circuit(vendor: string, model: string): Circuit {
    const v = this.vendorCircuits(vendor);
    let m = v.models.get(model);
    if (m === undefined) v.models.set(model, (m = new Circuit(vendor, model, this.optionsFor(vendor))));
    return m;
  }

  /** The vendor-level circuit, or the model-level one when `model` is given. Unknown keys are closed and empty. */
  state(vendor: string, model?: string): BreakerStatus {
    const v = this.vendors.get(vendor);
    const c = model === undefined ? v?.circuit : v?.models.get(model);
    if (c === undefined) return { state: 'closed', failures: 0, requests: 0 };
    return this.status(c, this.clock.now());
  }

  /** Every circuit seen so far, vendor-level first, for `airlock status` and metrics. */
  snapshot(): BreakerEntry[] {
    const now = this.clock.now();
    const out: BreakerEntry[] = [];
    for (const [vendor, v] of this.vendors) {
      out.push({ vendor, ...this.status(v.circuit, now) });
      for (const [model, m] of v.models) out.push({ vendor, model, ...this.status(m, now) });
    }
    return out;
  }

  /** Listeners run synchronously on every state change; returns a function that unsubscribes. */
  onTransition(listener: (t: BreakerTransition) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private status(c: Circuit, now: number): BreakerStatus {
    this.refresh(c, now);
    const { requests, failures } = c.window.counts(now);
    return c.state === 'closed' ? { state: c.state, failures, requests } : { state: c.state, failures, requests, openedAt: c.openedAt };
  }

  /** Whether the circuit lets a request through now (without taking a half-open probe). */
  private permits(c: Circuit, now: number): boolean {
    this.refresh(c, now);
    if (c.state !== 'half_open' || c.probesLeft > 0) return c.state !== 'open';
    // Every probe is out and none has reported within openMs (its caller may have thrown or been aborted):
    // let a new set out rather than stay half-open for ever.
    if (now - c.probesSince < c.opts.openMs) return false;
    c.probesLeft = c.opts.halfOpenProbes;
    c.probeSuccesses = 0;
    c.probesSince = now;
    return true;
  }

  /** open → half_open once openMs has passed; the change happens when someone looks. */
  private refresh(c: Circuit, now: number): void {
    if (c.state !== 'open' || now - c.openedAt < c.opts.openMs) return;
    c.probesLeft = c.opts.halfOpenProbes;
    c.probeSuccesses = 0;
    c.probesSince = now;
    this.move(c, 'half_open', now);
  }

  private apply(c: Circuit, failed: boolean, now: number): void {
    this.refresh(c, now);
    if (c.state === 'closed') {
      c.window.add(now, failed);
      if (!failed) return;
      const { requests, failures } = c.window.counts(now);
      if (requests >= c.opts.minRequests && failures / requests >= c.opts.failureRate) this.open(c, now);
    } else if (c.state === 'half_open') {
      if (failed) this.open(c, now);
      else if (++c.probeSuccesses >= c.opts.halfOpenProbes) {
        c.window.reset();
        this.move(c, 'closed', now);
      }
    }
    // open: a late answer to a request let through before the circuit opened says nothing new
  }

  private open(c: Circuit, now: number): void {
    c.openedAt = now;
    this.move(c, 'open', now);
  }

  private move(c: Circuit, to: BreakerState, at: number, shared = false): void {
    const from = c.state;
    c.state = to;
    if (this.listeners.size === 0) return;
    const t: BreakerTransition = c.model === undefined ? { vendor: c.vendor, from, to, at } : { vendor: c.vendor, model: c.model, from, to, at };
    if (shared) t.shared = true;
    for (const listener of this.listeners) {
      try {
        listener(t);
      } catch {
        // a metrics or logging listener must never break routing
      }
    }
  }
}

function takeProbe(c: Circuit): void {
  if (c.state === 'half_open') c.probesLeft--;
}

function validate(o: BreakerOptions): void {
  const bad = (name: string, rule: string): never => {
    throw new RangeError(`breaker option ${name} must be ${rule}`);
  };
  if (!(o.windowMs > 0)) bad('windowMs', '> 0');
  if (!(Number.isInteger(o.minRequests) && o.minRequests >= 1)) bad('minRequests', 'an integer >= 1');
  if (!(o.failureRate > 0 && o.failureRate <= 1)) bad('failureRate', 'in (0, 1]');
  if (!(o.openMs >= 0)) bad('openMs', '>= 0');
  if (!(Number.isInteger(o.halfOpenProbes) && o.halfOpenProbes >= 1)) bad('halfOpenProbes', 'an integer >= 1');
}
