// The vendor register as CSV, laid out after DORA's register of information (Commission Implementing
// Regulation (EU) 2024/2956, templates B_05.01 "ICT third-party service providers" and B_02.02 "contractual
// arrangements – specific information"). Airlock knows the service side, not the legal entity, so each column
// names the RoI field it follows and the rest (LEI, contract numbers, annual expense) stays with the register
// owner. Column by column (docs/vendor-register.md has the same table):
//   provider_name            B_05.01.0050 legal name of the provider   → vendor name in config
//   ict_service_type         B_02.02.0060 type of ICT services         → "AI model API (<protocol>)"
//   endpoint                 (identifies the service)                  → base_url
//   functions_supported      B_02.02.0050 function identifier          → logical models routed to the vendor
//   country_of_provision     B_02.02.0130                              → region
//   data_storage             B_02.02.0140 storage of data (yes/no)     → no if zero_data_retention or 0 retention days
//   data_location_at_rest    B_02.02.0150                              → region
//   data_location_processing B_02.02.0160                              → region
//   data_sensitivity         B_02.02.0170 (low/medium/high)            → highest approved data class
//   approved_data_classes    —                                         → effective approved classes, ;-separated
//   contract_reference       B_02.02.0010 contractual arrangement ref  → terms version
//   terms_url, dpa_signed, retention_days, trains_on_data, zero_data_retention → terms
//   review_date              ≈ B_02.02.0070 start date                 → date of the review on record
//   review_expires           ≈ B_02.02.0080 end date                   → its expiry
//   review_status, review_reason, reviewer, approved_terms_version   → the effective review
// Booleans are true/false and unknown values stay empty: unknown is not false.
import type { DataClass, ModelConfig } from '../config/types.ts';
import type { RegisterEntry } from './vendor-register.ts';

export const REGISTER_CSV_COLUMNS = [
  'provider_name', 'ict_service_type', 'endpoint', 'functions_supported', 'country_of_provision', 'data_storage',
  'data_location_at_rest', 'data_location_processing', 'data_sensitivity', 'approved_data_classes',
  'contract_reference', 'terms_url', 'dpa_signed', 'retention_days', 'trains_on_data', 'zero_data_retention',
  'review_date', 'review_expires', 'review_status', 'review_reason', 'reviewer', 'approved_terms_version',
] as const;

type Column = (typeof REGISTER_CSV_COLUMNS)[number];

const SENSITIVITY: Record<DataClass, 0 | 1 | 2 | 3> = {
  public: 1, internal: 1, confidential: 2, personal: 3, special: 3, payment: 3, credentials: 3,
};
const LEVEL = ['', 'low', 'medium', 'high'] as const;

/** The RoI's three levels from the classes a vendor may receive; empty when it may receive none. */
export function dataSensitivity(classes: readonly DataClass[]): string {
  return LEVEL[Math.max(0, ...classes.map((c) => SENSITIVITY[c]))] ?? '';
}

function storesData(e: RegisterEntry): boolean | undefined {
  if (e.terms.zeroDataRetention === true) return false;
  if (e.terms.retentionDays === undefined) return undefined;
  return e.terms.retentionDays > 0;
}

/** Logical model names per vendor, in config order. */
export function functionsByVendor(models: ReadonlyMap<string, ModelConfig>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of models.values()) {
    for (const t of m.targets) {
      const list = out.get(t.vendor) ?? [];
      if (!list.includes(m.name)) list.push(m.name);
      out.set(t.vendor, list);
    }
  }
  return out;
}

function text(v: string | number | boolean | undefined | null): string {
  return v === undefined || v === null ? '' : String(v);
}

function row(e: RegisterEntry, functions: readonly string[]): Record<Column, string> {
  const region = text(e.region);
  return {
    provider_name: e.name,
    ict_service_type: `AI model API (${e.protocol})`,
    endpoint: e.baseUrl,
    functions_supported: functions.join(';'),
    country_of_provision: region,
    data_storage: text(storesData(e)),
    data_location_at_rest: region,
    data_location_processing: region,
    data_sensitivity: dataSensitivity(e.effective.approvedData),
    approved_data_classes: e.effective.approvedData.join(';'),
    contract_reference: text(e.terms.version),
    terms_url: text(e.terms.url),
    dpa_signed: text(e.terms.dpaSigned),
    retention_days: text(e.terms.retentionDays),
    trains_on_data: text(e.terms.trainsOnData),
    zero_data_retention: text(e.terms.zeroDataRetention),
    review_date: text(e.review.date),
    review_expires: text(e.review.expires),
    review_status: e.effective.status,
    review_reason: text(e.effective.reason),
    reviewer: text(e.review.reviewer),
    approved_terms_version: text(e.review.approvedTermsVersion),
  };
}

/**
 * RFC 4180 quoting. A cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: reviewer names and reasons come from people (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function registerCsv(entries: readonly RegisterEntry[], models: ReadonlyMap<string, ModelConfig>): string {
  const functions = functionsByVendor(models);
  const lines = [REGISTER_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const r = row(e, functions.get(e.name) ?? []);
    lines.push(REGISTER_CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  }
  // RFC 4180 records end in CRLF
  return lines.map((l) => `${l}\r\n`).join('');
}
