// Numbers as the CLI prints them: USD to 4 decimals, shares as percent to 1, counts as given; '–' for unknown.
const NONE = '–';

export function usd(n: number | null | undefined): string {
  return n === null || n === undefined ? NONE : n.toFixed(4);
}

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? NONE : String(n);
}

export function text(s: string | null | undefined): string {
  return s === null || s === undefined || s === '' ? NONE : s;
}

export function list(items: readonly string[]): string {
  return items.length === 0 ? NONE : items.join(', ');
}

/** An epoch-ms instant as ISO 8601 to the second, UTC, like the reports. */
export function instant(ms: number | null): string {
  return ms === null ? NONE : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO string from the API, trimmed to the second for the tables. */
export function iso(s: string | null): string {
  return s === null ? NONE : s.replace(/\.\d{3}Z$/, 'Z');
}

/** USD to 2 decimals, as the forecast's table prints its projections (4 would claim a precision they lack). */
export function cents(n: number | null | undefined): string {
  return n === null || n === undefined ? NONE : n.toFixed(2);
}

/** Milliseconds to the microsecond, as the request log gives its latency. */
export function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? NONE : String(Math.round(n * 1000) / 1000);
}
