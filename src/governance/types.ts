// What the inspect stage finds and what the decide stage works with.
import type { DataClass, PolicyAction, ReviewStatus } from '../config/types.ts';

export type FindingType =
  | 'email'
  | 'phone'
  | 'person'
  | 'address'
  | 'ip'
  | 'date_of_birth'
  | 'ssn'
  | 'passport'
  | 'driver_license'
  | 'card'
  | 'iban'
  | 'bank_account'
  | 'crypto_wallet'
  | 'credential'
  | 'term';

/** One detected value in one text: [start, end) in UTF-16 offsets, as JavaScript strings index. */
export interface Finding {
  type: FindingType;
  dataClass: DataClass;
  start: number;
  end: number;
  /** the rule that matched, e.g. 'openai-key', 'luhn-card', 'term:Project Falcon' — never the value */
  rule: string;
}

/** Scans one text. Must be pure and fast: it runs on every prompt (well under 1 ms per 32 KB for all of them). */
export type Detect = (text: string) => Finding[];

/** The review as it counts right now: an expired review or a changed terms version counts as pending. */
export interface EffectiveReview {
  vendor: string;
  status: ReviewStatus;
  approvedData: DataClass[];
  region: string | null;
  termsVersion: string | null;
  /** why the status is what it is, e.g. 'review expired 2026-01-01', 'terms changed from X to Y' */
  reason: string | null;
}

export type { DataClass, PolicyAction, ReviewStatus };

/** An administrative change: who did what to which subject, with the state before and after. */
export interface AuditEvent {
  id: string;
  time: number;
  actor: string;
  /** e.g. 'vendor.review', 'vendor.terms_changed' */
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}
