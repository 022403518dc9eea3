// Model retirements from the catalog's model-eol feeds (data/catalog/README.md, format `model-eol/0.1`), and the
// HTTP headers that warn a caller ahead of the date:
//   Deprecation: @<unix seconds>            RFC 9745 §2 (a structured-field Date, RFC 9651 §3.3.7)
//   Sunset: <IMF-fixdate>                   RFC 8594 §3 (an HTTP-date, RFC 9110 §5.6.7)
//   Link: <urn:airlock:model:ID>; rel="successor-version"   RFC 5829 §3.3
// Only the publisher's own dates are used (`shutdown`, `announced`), not the per-cloud `distributions`.
import { readFileSync } from 'node:fs';

export interface Retirement {
  /** the model's exact wire id in the feed (the key looked up may be one of its aliases) */
  id: string;
  /** YYYY-MM-DD: calls stop on the publisher's own API from this day (taken as 00:00 UTC) */
  shutdown: string;
  /** YYYY-MM-DD: when the deprecation was announced */
  announced?: string;
  /** one drop-in model id */
  replacement?: string;
  source?: string;
  /** `earliest`: the publisher promises no shutdown before this date, which may move later */
  precision?: 'exact' | 'earliest';
}

const DAY_MS = 86_400_000;
const PUBLISHERS = ['openai', 'anthropic', 'google', 'amazon'] as const;
const DEFAULT_DIR = new URL('../../data/catalog/model-eol/', import.meta.url);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

let catalog: Map<string, Retirement> | undefined;

/** The retirement scheduled for a model id or alias, or undefined when none is (as of the feed's date). */
export function retirementOf(model: string): Retirement | undefined {
  catalog ??= loadRetirements(DEFAULT_DIR);
  return catalog.get(model);
}

/** Reads every publisher's feed in `dir` into a map keyed by id and by alias. Throws on a malformed feed. */
export function loadRetirements(dir: URL): Map<string, Retirement> {
  const out = new Map<string, Retirement>();
  for (const publisher of PUBLISHERS) {
    const file = new URL(`${publisher}.json`, dir);
    const feed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const models = isObject(feed) && Array.isArray(feed.models) ? (feed.models as unknown[]) : null;
    if (models === null) throw new Error(`${file.pathname}: not a model-eol feed (no models[])`);
    for (const entry of models) {
      const parsed = parseEntry(entry);
      if (parsed === null) continue;
      for (const key of parsed.keys) out.set(key, parsed.retirement);
    }
  }
  return out;
}

function parseEntry(entry: unknown): { keys: string[]; retirement: Retirement } | null {
  if (!isObject(entry) || typeof entry.id !== 'string') return null;
  const shutdown = dateField(entry.shutdown);
  if (shutdown === undefined) return null; // no retirement scheduled
  const announced = dateField(entry.announced);
  const precision = entry.date_precision === 'exact' || entry.date_precision === 'earliest' ? entry.date_precision : undefined;
  const retirement: Retirement = {
    id: entry.id,
    shutdown,
    ...(announced === undefined ? {} : { announced }),
    ...(typeof entry.replacement === 'string' && entry.replacement !== '' ? { replacement: entry.replacement } : {}),
    ...(typeof entry.source === 'string' ? { source: entry.source } : {}),
    ...(precision === undefined ? {} : { precision }),
  };
  const aliases = Array.isArray(entry.aliases) ? entry.aliases.filter((a): a is string => typeof a === 'string') : [];
  return { keys: [entry.id, ...aliases], retirement };
}

function dateField(value: unknown): string | undefined {
  return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** epoch ms of 00:00 UTC on a YYYY-MM-DD date (Date.parse reads a date-only ISO string as UTC) */
function dayStart(date: string): number {
  return Date.parse(date);
}

/** The model is past its shutdown date: the publisher's API no longer serves it. */
export function retiredBy(info: Retirement, now: number): boolean {
  return now >= dayStart(info.shutdown);
}

/**
 * Headers for an answer from a model that retires within `warnDays` (or already has); empty otherwise.
 * The Deprecation date is the announcement, or shutdown − warnDays when the feed has none.
 * The successor goes in a Link as `urn:airlock:model:<id>`: a model id is not a URL a client could fetch, and
 * Link needs a URI reference (RFC 8288 §3). The id is the publisher's replacement as the feed gives it; the
 * gateway may map it to a logical model before calling this.
 */
export function deprecationHeaders(info: Retirement, now: number, warnDays = 90): Record<string, string> {
  const shutdown = dayStart(info.shutdown);
  const warnFrom = shutdown - warnDays * DAY_MS;
  if (now < warnFrom) return {};
  const deprecatedAt = info.announced === undefined ? warnFrom : dayStart(info.announced);
  const headers: Record<string, string> = {
    Deprecation: `@${Math.floor(deprecatedAt / 1000)}`,
    Sunset: new Date(shutdown).toUTCString(),
  };
  if (info.replacement !== undefined) headers.Link = `<urn:airlock:model:${encodeURIComponent(info.replacement)}>; rel="successor-version"`;
  return headers;
}
