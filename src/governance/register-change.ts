// Checks a review change from the admin API or CLI and turns it into the stored review it makes.
import { DATA_CLASSES } from '../config/schema.ts';
import type { DataClass, ReviewStatus, VendorConfig } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import { dayOf, type StoredReview } from './register.ts';

export interface ReviewChange {
  status: ReviewStatus;
  /** absent: the classes the previous review approved */
  approvedData?: readonly string[];
  /** YYYY-MM-DD; absent: the review does not expire (a new review never inherits the old expiry) */
  expires?: string;
  /** who made the change: the reviewer, and the actor of the audit event */
  by: string;
}

const STATUSES: readonly string[] = ['pending', 'approved', 'rejected'] satisfies ReviewStatus[];

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function invalid(message: string, param: string): AirlockError {
  return new AirlockError('invalid_request', message, { param });
}

function checkClasses(list: readonly string[]): DataClass[] {
  const out: DataClass[] = [];
  for (const c of list) {
    if (!(DATA_CLASSES as readonly string[]).includes(c)) {
      throw invalid(`unknown data class '${c.slice(0, 40)}' (one of ${DATA_CLASSES.join(', ')})`, 'approved_data');
    }
    if (!out.includes(c as DataClass)) out.push(c as DataClass);
  }
  return out;
}

/** The stored review a change makes; throws AirlockError('invalid_request') naming the bad field. */
export function applyChange(vendor: VendorConfig, previous: StoredReview, change: ReviewChange, now: number): StoredReview {
  if (!STATUSES.includes(change.status)) throw invalid(`status must be one of ${STATUSES.join(', ')}`, 'status');
  const by = change.by.trim();
  if (by === '') throw invalid('the reviewer (by) must not be empty', 'by');
  if (change.status === 'rejected' && change.approvedData !== undefined && change.approvedData.length > 0) {
    throw invalid('a rejected vendor cannot have approved data classes', 'approved_data');
  }
  const today = dayOf(now);
  if (change.expires !== undefined) {
    if (!isCalendarDate(change.expires)) throw invalid(`expires must be a date, YYYY-MM-DD (got '${change.expires.slice(0, 40)}')`, 'expires');
    if (change.expires < today) throw invalid(`expires ${change.expires} is in the past`, 'expires');
  }
  const approvedData = change.status === 'rejected' ? [] : checkClasses(change.approvedData ?? previous.approvedData);
  const terms = vendor.terms.version ?? null;
  return {
    status: change.status,
    reviewer: by,
    date: today,
    ...(change.expires === undefined ? {} : { expires: change.expires }),
    approvedData,
    // a review approves the terms in force when it is made
    approvedTermsVersion: terms,
    origin: 'admin',
    seenTermsVersion: terms,
  };
}
