// The vendor register's one rule, pure: the review as it counts right now. A stored review (admin API, CLI)
// overrides the config's; an approval covers the terms version it approved and ends on its expiry day.
import type { DataClass, ReviewStatus, VendorConfig } from '../config/types.ts';
import type { EffectiveReview } from './types.ts';

/** A vendor's review as the store keeps it. */
export interface StoredReview {
  status: ReviewStatus;
  reviewer?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** YYYY-MM-DD, the last day the review counts */
  expires?: string;
  approvedData: DataClass[];
  /** the terms version this review approved; a different version in config puts the vendor back to pending */
  approvedTermsVersion: string | null;
  /**
   * 'config': the config file's review, recorded the first time Airlock saw the vendor (a later edit of the
   * review in config replaces it); 'admin': set through the admin API or CLI, and from then on wins over config.
   */
  origin: 'config' | 'admin';
  /** the config's terms version when Airlock last looked, so each change is audited once */
  seenTermsVersion: string | null;
}

export type { AuditEvent } from './types.ts';

const DAY_MS = 86_400_000;

/** The UTC calendar day of an epoch-ms time, YYYY-MM-DD. Reviews expire by the day. */
export function dayOf(now: number): string {
  return new Date(Math.floor(now / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** The config's review as a stored one: it approves the terms version the config names today. */
export function configReview(vendor: VendorConfig): StoredReview {
  const r = vendor.review;
  const terms = vendor.terms.version ?? null;
  return {
    status: r.status,
    ...(r.reviewer === undefined ? {} : { reviewer: r.reviewer }),
    ...(r.date === undefined ? {} : { date: r.date }),
    ...(r.expires === undefined ? {} : { expires: r.expires }),
    approvedData: [...r.approvedData],
    approvedTermsVersion: terms,
    origin: 'config',
    seenTermsVersion: terms,
  };
}

/** True when the config's review block says something else than the recorded config review. */
export function configReviewEdited(vendor: VendorConfig, stored: StoredReview): boolean {
  const r = vendor.review;
  return (
    r.status !== stored.status ||
    r.reviewer !== stored.reviewer ||
    r.date !== stored.date ||
    r.expires !== stored.expires ||
    r.approvedData.length !== stored.approvedData.length ||
    r.approvedData.some((c, i) => stored.approvedData[i] !== c)
  );
}

function version(v: string | null): string {
  return v ?? '(none)';
}

export function effectiveReview(vendor: VendorConfig, stored: StoredReview | undefined, now: number): EffectiveReview {
  const review = stored ?? configReview(vendor);
  const termsVersion = vendor.terms.version ?? null;
  const base = { vendor: vendor.name, region: vendor.region ?? null, termsVersion };
  const by = review.reviewer === undefined ? '' : ` by ${review.reviewer}`;
  const on = review.date === undefined ? '' : ` on ${review.date}`;
  if (review.status === 'rejected') return { ...base, status: 'rejected', approvedData: [], reason: `rejected${by}${on}` };
  if (review.status === 'pending') return { ...base, status: 'pending', approvedData: [], reason: 'not reviewed yet' };
  if (review.approvedTermsVersion !== termsVersion) {
    const reason = `terms changed from ${version(review.approvedTermsVersion)} to ${version(termsVersion)}`;
    return { ...base, status: 'pending', approvedData: [], reason };
  }
  // the expiry day itself still counts: expired means expires < today
  if (review.expires !== undefined && review.expires < dayOf(now)) {
    return { ...base, status: 'pending', approvedData: [], reason: `review expired ${review.expires}` };
  }
  return { ...base, status: 'approved', approvedData: [...review.approvedData], reason: null };
}
