// The vendor register as the gateway, the admin API and the CLI see it: config vendors joined with their stored
// reviews. effective() runs on every request's decide stage, so it answers from a per-vendor cache that is
// recomputed only when a review changes, another process wrote one, or the day turns (expiry is by the day).
// It never waits for the store: a state that answers over the network (Postgres) is re-read in the background,
// and requests go on with the reviews they had until the new ones are in.
import type { Awaitable } from '../core/awaitable.ts';
import type { Protocol } from '../core/canonical.ts';
import { AirlockError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { VendorConfig, VendorTerms } from '../config/types.ts';
import { applyChange, type ReviewChange } from './register-change.ts';
import { configReview, configReviewEdited, effectiveReview, type AuditEvent, type StoredReview } from './register.ts';
import type { EffectiveReview } from './types.ts';

/** Where reviews and their audit trail live. store/ implements it. */
export interface RegisterState {
  load(): Awaitable<Map<string, StoredReview>>;
  /** the review and its audit event in one transaction: an audited change is never half-written */
  save(vendor: string, review: StoredReview, event: AuditEvent): Awaitable<void>;
  /** newest first */
  audit(limit: number, subject?: string): Awaitable<AuditEvent[]>;
  /** a number that changes when another process has written; absent: nobody else writes */
  revision?(): Awaitable<number>;
  /** an audit event of its own (no review changes); false when one with its id is there already */
  appendAudit?(event: AuditEvent): Awaitable<boolean>;
}

/** One vendor as the register shows it. Never holds the vendor's API key. */
export interface RegisterEntry {
  name: string;
  protocol: Protocol;
  baseUrl: string;
  region: string | null;
  terms: VendorTerms;
  /** the review on record: the stored one, or the config's */
  review: StoredReview;
  effective: EffectiveReview;
}

const DAY_MS = 86_400_000;
/** how often effective() asks the store whether another process (the CLI) changed a review */
const REVISION_CHECK_MS = 1000;
const CONFIG_ACTOR = 'config';

function unknownVendor(vendor: string): EffectiveReview {
  return Object.freeze({ vendor, status: 'pending', approvedData: [], region: null, termsVersion: null, reason: 'not in the config' });
}

function snapshot(review: StoredReview | undefined, effective: EffectiveReview): unknown {
  const { status, approvedData, reason } = effective;
  return review === undefined ? null : { ...review, effective: { status, approvedData, reason } };
}

export class VendorRegister {
  private readonly cache = new Map<string, { day: number; review: EffectiveReview }>();
  private checkedAt: number;
  /** a background re-read under way; another is not started until it ends */
  private checking: Promise<void> | null = null;

  /** Loads the stored reviews and records what the config changed since (first sight, edits, new terms). */
  static async open(vendors: ReadonlyMap<string, VendorConfig>, state: RegisterState, now: number = Date.now()): Promise<VendorRegister> {
    const register = new VendorRegister(vendors, state, await state.load(), await state.revision?.(), now);
    for (const v of vendors.values()) await register.sync(v, now);
    return register;
  }

  private constructor(
    private readonly vendors: ReadonlyMap<string, VendorConfig>,
    private readonly state: RegisterState,
    private stored: Map<string, StoredReview>,
    private revision: number | undefined,
    now: number,
  ) {
    this.checkedAt = now;
  }

  effective(vendor: string, now: number = Date.now()): EffectiveReview {
    this.refresh(now);
    const day = Math.floor(now / DAY_MS);
    const hit = this.cache.get(vendor);
    if (hit !== undefined && hit.day === day) return hit.review;
    const cfg = this.vendors.get(vendor);
    const review = cfg === undefined ? unknownVendor(vendor) : freeze(effectiveReview(cfg, this.stored.get(vendor), now));
    this.cache.set(vendor, { day, review });
    return review;
  }

  list(now: number = Date.now()): RegisterEntry[] {
    return [...this.vendors.keys()].map((name) => this.entry(name, now));
  }

  show(name: string, now: number = Date.now()): RegisterEntry | undefined {
    return this.vendors.has(name) ? this.entry(name, now) : undefined;
  }

  /** Records a review by a person; rejects with AirlockError not_found / invalid_request. */
  async review(name: string, change: ReviewChange, now: number = Date.now()): Promise<{ before: RegisterEntry; after: RegisterEntry; event: AuditEvent }> {
    const cfg = this.vendors.get(name);
    if (cfg === undefined) throw new AirlockError('not_found', `no vendor named '${name.slice(0, 80)}' in the config`);
    const before = this.entry(name, now);
    const next = applyChange(cfg, before.review, change, now);
    const event = await this.write(name, next, change.by.trim(), 'vendor.review', snapshot(before.review, before.effective), now);
    return { before, after: this.entry(name, now), event };
  }

  async audit(limit: number, subject?: string): Promise<AuditEvent[]> {
    return this.state.audit(limit, subject);
  }

  private entry(name: string, now: number): RegisterEntry {
    const v = this.vendors.get(name) as VendorConfig;
    // first: it re-reads the state when another process wrote, so the review below is current too
    const effective = this.effective(name, now);
    return {
      name,
      protocol: v.protocol,
      baseUrl: v.baseUrl,
      region: v.region ?? null,
      terms: { ...v.terms },
      review: this.stored.get(name) ?? configReview(v),
      effective,
    };
  }

  /**
   * Saves first, then updates the view: a failed write changes nothing. The state's revision moves with our own
   * writes too, so the next check re-reads once; that also catches another process's write that raced ours.
   */
  private async write(name: string, review: StoredReview, actor: string, action: string, before: unknown, now: number): Promise<AuditEvent> {
    const cfg = this.vendors.get(name) as VendorConfig;
    const after = snapshot(review, effectiveReview(cfg, review, now));
    const event: AuditEvent = { id: newId('aud_'), time: now, actor, action, subject: name, before, after };
    await this.state.save(name, review, event);
    this.stored.set(name, review);
    this.cache.delete(name);
    return event;
  }

  /**
   * The first sight of a vendor records the config's review (it approves the terms version in config now);
   * a later edit of the review in config replaces that record; a changed terms version is audited once.
   */
  private async sync(v: VendorConfig, now: number): Promise<void> {
    const stored = this.stored.get(v.name);
    const terms = v.terms.version ?? null;
    const before = stored === undefined ? null : snapshot(stored, effectiveReview(v, stored, now));
    if (stored === undefined) {
      await this.write(v.name, configReview(v), CONFIG_ACTOR, 'vendor.registered', null, now);
    } else if (stored.origin === 'config' && configReviewEdited(v, stored)) {
      await this.write(v.name, configReview(v), CONFIG_ACTOR, 'vendor.review', before, now);
    } else if (stored.seenTermsVersion !== terms) {
      await this.write(v.name, { ...stored, seenTermsVersion: terms }, CONFIG_ACTOR, 'vendor.terms_changed', before, now);
    }
  }

  /**
   * A state that answers at once (SQLite) is re-read right here, so the request that noticed a change already
   * decides by it. One that answers later (Postgres) is re-read in the background: a failed read keeps the reviews
   * in memory and is tried again at the next check.
   */
  private refresh(now: number): void {
    if (this.revision === undefined || this.checking !== null || (now >= this.checkedAt && now - this.checkedAt < REVISION_CHECK_MS)) return;
    this.checkedAt = now;
    const revision = this.state.revision?.();
    const reload = revision instanceof Promise ? revision.then((r) => this.reloadIfChanged(r)) : this.reloadIfChanged(revision);
    if (reload === undefined) return;
    this.checking = reload
      .catch(() => undefined)
      .finally(() => {
        this.checking = null;
      });
  }

  /** Resolves once a background re-read under way (if any) has ended: a caller that must see it waits here. */
  async settled(): Promise<void> {
    await this.checking;
  }

  private reloadIfChanged(revision: number | undefined): void | Promise<void> {
    if (revision === this.revision) return;
    const stored = this.state.load();
    if (!(stored instanceof Promise)) return this.replace(revision, stored);
    return stored.then((s) => this.replace(revision, s));
  }

  private replace(revision: number | undefined, stored: Map<string, StoredReview>): void {
    this.revision = revision;
    this.stored = stored;
    this.cache.clear();
  }
}

function freeze(r: EffectiveReview): EffectiveReview {
  Object.freeze(r.approvedData);
  return Object.freeze(r);
}
