// The chargeback export of `airlock report spend --format csv`: RFC 4180 CSV with FinOps FOCUS column names
// (https://focus.finops.org/focus-specification/), one row per UTC day × vendor × vendor model × team × app ×
// key × logical model, so FinOps tools can pivot on any of them. Team, app, key and logical model travel in
// Tags, a JSON object text, as FOCUS carries custom dimensions.
import { DAY_MS, type SpendLine } from '../store/sqlite/spend.ts';
import { toCsv } from './report-format.ts';
import { isoSecond } from '../reports/period.ts';

export const FOCUS_HEADER = [
  'BilledCost', 'ListCost', 'BillingCurrency', 'ConsumedQuantity', 'ConsumedUnit', 'ChargePeriodStart', 'ChargePeriodEnd',
  'ProviderName', 'ServiceName', 'SkuId', 'Tags',
] as const;

/** ISO 8601 UTC to the second. */
/** A cost without binary float noise (0.1 + 0.2 prints 0.3), at a precision far below a token's price. */
export function usdText(usd: number): string {
  return String(Number(usd.toFixed(10)));
}

function tags(line: SpendLine): string {
  // Absent dimensions are left out rather than written as null: FOCUS tags are string-valued.
  const entries = Object.entries({ team: line.team, app: line.app, key: line.keyName, logical_model: line.logicalModel });
  return JSON.stringify(Object.fromEntries(entries.filter(([, v]) => v !== null)));
}

/**
 * The charge period is the UTC day, clipped to the report's period: the first day starts at --since and the
 * current day ends now, so the rows say exactly which time they cover.
 */
export function focusCsv(lines: readonly SpendLine[], since: number, until: number): string {
  const rows = lines.map((l) => {
    const cost = usdText(l.costUsd);
    const sku = l.vendor !== null && l.vendorModel !== null ? `${l.vendor}/${l.vendorModel}` : '';
    return [
      cost, cost, 'USD', String(l.tokens), 'Tokens', isoSecond(Math.max(l.day, since)), isoSecond(Math.min(l.day + DAY_MS, until)),
      l.vendor ?? '', l.vendorModel ?? '', sku, tags(l),
    ];
  });
  return toCsv(FOCUS_HEADER, rows);
}
