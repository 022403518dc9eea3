// vendor_review rows, as both stores write and read them. Here, not in the SQLite module: that one opens its own
// connection, and the Postgres store should not load better-sqlite3 for a mapping.
import type { DataClass, ReviewStatus } from '../../config/types.ts';
import type { StoredReview } from '../../governance/register.ts';

export interface ReviewRow {
  vendor: string;
  origin: string;
  status: string;
  reviewer: string | null;
  date: string | null;
  expires: string | null;
  approved_data: string;
  approved_terms_version: string | null;
  seen_terms_version: string | null;
  updated_at: number;
}

export const REVIEW_COLUMNS = [
  'vendor', 'origin', 'status', 'reviewer', 'date', 'expires', 'approved_data', 'approved_terms_version',
  'seen_terms_version', 'updated_at',
] as const satisfies readonly (keyof ReviewRow)[];

export function reviewFromRow(r: ReviewRow): StoredReview {
  return {
    status: r.status as ReviewStatus,
    ...(r.reviewer === null ? {} : { reviewer: r.reviewer }),
    ...(r.date === null ? {} : { date: r.date }),
    ...(r.expires === null ? {} : { expires: r.expires }),
    approvedData: JSON.parse(r.approved_data) as DataClass[],
    approvedTermsVersion: r.approved_terms_version,
    origin: r.origin === 'admin' ? 'admin' : 'config',
    seenTermsVersion: r.seen_terms_version,
  };
}

export function reviewToRow(vendor: string, r: StoredReview, time: number): ReviewRow {
  return {
    vendor,
    origin: r.origin,
    status: r.status,
    reviewer: r.reviewer ?? null,
    date: r.date ?? null,
    expires: r.expires ?? null,
    approved_data: JSON.stringify(r.approvedData),
    approved_terms_version: r.approvedTermsVersion,
    seen_terms_version: r.seenTermsVersion,
    updated_at: time,
  };
}
