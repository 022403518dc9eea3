// Word-set tests read straight from a text's code units (code-units.ts), for the per-number checks of address.ts:
// most numbers in code and logs have no street word near them, and saying so from a word's first and last characters
// and its length costs three reads and a table lookup, where a Set lookup needs a slice and a toLowerCase per word.
// The tests only rule out: false means "certainly not", true means "look it up". A character is read by its low five
// bits, the same for both cases of an ASCII letter; other characters sharing those bits only let more words through.

const pair = (a: number, b: number): number => ((a & 31) << 5) | (b & 31);

/**
 * Whether text[s, e), lower-cased, may be one of `words`. A word starting or ending beyond ASCII counts as maybe (its
 * case mapping is not read here); for any other, lower-casing keeps the first and last characters' ASCII mapping and
 * either keeps the length or yields a key in no such set (U+0130 lower-cases to two characters, the second U+0307).
 */
export function wordTest(words: Iterable<string>): (u: Uint16Array, s: number, e: number) => boolean {
  // Per first and last character, a bit per length (31 standing for 31 or more).
  const lengths = new Uint32Array(1024);
  let longest = 0;
  for (const w of words) {
    longest = Math.max(longest, w.length);
    const first = w.charCodeAt(0);
    const last = w.charCodeAt(w.length - 1);
    if (first < 128 && last < 128) lengths[pair(first, last)]! |= 1 << Math.min(w.length, 31);
  }
  return (u, s, e) => {
    // Lower-casing never shortens a string.
    if (e <= s || e - s > longest) return false;
    const first = u[s]!;
    const last = u[e - 1]!;
    return first > 127 || last > 127 || ((lengths[pair(first, last)] ?? 0) & (1 << Math.min(e - s, 31))) !== 0;
  };
}

/** Whether a word starting at text[s], lower-cased, may be one of `words` (each two characters or more): read from its first two. */
export function headTest(words: Iterable<string>): (u: Uint16Array, s: number) => boolean {
  const heads = new Uint8Array(1024);
  for (const w of words) {
    const a = w.charCodeAt(0);
    const b = w.charCodeAt(1);
    if (a < 128 && b < 128) heads[pair(a, b)] = 1;
  }
  return (u, s) => {
    const a = u[s]!;
    // Past the end: 0, which reads as a character no word starts with, as NaN would.
    const b = s + 1 < u.length ? u[s + 1]! : 0;
    return a > 127 || b > 127 || heads[pair(a, b)] === 1;
  };
}

/**
 * Whether text[s, e), lower-cased, may end with one of `suffixes` (each two characters or more) and be `min` characters
 * or longer: read from its last two characters, and from its length when it is all ASCII (whose lower-casing keeps it).
 */
export function tailTest(suffixes: Iterable<string>, min: number): (u: Uint16Array, s: number, e: number) => boolean {
  const tails = new Uint8Array(1024);
  for (const w of suffixes) {
    const a = w.charCodeAt(w.length - 2);
    const b = w.charCodeAt(w.length - 1);
    if (a < 128 && b < 128) tails[pair(a, b)] = 1;
  }
  return (u, s, e) => {
    // A single character lower-cases to two only as U+0130 ("i" and U+0307), which ends no suffix.
    if (e - s < 2) return false;
    const a = u[e - 2]!;
    const b = u[e - 1]!;
    if (a < 128 && b < 128 && tails[pair(a, b)] !== 1) return false;
    if (e - s >= min) return true;
    for (let i = s; i < e; i++) if (u[i]! > 127) return true;
    return false;
  };
}
