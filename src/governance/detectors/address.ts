// Postal addresses. Nearly every address line carries a number, so the scan is digit-driven: for each short digit
// run the few words before it are checked for a street shape (compound "Mellemvej 32", prefixed "Via Franscini 71",
// "Kálmán Imre u. 12", unit "Suite 838", "PSC 6293, Box", "Sweden 99178", ", CO 70079", "ZIP: 394 13") and the words
// after it for an English street type ("2450 Crown St"). Parts close together are merged, and an address grows over
// the short capitalised lines that follow it (city, region, country, postcode).
import type { Finding } from '../types.ts';
import { ABBREVIATION, COUNTRIES, PREFIX_BEFORE_NAME, SUFFIX_AFTER_NAME, UNIT_STRONG, UNIT_WEAK } from './address-words.ts';
import { COMPOUND_ENDS, STREET_WORD_AFTER, ZIP_WORDS, isAsciiLetter, isGap, isMark, mayHoldAddress, mayStreetBefore, suffixAhead } from './address-gate.ts';
import { cuedPostcodes, namedStreets, streetAfter } from './address-shapes.ts';
import { codeUnits } from './code-units.ts';
import { eachCue, eachCueWithin } from './context.ts';
import { finding } from './finding.ts';
import { sparseMarks } from './sparse-marks.ts';
import { eachNumberMatch } from './numbers.ts';

const NUMBER = /(?<![\p{L}\p{N}_.,:/-])\d{1,5}(?![\p{N}]|[.,:/-]\d)/gu;
const WORD = "[\\p{L}'’.-]+";
const FORWARD = new RegExp(`[A-Za-z]?(?:[ \\t]+\\d{1,5})?[ \\t]+(?:${WORD}[ \\t]+){0,4}?(?:${SUFFIX_AFTER_NAME})(?![\\p{L}])\\.?`, 'iuy');
const COMPOUND = endsWithOneOf(COMPOUND_ENDS);
// Suffixes distinctive enough to count in a lower-case word ("hersnapvej 18").
const COMPOUND_LOWER = endsWithOneOf('vej|veien|gade|straße|strasse|gasse|weg|gatan|gata|vägen|katu|tie|kuja|polku|straat|laan|utca|ulica|ulice'.split('|'));
// No match of CUE starts inside another (each phrase is a whole word run no other phrase starts within, and spaces
// start none), which cueStretches relies on.
export const CUE = /(?:lives? at|living at|address(?: is| to| with|:)|located (?:at|on)|moved to|sent to|send (?:it |them |this )?to|ship(?:ped)? to|deliver(?:ed)? to|resides? at|side of|corner of|return to)[ \t]+/giu;
/** CUE's longest phrase, without the spaces after it: "delivered to", "send this to", "address with" */
export const CUE_LONGEST = 12;
export const CUE_VALUE = /^[^\n?!;]{0,80}?\d[^\n?!;]{0,60}?(?=[.?!;]\s|[.?!;]?$|\n|,? (?:for|in case|and i|it|which|so)\b)/u;
/** CUE_VALUE's digit is at most this far past the cue's end */
const CUE_REACH = 80;
const NEXT_LINE = /^\n(?:[ \t]*\n)?[ \t]*(?:[>?*•|]{1,3}[ \t]*)?,?[ \t]*[\p{Lu}\d][\p{L}\p{N} .,'’()-]{0,38}(?=\n|$)/u;
// Each part is matched atomically ((?=(…))\1: no backtracking into it). With separators optional, a run of capitals
// such as "BEGAN THE PROCESS OF …" could otherwise be split into parts in exponentially many ways before the look-ahead
// fails: 60 such characters held the event loop for minutes.
const SAME_LINE = /^,?[ \t]*(?:,?[ \t]*(?=(\p{Lu}[\p{L}'’-]*|\d{4,6}|[A-Z]{2}))\1)+(?=[ \t]*(?:\n|$|[.?!]))/u;
const GAP = /^[\s,>?*•|]*(?:[\p{L}\p{N}.'’ -]{0,30}[\s,>?*•|]*)?$/u;
const CAPITAL = /^\p{Lu}/u;
const TWO_WORDS = /\p{L}[ \t]/u;
// A house number written before the street ("3482 Via Franscini 71") and a ship line before an FPO line.
const NUMBER_BEFORE = /(?:^|[\s,>?*•|])(\d{1,5}[A-Za-z]?[ \t]+)$/;
const SHIP_LINE = /(?:^|[\n \t])(?:USNS|USS|USNV|USCGC)[ \t]+[\p{L}' -]{2,30}\n[ \t]*$/iu;

const DIGIT = /\d/;
const BLANK_LINE = /^\n[ \t]*(?:nan|none|null|n\/a|-+)[ \t]*(?=\n)/iu;

interface Word {
  text: string;
  key: string;
  start: number;
}

export function findAddresses(text: string): Finding[] {
  const parts: Array<[number, number]> = [];
  const u = codeUnits(text);
  eachNumberMatch(text, NUMBER, (m) => {
    const numEnd = m.index + m[0].length;
    let start = streetBefore(text, u, m.index, m[0].length);
    let end = numEnd;
    const nextChar = text.charCodeAt(numEnd);
    if (nextChar === 44) end = streetAfter(text, u, numEnd) ?? numEnd;
    else if (nextChar === 32 || nextChar === 9 || isAsciiLetter(nextChar)) {
      FORWARD.lastIndex = numEnd;
      const fwd = suffixAhead(u, numEnd) ? FORWARD.exec(text) : null;
      if (fwd) end = numEnd + fwd[0].length;
      end = Math.max(end, streetAfter(text, u, numEnd) ?? numEnd);
      // "Hoge Wei 32 St.": the name stands before the number when the type follows it directly.
      if (fwd && start === null && !TWO_WORDS.test(fwd[0].trim())) start = namesBefore(text, m.index);
    }
    if (start !== null || end !== numEnd) parts.push([widen(text, start ?? m.index), end]);
  }, 1, (_, at) => mayHoldAddress(u, at));
  parts.push(...namedStreets(text));
  // A cued address and a postcode hold a digit: prose without one skips both scans.
  const digits = parts.length > 0 || DIGIT.test(text);
  if (digits) parts.push(...cuedAddresses(text));
  const zips = (digits ? cuedPostcodes(text) : []).filter(([s, e]) => !parts.some(([ps, pe]) => ps < e && s < pe));
  return [...merge(text, parts), ...zips].map(([s, e]) => finding('address', s, e, 'address'));
}

/** Addresses after a cue phrase ("ship to 221 Baker Street"): each a value holding a digit, as [start, end). */
export function cuedAddresses(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const found = (at: number, length: number): void => {
    const from = at + length;
    const v = CUE_VALUE.exec(text.slice(from, from + 160));
    if (v) out.push([from, from + v[0].length]);
  };
  const stretches = cueStretches(text);
  if (stretches === null) eachCue(text, CUE, found);
  else eachCueWithin(text, CUE, stretches, found);
  return out;
}

/**
 * Where a cue can have a value: CUE_VALUE needs a digit at most CUE_REACH characters after the cue's end, so the cue
 * lies within the CUE_REACH characters before some digit, plus the spaces that end it, plus its phrase. Each stretch
 * ends at a digit, which no match of CUE holds, so none crosses an end. Prose has few digits, and the scan of the whole
 * text for CUE was most of this detector's time on English prose. Null where digits are dense (sparse-marks.ts): the
 * stretches would cover the text anyway, and the whole text is scanned.
 */
export function cueStretches(text: string): Array<[number, number]> | null {
  const marks = sparseMarks(text);
  if (marks === null) return null;
  const out: Array<[number, number]> = [];
  for (const digit of marks) {
    if (text.charCodeAt(digit) < 48) continue; // '+' or '('
    let reach = digit - CUE_REACH;
    while (reach > 0 && (text.charCodeAt(reach - 1) === 32 || text.charCodeAt(reach - 1) === 9)) reach--;
    const start = Math.max(0, reach - CUE_LONGEST);
    const last = out[out.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = digit;
    else out.push([start, digit]);
  }
  return out;
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

const NAMES_BEFORE = /(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}$/u;

function namesBefore(text: string, at: number): number | null {
  const m = NAMES_BEFORE.exec(text.slice(Math.max(0, at - 40), at));
  return m ? at - m[0].length : null;
}

const ZIP_FIRST: ReadonlySet<string> = new Set(['zip', 'postal', 'post']);
const TWO_LETTERS = /^[A-Za-z]{2}$/;
const TWO_CAPITALS = /^[A-Z]{2}$/;
const MILITARY = /^[afd]po$/;
const COMMA_END = /,\s*$/;

/** Where the street / unit / postcode words before the number at `at` begin, or null when there are none. */
function streetBefore(text: string, u: Uint16Array, at: number, digits: number): number | null {
  if (!mayStreetBefore(u, at, digits >= 4)) return null;
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
