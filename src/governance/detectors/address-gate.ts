// The per-number gate of address.ts: whether a number may add to an address, told from a few character reads. Of
// the numbers in code and logs ("retries: 3", "batch=5521 items=200") nearly all fail it, so the number regex, the
// word slices and the street shapes run for few numbers. Each test errs towards true; address.ts decides.
import { ABBREVIATION, COMPOUND_END, COUNTRIES, PREFIX_BEFORE_NAME, SUFFIX_AFTER_NAME, UNIT_STRONG, UNIT_WEAK } from './address-words.ts';
import { tailTest, wordTest } from './address-keys.ts';
import { shapeAfter } from './address-shapes.ts';

// ASCII character classes, one table load per test in the loops below.
const GAP = 1; // whitespace and ',': what separates the words read before a number
const MARK = 2; // '>', '?', '*', '|': a quote or bullet mark that may lead a line
const ENDS_WORD = 4; // a letter, ',', '.', ':': what may stand last before a street number
const JOINT = 8; // '.', ',', ':', '/', '-': NUMBER takes no number joined by one of these to a digit ("2.4.1", "03/14")
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c | 32) >= 97 && (c | 32) <= 122;
  CLASS[c] =
    (c === 32 || c === 44 || (c >= 9 && c <= 13) ? GAP : 0) |
    (c === 62 || c === 63 || c === 42 || c === 124 ? MARK : 0) |
    (letter || c === 44 || c === 46 || c === 58 ? ENDS_WORD : 0) |
    (c === 46 || c === 44 || c === 58 || c === 47 || c === 45 ? JOINT : 0);
}

// Gaps and marks of every code unit, for the loops over the words before a number: one load per character, where a
// test per character of its range costs a branch more. The gaps beyond ASCII are what /\s/ takes.
const UNITS = new Uint8Array(65536);
UNITS.set(CLASS.map((c) => c & (GAP | MARK)));
UNITS[8226] = MARK; // '•'
for (let from = 128; from < 65536; from += 4096) {
  const units = String.fromCharCode(...Array.from({ length: Math.min(4096, 65536 - from) }, (_, i) => from + i));
  for (const m of units.matchAll(/\s/g)) UNITS[from + m.index] = GAP;
}

const LETTER = /[\p{L},#.:]/u;
// Past the end of the text a read gives -1, which no test below takes for a character it looks for.
export const isGap = (c: number): boolean => c >= 0 && (UNITS[c]! & GAP) !== 0;
export const isMark = (c: number): boolean => c >= 0 && (UNITS[c]! & MARK) !== 0;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isJoint = (c: number): boolean => c < 128 && c >= 0 && (CLASS[c]! & JOINT) !== 0;
export const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

/**
 * Whether the number starting at `at` may be a NUMBER match that adds to an address: NUMBER's own tests as character
 * reads (beyond ASCII the regex decides), then the cheap tests of both sides. `u` holds the text's code units.
 */
export function mayHoldAddress(u: Uint16Array, at: number): boolean {
  const n = u.length;
  if (!isDigit(u[at]!) || (at > 0 && isJoint(u[at - 1]!))) return false;
  let end = at + 1;
  while (end < n && isDigit(u[end]!)) end++;
  const next = end < n ? u[end]! : -1;
  if (end - at > 5 || (isJoint(next) && end + 1 < n && isDigit(u[end + 1]!))) return false;
  if (mayStreetBefore(u, at, end - at >= 4)) return true;
  if (next === 44) return shapeAfter(u, end) !== null;
  return (next === 32 || next === 9 || isAsciiLetter(next)) && (suffixAhead(u, end) || shapeAfter(u, end) !== null);
}

/**
 * Whether address.ts's streetBefore can find a street, unit or postcode word before the number at `at` (postcode:
 * four digits or more): the character before it, past spaces and '#', ends a word, and the last word may pass one of
 * its last-word checks or one of the last four words may be a street type written before the name. The words are
 * read as streetBefore reads them but not sliced: most numbers ("retries: 3", "for 42 minutes") fail on their
 * characters.
 */
export function mayStreetBefore(u: Uint16Array, at: number, postcode: boolean): boolean {
  let j = at - 1;
  let c = j >= 0 ? u[j]! : -1;
  while (c === 32 || c === 9 || c === 10 || c === 35) c = --j >= 0 ? u[j]! : -1;
  if (j < 0 || (c < 128 ? (CLASS[c]! & ENDS_WORD) === 0 : !LETTER.test(String.fromCharCode(c)))) return false;
  const from = at > 48 ? at - 48 : 0;
  let e = at;
  for (let words = 0; words < 4; ) {
    while (e > from && (UNITS[u[e - 1]!]! & GAP) !== 0) e--;
    if (e <= from) return false;
    let s = e - 1;
    while (s > from && (UNITS[u[s - 1]!]! & GAP) === 0) s--;
    let lead = s;
    while (lead < e && (UNITS[u[lead]!]! & MARK) !== 0) lead++;
    if (lead < e) {
      // The key's end (a trailing '#' or ':' is not part of it): lower-casing maps no other character onto either.
      const tail = u[e - 1]!;
      const k = tail === 35 || tail === 58 ? e - 1 : e;
      if (words > 0 ? PREFIX_WORD(u, lead, k) : mayLastWord(u, lead, k, postcode)) return true;
      words++;
    }
    e = s;
  }
  return false;
}

export const STREET_WORD_AFTER: ReadonlySet<string> = new Set(['utca', 'út', 'útja', 'körút', 'tér', 'köz', 'sor', 'fasor', 'rakpart', 'ulica', 'ulice', 'iela']);
export const ZIP_WORDS: ReadonlySet<string> = new Set(['zip', 'postcode', 'plz']);
export const COMPOUND_ENDS = COMPOUND_END.replace(/\\\./g, '.').split('|');

const UNIT_WORDS = [...UNIT_STRONG, ...UNIT_WEAK];
// streetBefore's last-word keys: a street type written before the name, one written as a word of its own after it,
// an abbreviation, a unit or postcode word; before a postcode also a country, whose last word it may be ("new zealand").
const LAST_WORDS = [...PREFIX_BEFORE_NAME, ...STREET_WORD_AFTER, ...ABBREVIATION, ...ZIP_WORDS, 'code', ...UNIT_WORDS, ...UNIT_WORDS.map((w) => `${w}.`)];
const PREFIX_WORD = wordTest(PREFIX_BEFORE_NAME);
const LAST_WORD = wordTest(LAST_WORDS);
const LAST_WORD_BEFORE_POSTCODE = wordTest([...LAST_WORDS, ...[...COUNTRIES].map((c) => c.slice(c.lastIndexOf(' ') + 1))]);
const COMPOUND_TAIL = tailTest(COMPOUND_ENDS, 5);

/**
 * Whether the key text[s, k) may pass one of streetBefore's last-word checks: one of LAST_WORDS, a compound street
 * name, and before a postcode a country, a state or an APO region (two letters; lower-casing never shortens a word).
 */
function mayLastWord(u: Uint16Array, s: number, k: number, postcode: boolean): boolean {
  return postcode ? k - s <= 2 || LAST_WORD_BEFORE_POSTCODE(u, s, k) || COMPOUND_TAIL(u, s, k) : LAST_WORD(u, s, k) || COMPOUND_TAIL(u, s, k);
}

// FORWARD's street types as whole lower-case words ("ways?" gives "way" and "ways"), for suffixAhead.
const SUFFIX_WORDS: ReadonlySet<string> = new Set(SUFFIX_AFTER_NAME.split('|').flatMap((w) => (w.endsWith('?') ? [w.slice(0, -2), w.slice(0, -1)] : [w])));
// A hash of each street type (see suffixAhead), one bit each in 4,096: a run of letters whose hash has no bit set is no
// street type, told without slicing it.
const hashStep = (h: number, c: number): number => (Math.imul(h, 31) + (c | 32)) | 0;
const SUFFIX_HASHES = new Uint8Array(4096);
for (const w of SUFFIX_WORDS) {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = hashStep(h, w.charCodeAt(i));
  SUFFIX_HASHES[h & 4095] = 1;
}

/**
 * Whether FORWARD could match at `at`: its street type is a whole letter run right after a space or tab, after at
 * most one glued letter, one house number and four words (runs of letters, ' ’ . -). Most numbers in code and logs
 * fail this in a few character reads, where the regex would try every type at every word. Errs towards true: a run
 * with a non-ASCII character (which the case-blind regex may fold onto ASCII, or which may be a letter) counts as a
 * type.
 */
export function suffixAhead(u: Uint16Array, at: number): boolean {
  const n = u.length;
  let i = at;
  let c = i < n ? u[i]! : -1;
  if (c !== 32 && c !== 9) {
    if (!isAsciiLetter(c) && c <= 127) return false;
    c = ++i < n ? u[i]! : -1;
    if (c !== 32 && c !== 9) return false;
  }
  for (let token = 1; token <= 6; token++) {
    while (c === 32 || c === 9) c = ++i < n ? u[i]! : -1;
    if (i >= n) return false;
    const s = i;
    let h = 0;
    while (isAsciiLetter(c)) {
      h = hashStep(h, c);
      c = ++i < n ? u[i]! : -1;
    }
    if (c > 127) return true;
    // ASCII letters only: the hash is that of the lower-cased run.
    if (i > s && SUFFIX_HASHES[h & 4095] === 1 && SUFFIX_WORDS.has(String.fromCharCode(...u.subarray(s, i)).toLowerCase())) return true;
    // The rest of the token: the regex goes on only past a word or, first, a house number of up to five digits.
    let digits = 0;
    for (; i < n && c !== 32 && c !== 9; c = ++i < n ? u[i]! : -1) {
      if (isDigit(c)) digits++;
      else if (c > 127) return true;
      else if (!(isAsciiLetter(c) || c === 39 || c === 46 || c === 45)) return false;
    }
    if (digits > 0 && !(token === 1 && digits === i - s && digits <= 5)) return false;
  }
  return false;
}
