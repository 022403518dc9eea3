// `--since` for reports: a duration back from now (30d, 12h, 90m, 2w) or a UTC date / ISO 8601 instant.
// Dates without a time are read as UTC midnight; instants must carry their offset so a report run on another
// machine covers the same period.

export class PeriodError extends Error {}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const EXAMPLES = 'a duration like 30d, 12h, 90m or 2w, or a date like 2026-01-01 or 2026-01-01T09:00:00Z';

/** epoch ms of the period's start */
export function parseSince(text: string, now: number): number {
  const since = parse(text.trim(), now);
  if (since === null) throw new PeriodError(`--since must be ${EXAMPLES}; got '${text}'`);
  if (since > now) throw new PeriodError(`--since ${text} is in the future`);
  return since;
}

function parse(text: string, now: number): number | null {
  const duration = /^(\d{1,6})([mhdw])$/.exec(text);
  if (duration) {
    const n = Number(duration[1]);
    return n > 0 ? now - n * UNIT_MS[duration[2] as keyof typeof UNIT_MS] : null;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const ms = Date.UTC(y, m - 1, d);
    // Date.UTC rolls 2026-02-30 over into March: a date that does not come back unchanged does not exist.
    const back = new Date(ms);
    return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? ms : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** ISO 8601 UTC to the second: the reports' resolution, and what spreadsheets parse. */
export function isoSecond(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `--within` (deprecations): a number of days or weeks, as days. */
export function parseWithin(text: string): number {
  const m = /^(\d{1,5})([dw])$/.exec(text.trim());
  if (m === null) throw new PeriodError(`--within must be a number of days or weeks like 90d or 12w; got '${text}'`);
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}
