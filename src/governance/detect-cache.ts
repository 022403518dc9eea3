// Findings of recently inspected texts, reused when the same text comes again. Real traffic repeats itself: an app
// sends the same system prompt and tool definitions with every request, and a chat resends its whole history on every
// turn, so most of a request's text was inspected a moment ago. The detectors are pure (text in, findings out, for one
// terms config), so a text's findings can be reused as they are.
//
// The key is the SHA-256 of the text, not the text: the cache keeps no prompt content, only offsets, types and rule
// names, and a collision that would hand one text another's findings (and let a secret through) is out of reach.
// Only the shortest texts are scanned every time: the detectors cost ~4 µs even on 64 characters (a fixed cost of
// running every detector), against ~1 µs for the hash, and a system prompt of a few sentences comes with every
// request. Memory stays bounded by the findings kept (a few MB at the defaults) and the number of entries.
import { createHash } from 'node:crypto';
import type { Detect, Finding } from './types.ts';

export interface DetectCacheOptions {
  /** texts shorter than this are scanned every time; default 64 characters */
  minChars?: number;
  /** entries kept, least recently used dropped first; default 4096 */
  maxEntries?: number;
  /** a text with more findings than this is not cached (a list of customers is rarely sent twice); default 128 */
  maxFindings?: number;
  /** findings kept over all entries, least recently used entries dropped first; default 32768 */
  maxTotalFindings?: number;
}

export interface CachedDetect extends Detect {
  readonly stats: { hits: number; misses: number; size: () => number };
}

export function cachedDetector(detect: Detect, options: DetectCacheOptions = {}): CachedDetect {
  const minChars = options.minChars ?? 64;
  const maxEntries = options.maxEntries ?? 4096;
  const maxFindings = options.maxFindings ?? 128;
  const maxTotal = options.maxTotalFindings ?? 32_768;
  let total = 0;
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const cache = new Map<string, readonly Finding[]>();
  const stats = { hits: 0, misses: 0, size: () => cache.size };
  const cached = (text: string): Finding[] => {
    if (text.length < minChars) return detect(text);
    const key = createHash('sha256').update(text).digest('base64');
    const known = cache.get(key);
    if (known !== undefined) {
      stats.hits++;
      cache.delete(key);
      cache.set(key, known);
      // callers own what they get: a copy, so nothing they do reaches the cache
      return known.map((f) => ({ ...f }));
    }
    stats.misses++;
    const found = detect(text);
    if (found.length > maxFindings) return found;
    cache.set(key, found.map((f) => ({ ...f })));
    total += found.length;
    while (cache.size > maxEntries || total > maxTotal) {
      const [oldest, kept] = cache.entries().next().value as [string, readonly Finding[]];
      cache.delete(oldest);
      total -= kept.length;
    }
    return found;
  };
  return Object.assign(cached, { stats });
}
