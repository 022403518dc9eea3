// The vendor register as the gateway, the admin API and the CLI see it: config vendors joined with their stored
// reviews. effective() runs on every request's decide stage, so it answers from a per-vendor cache that is
// recomputed only when a review changes, another process wrote one, or the day turns (expiry is by the day).
import type { Protocol } from '../core/canonical.ts';
import { AirlockError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { VendorConfig, VendorTerms } from '../config/types.ts';
import { applyChange, type ReviewChange } from './register-change.ts';
import { configReview, configReviewEdited, effectiveReview, type AuditEvent, type StoredReview } from './register.ts';
import type { EffectiveReview } from './types.ts';

/** Where reviews and their audit trail live. store/ implements it. */
export interface RegisterState {
  load(): Map<string, StoredReview>;
  /** the review and its audit event in one transaction: an audited change is never half-written */
  save(vendor: string, review: StoredReview, event: AuditEvent): void;
  /** newest first */
  audit(limit: number, subject?: string): AuditEvent[];
  /** a number that changes when another process has written; absent: nobody else writes */
  revision?(): number;
  /** an audit event of its own (no review changes); false when one with its id is there already */
  appendAudit?(event: AuditEvent): boolean;
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
  private stored: Map<string, StoredReview>;
  private readonly cache = new Map<string, { day: number; review: EffectiveReview }>();
  private revision: number | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly vendors: ReadonlyMap<string, VendorConfig>,
    private readonly state: RegisterState,
    now: number = Date.now(),
  ) {
    this.stored = state.load();
    this.revision = state.revision?.();
    this.checkedAt = now;
    for (const v of vendors.values()) this.sync(v, now);
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

  /** Records a review by a person; throws AirlockError not_found / invalid_request. */
  review(name: string, change: ReviewChange, now: number = Date.now()): { before: RegisterEntry; after: RegisterEntry; event: AuditEvent } {
    const cfg = this.vendors.get(name);
    if (cfg === undefined) throw new AirlockError('not_found', `no vendor named '${name.slice(0, 80)}' in the config`);
    const before = this.entry(name, now);
    const next = applyChange(cfg, before.review, change, now);
    const event = this.write(name, next, change.by.trim(), 'vendor.review', snapshot(before.review, before.effective), now);
    return { before, after: this.entry(name, now), event };
  }

  audit(limit: number, subject?: string): AuditEvent[] {
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
  private write(name: string, review: StoredReview, actor: string, action: string, before: unknown, now: number): AuditEvent {
    const cfg = this.vendors.get(name) as VendorConfig;
    const after = snapshot(review, effectiveReview(cfg, review, now));
    const event: AuditEvent = { id: newId('aud_'), time: now, actor, action, subject: name, before, after };
    this.state.save(name, review, event);
    this.stored.set(name, review);
    this.cache.delete(name);
    return event;
  }

  /**
   * The first sight of a vendor records the config's review (it approves the terms version in config now);
   * a later edit of the review in config replaces that record; a changed terms version is audited once.
   */
  private sync(v: VendorConfig, now: number): void {
    const stored = this.stored.get(v.name);
    const terms = v.terms.version ?? null;
    const before = stored === undefined ? null : snapshot(stored, effectiveReview(v, stored, now));
    if (stored === undefined) {
      this.write(v.name, configReview(v), CONFIG_ACTOR, 'vendor.registered', null, now);
    } else if (stored.origin === 'config' && configReviewEdited(v, stored)) {
      this.write(v.name, configReview(v), CONFIG_ACTOR, 'vendor.review', before, now);
    } else if (stored.seenTermsVersion !== terms) {
      this.write(v.name, { ...stored, seenTermsVersion: terms }, CONFIG_ACTOR, 'vendor.terms_changed', before, now);
    }
  }

  private refresh(now: number): void {
    if (this.revision === undefined || (now >= this.checkedAt && now - this.checkedAt < REVISION_CHECK_MS)) return;
    this.checkedAt = now;
    const revision = this.state.revision?.();
    if (revision === this.revision) return;
    this.revision = revision;
    this.stored = this.state.load();
    this.cache.clear();
  }
}

function freeze(r: EffectiveReview): EffectiveReview {
  Object.freeze(r.approvedData);
  return Object.freeze(r);
}
