// Postal addresses. Nearly every address line carries a number, so the scan is digit-driven: for each short digit
// run the few words before it are checked for a street shape (compound "Mellemvej 32", prefixed "Via Franscini 71",
// "Kálmán Imre u. 12", unit "Suite 838", "PSC 6293, Box", "Sweden 99178", ", CO 70079", "ZIP: 394 13") and the words
// after it for an English street type ("2450 Crown St"). Parts close together are merged, and an address grows over
// the short capitalised lines that follow it (city, region, country, postcode).
import type { Finding } from '../types.ts';
import { ABBREVIATION, COMPOUND_END, COUNTRIES, PREFIX_BEFORE_NAME, SUFFIX_AFTER_NAME, UNIT_STRONG, UNIT_WEAK } from './address-words.ts';
import { tailTest, wordTest } from './address-keys.ts';
import { cuedPostcodes, namedStreets, shapeAfter, streetAfter } from './address-shapes.ts';
import { eachCue } from './context.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const NUMBER = /(?<![\p{L}\p{N}_.,:/-])\d{1,5}(?![\p{N}]|[.,:/-]\d)/gu;
const WORD = "[\\p{L}'’.-]+";
const FORWARD = new RegExp(`[A-Za-z]?(?:[ \\t]+\\d{1,5})?[ \\t]+(?:${WORD}[ \\t]+){0,4}?(?:${SUFFIX_AFTER_NAME})(?![\\p{L}])\\.?`, 'iuy');
const COMPOUND_ENDS = COMPOUND_END.replace(/\\\./g, '.').split('|');
const COMPOUND = endsWithOneOf(COMPOUND_ENDS);
// Suffixes distinctive enough to count in a lower-case word ("hersnapvej 18").
const COMPOUND_LOWER = endsWithOneOf('vej|veien|gade|straße|strasse|gasse|weg|gatan|gata|vägen|katu|tie|kuja|polku|straat|laan|utca|ulica|ulice'.split('|'));
const CUE = /(?:lives? at|living at|address(?: is| to| with|:)|located (?:at|on)|moved to|sent to|send (?:it |them |this )?to|ship(?:ped)? to|deliver(?:ed)? to|resides? at|side of|corner of|return to)[ \t]+/giu;
const CUE_VALUE = /^[^\n?!;]{0,80}?\d[^\n?!;]{0,60}?(?=[.?!;]\s|[.?!;]?$|\n|,? (?:for|in case|and i|it|which|so)\b)/u;
const NEXT_LINE = /^\n(?:[ \t]*\n)?[ \t]*(?:[>?*•|]{1,3}[ \t]*)?,?[ \t]*[\p{Lu}\d][\p{L}\p{N} .,'’()-]{0,38}(?=\n|$)/u;
// Each part is matched atomically ((?=(…))\1: no backtracking into it). With separators optional, a run of capitals
// such as "BEGAN THE PROCESS OF …" could otherwise be split into parts in exponentially many ways before the look-ahead
// fails: 60 such characters held the event loop for minutes.
const SAME_LINE = /^,?[ \t]*(?:,?[ \t]*(?=(\p{Lu}[\p{L}'’-]*|\d{4,6}|[A-Z]{2}))\1)+(?=[ \t]*(?:\n|$|[.?!]))/u;
const GAP = /^[\s,>?*•|]*(?:[\p{L}\p{N}.'’ -]{0,30}[\s,>?*•|]*)?$/u;
const CAPITAL = /^\p{Lu}/u;
const TWO_WORDS = /\p{L}[ \t]/u;
const LETTER = /[\p{L},#.:]/u;
// A house number written before the street ("3482 Via Franscini 71") and a ship line before an FPO line.
const NUMBER_BEFORE = /(?:^|[\s,>?*•|])(\d{1,5}[A-Za-z]?[ \t]+)$/;
const SHIP_LINE = /(?:^|[\n \t])(?:USNS|USS|USNV|USCGC)[ \t]+[\p{L}' -]{2,30}\n[ \t]*$/iu;

// The quote and bullet marks '>', '?', '*', '•', '|' that may lead a line.
const isMark = (c: number): boolean => c === 62 || c === 63 || c === 42 || c === 8226 || c === 124;
const DIGIT = /\d/;
const BLANK_LINE = /^\n[ \t]*(?:nan|none|null|n\/a|-+)[ \t]*(?=\n)/iu;

interface Word {
  text: string;
  key: string;
  start: number;
}

export function findAddresses(text: string): Finding[] {
  const parts: Array<[number, number]> = [];
  eachNumberMatch(text, NUMBER, (m) => {
    const numEnd = m.index + m[0].length;
    let start = streetBefore(text, m.index, m[0].length);
    let end = numEnd;
    const nextChar = text.charCodeAt(numEnd);
    if (nextChar === 44) end = streetAfter(text, numEnd) ?? numEnd;
    else if (nextChar === 32 || nextChar === 9 || isAsciiLetter(nextChar)) {
      FORWARD.lastIndex = numEnd;
      const fwd = suffixAhead(text, numEnd) ? FORWARD.exec(text) : null;
      if (fwd) end = numEnd + fwd[0].length;
      end = Math.max(end, streetAfter(text, numEnd) ?? numEnd);
      // "Hoge Wei 32 St.": the name stands before the number when the type follows it directly.
      if (fwd && start === null && !TWO_WORDS.test(fwd[0].trim())) start = namesBefore(text, m.index);
    }
    if (start !== null || end !== numEnd) parts.push([widen(text, start ?? m.index), end]);
  }, 1, mayHoldAddress);
  parts.push(...namedStreets(text));
  // A cued address and a postcode hold a digit: prose without one skips both scans.
  const digits = parts.length > 0 || DIGIT.test(text);
  if (digits) eachCue(text, CUE, (at, length) => {
    const from = at + length;
    const v = CUE_VALUE.exec(text.slice(from, from + 160));
    if (v) parts.push([from, from + v[0].length]);
  });
  const zips = (digits ? cuedPostcodes(text) : []).filter(([s, e]) => !parts.some(([ps, pe]) => ps < e && s < pe));
  return [...merge(text, parts), ...zips].map(([s, e]) => finding('address', s, e, 'address'));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// '.', ',', ':', '/', '-': NUMBER takes no number joined by one of these to a digit ("2.4.1", "09:12:44", "03/14").
const isJoint = (c: number): boolean => c === 46 || c === 44 || c === 58 || c === 47 || c === 45;

/**
 * Whether the number starting at `at` may be a NUMBER match that adds to an address: NUMBER's own tests as character
 * reads (beyond ASCII the regex decides), then the cheap tests of both sides. Of the scan's starts in code and logs
 * ("retries: 3", "batch=5521 items=200") nearly all fail here, so the regex, the word slices and the street shapes
 * run for few numbers.
 */
function mayHoldAddress(text: string, at: number): boolean {
  if (!isDigit(text.charCodeAt(at)) || isJoint(text.charCodeAt(at - 1))) return false;
  let end = at + 1;
  while (isDigit(text.charCodeAt(end))) end++;
  const next = text.charCodeAt(end);
  if (end - at > 5 || (isJoint(next) && isDigit(text.charCodeAt(end + 1)))) return false;
  if (mayStreetBefore(text, at, end - at >= 4)) return true;
  if (next === 44) return shapeAfter(text, end) !== null;
  return (next === 32 || next === 9 || isAsciiLetter(next)) && (suffixAhead(text, end) || shapeAfter(text, end) !== null);
}

/**
 * Whether a lower-case word ends with one of `suffixes`: a few set lookups, one per suffix length among the suffixes
 * ending in the word's last character, where a regex anchored at the end would try every alternative at every
 * position of the word. Most words ("retries", "timeoutMs") end in a character few or no suffixes end in.
 */
function endsWithOneOf(suffixes: readonly string[]): (key: string) => boolean {
  const set = new Set(suffixes.map((s) => s.toLowerCase()));
  const byLast = new Map<string, number[]>();
  for (const s of set) {
    const lengths = byLast.get(s.slice(-1)) ?? [];
    if (!lengths.includes(s.length)) lengths.push(s.length);
    byLast.set(s.slice(-1), lengths.sort((a, b) => a - b));
  }
  return (key) => {
    const lengths = byLast.get(key.slice(-1));
    if (lengths === undefined) return false;
    for (const n of lengths) {
      if (n > key.length) return false;
      if (set.has(key.slice(key.length - n))) return true;
    }
    return false;
  };
}

// FORWARD's street types as whole lower-case words ("ways?" gives "way" and "ways"), for suffixAhead.
const SUFFIX_WORDS: ReadonlySet<string> = new Set(SUFFIX_AFTER_NAME.split('|').flatMap((w) => (w.endsWith('?') ? [w.slice(0, -2), w.slice(0, -1)] : [w])));
const SUFFIX_WORD = wordTest(SUFFIX_WORDS);
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

/**
 * Whether FORWARD could match at `at`: its street type is a whole letter run right after a space or tab, after at
 * most one glued letter, one house number and four words (runs of letters, ' ’ . -). Most numbers in code and logs
 * ("retries: 3", "batch=5521 items=200") fail this in a few character reads, where the regex would try every type at
 * every word. Errs towards true: a run with a non-ASCII character (which the case-blind regex may fold onto ASCII, or
 * which may be a letter) counts as a type.
 */
function suffixAhead(text: string, at: number): boolean {
  const n = text.length;
  let i = at;
  let c = text.charCodeAt(i);
  if (c !== 32 && c !== 9) {
    if (!isAsciiLetter(c) && c <= 127) return false;
    c = text.charCodeAt(++i);
    if (c !== 32 && c !== 9) return false;
  }
  for (let token = 1; token <= 6; token++) {
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    if (i >= n) return false;
    const s = i;
    while (isAsciiLetter(c)) c = text.charCodeAt(++i);
    if (c > 127) return true;
    if (SUFFIX_WORD(text, s, i) && SUFFIX_WORDS.has(text.slice(s, i).toLowerCase())) return true;
    // The rest of the token: the regex goes on only past a word or, first, a house number of up to five digits.
    let digits = 0;
    for (; i < n && c !== 32 && c !== 9; c = text.charCodeAt(++i)) {
      if (c >= 48 && c <= 57) digits++;
      else if (c > 127) return true;
      else if (!(isAsciiLetter(c) || c === 39 || c === 46 || c === 45)) return false;
    }
    if (digits > 0 && !(token === 1 && digits === i - s && digits <= 5)) return false;
  }
  return false;
}

const NAMES_BEFORE = /(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}$/u;

function namesBefore(text: string, at: number): number | null {
  const m = NAMES_BEFORE.exec(text.slice(Math.max(0, at - 40), at));
  return m ? at - m[0].length : null;
}

const STREET_WORD_AFTER: ReadonlySet<string> = new Set(['utca', 'út', 'útja', 'körút', 'tér', 'köz', 'sor', 'fasor', 'rakpart', 'ulica', 'ulice', 'iela']);

const ZIP_WORDS: ReadonlySet<string> = new Set(['zip', 'postcode', 'plz']);
const ZIP_FIRST: ReadonlySet<string> = new Set(['zip', 'postal', 'post']);
const TWO_LETTERS = /^[A-Za-z]{2}$/;
const TWO_CAPITALS = /^[A-Z]{2}$/;
const MILITARY = /^[afd]po$/;
const COMMA_END = /,\s*$/;

/** Where the street / unit / postcode words before the number at `at` begin, or null when there are none. */
function streetBefore(text: string, at: number, digits: number): number | null {
  if (!mayStreetBefore(text, at, digits >= 4)) return null;
  const words = wordsBefore(text, Math.max(0, at - 48), at);
  const last = words[words.length - 1];
  if (!last) return null;
  const prev = words[words.length - 2];
  const unitKey = last.key.endsWith('.') ? last.key.slice(0, -1) : last.key;
  if (last.key.length >= 5 && (CAPITAL.test(last.text) || COMPOUND_LOWER(last.key)) && COMPOUND(last.key)) return last.start;
  // Hungarian and similar: the street type is a word of its own after the name ("Árpád fejedelem útja 3.").
  if (STREET_WORD_AFTER.has(last.key)) return nameRunBefore(words, words.length - 1);
  if (UNIT_STRONG.has(unitKey) || (UNIT_WEAK.has(unitKey) && CAPITAL.test(last.text))) return unitStart(words);
  const postcode = digits >= 4;
  if (postcode && (COUNTRIES.has(last.key) || (prev && COUNTRIES.has(`${prev.key} ${last.key}`)))) return prev && COUNTRIES.has(`${prev.key} ${last.key}`) ? prev.start : last.start;
  if (ZIP_WORDS.has(last.key) || (prev && last.key === 'code' && ZIP_FIRST.has(prev.key))) return last.start;
  if (postcode && TWO_LETTERS.test(last.text) && prev && MILITARY.test(prev.key)) return prev.start;
  if (postcode && TWO_CAPITALS.test(last.text) && (COMMA_END.test(text.slice(last.start - 3, last.start)) || (prev && CAPITAL.test(prev.text)))) return last.start;
  if (ABBREVIATION.has(last.key) && prev && CAPITAL.test(prev.text)) return capitalRun(words, words.length - 2);
  for (let k = words.length - 1; k >= Math.max(0, words.length - 4); k--) {
    const w = words[k];
    if (w && PREFIX_BEFORE_NAME.has(w.key)) return w.start;
  }
  return null;
}

const SPACE = /\s/;
const isGap = (c: number): boolean => (c <= 44 ? c === 32 || c === 44 || (c >= 9 && c <= 13) : c > 127 && SPACE.test(String.fromCharCode(c)));

/** The last four words (runs without whitespace or commas) in text[from, at), read backwards: no more are looked at. */
function wordsBefore(text: string, from: number, at: number): Word[] {
  const words: Word[] = [];
  let e = at;
  while (words.length < 4) {
    const w = wordBefore(text, from, e);
    if (w === null) break;
    words.push(w.word);
    e = w.start;
  }
  return words.reverse();
}

/** The last word in text[from, e) (see wordsBefore) and where the run holding it starts, or null when there is none. */
function wordBefore(text: string, from: number, e: number): { word: Word; start: number } | null {
  for (;;) {
    while (e > from && isGap(text.charCodeAt(e - 1))) e--;
    if (e <= from) return null;
    let s = e - 1;
    while (s > from && !isGap(text.charCodeAt(s - 1))) s--;
    // A quoted or bulleted line (">Apt. 735") is read without its marker.
    let lead = s;
    while (lead < e && isMark(text.charCodeAt(lead))) lead++;
    if (lead < e) {
      const word = text.slice(lead, e);
      return { word: { text: word, key: wordKey(word.toLowerCase()), start: lead }, start: s };
    }
    e = s;
  }
}

/** A lower-cased word without a trailing '#' or ':' ("No#", "Apt:"). */
function wordKey(lower: string): string {
  const tail = lower[lower.length - 1];
  return tail === '#' || tail === ':' ? lower.slice(0, -1) : lower;
}

/**
 * Whether streetBefore can find a street, unit or postcode word before the number at `at` (postcode: four digits or
 * more): the character before it, past spaces and '#', ends a word, and the last word may pass one of its last-word
 * checks or one of the last four words may be a street type written before the name. The words are read as
 * wordsBefore reads them but not sliced: most numbers ("retries: 3", "for 42 minutes") fail on their characters.
 */
function mayStreetBefore(text: string, at: number, postcode: boolean): boolean {
  let j = at - 1;
  for (let g = text.charCodeAt(j); g === 32 || g === 9 || g === 10 || g === 35; g = text.charCodeAt(--j));
  if (j < 0) return false;
  const c = text.charCodeAt(j);
  if (!(isAsciiLetter(c) || c === 44 || c === 46 || c === 58 || (c > 127 && LETTER.test(text[j] ?? '')))) return false;
  const from = Math.max(0, at - 48);
  let e = at;
  for (let n = 0; n < 4; ) {
    while (e > from && isGap(text.charCodeAt(e - 1))) e--;
    if (e <= from) return false;
    let s = e - 1;
    while (s > from && !isGap(text.charCodeAt(s - 1))) s--;
    let lead = s;
    while (lead < e && isMark(text.charCodeAt(lead))) lead++;
    if (lead < e) {
      // The key's end (wordKey): lower-casing maps no other character onto '#' or ':'.
      const tail = text.charCodeAt(e - 1);
      const k = tail === 35 || tail === 58 ? e - 1 : e;
      if (n > 0 ? PREFIX_WORD(text, lead, k) : mayLastWord(text, lead, k, postcode)) return true;
      n++;
    }
    e = s;
  }
  return false;
}

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
function mayLastWord(text: string, s: number, k: number, postcode: boolean): boolean {
  return postcode ? k - s <= 2 || LAST_WORD_BEFORE_POSTCODE(text, s, k) || COMPOUND_TAIL(text, s, k) : LAST_WORD(text, s, k) || COMPOUND_TAIL(text, s, k);
}

function widen(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 48), start);
  const ship = SHIP_LINE.exec(before);
  if (ship) return start - ship[0].replace(/^[\n \t]/, '').length;
  const num = NUMBER_BEFORE.exec(before);
  return num?.[1] ? start - num[1].length : start;
}

/** "PSC 6293, Box" and "Unit 0822 Box" start at the PSC / Unit word. */
function unitStart(words: Word[]): number {
  const n = words.length;
  const last = words[n - 1];
  const num = words[n - 2];
  const head = words[n - 3];
  if (last?.key === 'box' && num && /^\d+$/.test(num.key) && head && /^(?:psc|unit|cmr)$/.test(head.key)) return head.start;
  if (last?.key === 'box' && num && /^p\.?o\.?$/.test(num.key)) return num.start;
  return last?.start ?? 0;
}

/** The name words before a street type: up to two, the first capitalised ("Árpád fejedelem"), or null. */
function nameRunBefore(words: Word[], typeAt: number): number | null {
  for (let k = Math.max(0, typeAt - 2); k < typeAt; k++) {
    const w = words[k];
    if (w && CAPITAL.test(w.text) && /^\p{L}+$/u.test(w.text)) {
      let ok = true;
      for (let q = k + 1; q < typeAt; q++) if (!/^\p{L}+$/u.test(words[q]?.text ?? '')) ok = false;
      if (ok) return w.start;
    }
  }
  return null;
}

function capitalRun(words: Word[], from: number): number {
  let k = from;
  while (k > 0 && from - k < 2 && CAPITAL.test(words[k - 1]?.text ?? '')) k--;
  return words[k]?.start ?? 0;
}

function merge(text: string, parts: Array<[number, number]>): Array<[number, number]> {
  parts.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of parts) {
    const prev = out[out.length - 1];
    if (prev && s - prev[1] <= 40 && (s <= prev[1] || GAP.test(text.slice(prev[1], s)))) prev[1] = Math.max(prev[1], e);
    else out.push([s, e]);
  }
  for (const p of out) p[1] = extend(text, p[1]);
  return out.filter(([s, e]) => e - s >= 4 && /\p{L}/u.test(text.slice(s, e)));
}

/** Grows an address over the rest of its line and up to three short following lines of names and numbers. */
function extend(text: string, end: number): number {
  const same = SAME_LINE.exec(text.slice(end, end + 60));
  if (same) end += same[0].length;
  let at = end;
  for (let i = 0; i < 4; i++) {
    const next = NEXT_LINE.exec(text.slice(at, at + 48));
    if (next && !/:/.test(next[0])) {
      at += next[0].replace(/[\s,]+$/, '').length;
      end = at;
      continue;
    }
    // An empty-field marker ("nan", "n/a", "-") between the city and the postcode lines is passed over, not kept.
    const blank = BLANK_LINE.exec(text.slice(at, at + 16));
    if (!blank || i === 3) break;
    at += blank[0].length;
  }
  return end;
}
