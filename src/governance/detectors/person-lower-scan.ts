// One pass over an all-lower-case text for the lower-case name detector (person-lower.ts): it cuts the words out as
// /[\p{Ll}'’-]+/u would (a trailing "'s" left off the key) into reused arrays, and notes the few words worth a closer
// look: a given name, a word after a cue, a middle initial. No word is sliced or looked up unless a hash filter lets
// it through. On 32 KB of lower-case text, that regex's exec with a slice and Set lookups per word cost ten times
// more, and a regex alternation of the lexicon alone costs as much as this whole pass.
import { GIVEN_NAMES } from './person-lexicon.ts';
import { AMBIGUOUS, STOPWORDS } from './person-stopwords.ts';
import { codeUnits } from './code-units.ts';

// A cue announces a name of any kind after it: its words, and the one punctuation mark it may end with.
const CUES: ReadonlyArray<readonly [string, string]> = [
  ['mr', '.'], ['mrs', '.'], ['ms', '.'], ['miss', '.'], ['dr', '.'], ['prof', '.'], ['name is', ''], ['call me', ''],
  ['named', ''], ['signed', ''], ['regards', ','], ['had given', ''], ['speak to', ''], ['talk to', ''], ['ask for', ''],
];
const CUE = new RegExp(`(?:${CUES.map(([w, p]) => `\\b${w}${p.replace('.', '\\.')}${p ? '?' : ''}`).join('|')})[ \\t]+$`, 'u');
// CUE is anchored at the end, which the regex engine cannot use, so it runs only where the text before the blanks
// ends like one of its alternatives.
const CUE_ENDS: ReadonlySet<string> = new Set(CUES.flatMap(([w, p]) => (p ? [w.slice(-2), w.slice(-1) + p] : [w.slice(-2)])));

/** CUE on the 16 characters before `start`, when they end in blanks after a cue's last two characters. */
export function cuedAt(text: string, start: number): boolean {
  const from = Math.max(0, start - 16);
  let q = start;
  while (q > from && (text.charCodeAt(q - 1) === 32 || text.charCodeAt(q - 1) === 9)) q--;
  if (q === start || q - from < 2 || !CUE_ENDS.has(text.slice(q - 2, q))) return false;
  const m = CUE.exec(text.slice(from, start));
  // CUE's \b holds at the window's first character even inside a word: "items" cut to "ms" is no title
  return m !== null && (m.index > 0 || from === 0 || !WORD_BEFORE.test(text[from - 1] ?? ''));
}

const WORD_BEFORE = /[\p{L}\p{N}_]/u;

const hashOf = (s: string): number => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
};
const pairHash = (a: number, b: number): number => (Math.imul(a, 0x9e3779b1) ^ b) | 0;

/** A one-sided filter over 32-bit hashes (a Bloom filter with two probes): `has` is true for every hash added. */
class HashFilter {
  private readonly bits: Uint32Array;
  constructor(private readonly shift: number) {
    this.bits = new Uint32Array(1 << (32 - shift - 5));
  }
  add(h: number): void {
    const a = Math.imul(h, 0x9e3779b1) >>> this.shift;
    const b = Math.imul(h, 0x85ebca6b) >>> this.shift;
    this.bits[a >>> 5]! |= 1 << (a & 31);
    this.bits[b >>> 5]! |= 1 << (b & 31);
  }
  has(h: number): boolean {
    const a = Math.imul(h, 0x9e3779b1) >>> this.shift;
    if ((this.bits[a >>> 5]! & (1 << (a & 31))) === 0) return false;
    const b = Math.imul(h, 0x85ebca6b) >>> this.shift;
    return (this.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}

// What a word's hash may be, in one table so that most words cost one read: 1 a given name that can stand alone
// (three letters or more, not an everyday word; GIVEN then says it for fewer words), 2 a one-word cue, 4 the second
// word of a two-word cue (CUE_PAIRS has the pair). CUE's \b lets a cue start after an apostrophe, a hyphen or a letter
// beyond ASCII ("o'mr"), so a cue is looked for in a word's tail after the last of those.
const WORDS = new Uint8Array(1 << 16);
const slot = (h: number): number => Math.imul(h, 0x9e3779b1) >>> 16;
const GIVEN = new HashFilter(14);
const CUE_PAIRS = new HashFilter(18);
for (const g of GIVEN_NAMES) {
  if (g.length < 3 || STOPWORDS.has(g) || AMBIGUOUS.has(g)) continue;
  GIVEN.add(hashOf(g));
  WORDS[slot(hashOf(g))]! |= 1;
}
for (const [cue] of CUES) {
  const [a = '', b] = cue.split(' ');
  WORDS[slot(hashOf(b ?? a))]! |= b === undefined ? 2 : 4;
  if (b !== undefined) CUE_PAIRS.add(pairHash(hashOf(a), hashOf(b)));
}

// Character kinds: a-z, a word character that breaks \w (apostrophes, hyphens, letters beyond ASCII), a capital
// (the detector stands down), anything else. Beyond ASCII, the kind is worked out once per code unit.
const SEP = 0;
const AZ = 1;
const MARK = 2;
const UPPER = 3;
const ASCII = new Uint8Array(128);
for (let c = 97; c <= 122; c++) ASCII[c] = AZ;
for (let c = 65; c <= 90; c++) ASCII[c] = UPPER;
ASCII[39] = ASCII[45] = MARK;
const WIDE = new Uint8Array(0x10000);
const LOWER = /^\p{Ll}$/u;
const CAPITAL = /^\p{Lu}$/u;

const kindOf = (ch: string): number => (CAPITAL.test(ch) ? UPPER : ch === '’' || LOWER.test(ch) ? MARK : SEP);

/** Kind of the code point at `i` beyond ASCII, plus 4 when it takes two code units (an astral letter). */
function wideKind(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const k = kindOf(text.slice(i, i + 2));
      return k === SEP ? SEP : k + 4;
    }
  }
  let k = WIDE[c]!;
  if (k === 0) WIDE[c] = k = kindOf(String.fromCharCode(c)) + 8;
  return k - 8;
}

/** What scanLower found; its arrays are the reused buffers, good until the next scan. */
export interface Scan {
  count: number;
  /** Where each word starts, where its key ends (before a trailing "'s"), and a hash of the key (`hashOf`). */
  starts: Int32Array;
  ends: Int32Array;
  keys: Int32Array;
  /** Words that may be a cued or lexicon name, ascending: a superset of those the detector takes alone. */
  anchors: number[];
  /** Words that are one consonant between single spaces, like the middle initial of "codey m ross", ascending. */
  initials: number[];
}

// A middle initial that English prose does not use as a word: not "a", "i", "o", nor "s", "x" or "e" (possessive,
// "times", "e g").
const MIDDLE_INITIAL = new Uint8Array(128);
for (const c of 'bcdfghjklmnpqrtvwyz') MIDDLE_INITIAL[c.charCodeAt(0)] = 1;

// The word buffers are reused across calls and grow to the longest text seen (words are at least two units apart).
let starts = new Int32Array(512);
let ends = new Int32Array(512);
let keys = new Int32Array(512);

const hashRange = (u: Uint16Array, from: number, to: number): number => {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + u[i]!) | 0;
  return h;
};
const blank = (c: number | undefined): boolean => c === 32 || c === 9;

/** The words of `text` and the candidates among them, or null when it has a capital letter. */
export function scanLower(text: string): Scan | null {
  const n = text.length;
  if (starts.length < (n >> 1) + 1) {
    starts = new Int32Array((n >> 1) + 512);
    ends = new Int32Array((n >> 1) + 512);
    keys = new Int32Array((n >> 1) + 512);
  }
  const scan: Scan = { count: 0, starts, ends, keys, anchors: [], initials: [] };
  return collect(text, codeUnits(text), scan) ? scan : null;
}

/**
 * Fills `scan` with the words of `text` (code units `u`); false at a capital letter. One function: V8 does not inline
 * a per-word helper this size, and the call per word cost a third more.
 */
function collect(text: string, u: Uint16Array, scan: Scan): boolean {
  const { starts: st, ends: en, keys: ks, anchors, initials } = scan;
  const n = text.length;
  let count = 0;
  // the word before: whether its tail is a cue, the tail's hash, where the word ends
  let cued = false;
  let prevTail = 0;
  let prevEnd = 0;
  for (let i = 0; i < n; i++) {
    let c = u[i]!;
    let k = c < 128 ? ASCII[c]! : wideKind(text, i);
    if (k === SEP) continue;
    if ((k & 3) === UPPER) return false;
    // h hashes the word as hashOf does; tail is where the part after its last apostrophe, hyphen or wide letter starts
    const s = i;
    let h = c;
    let tail = s;
    if (k !== AZ) {
      if (k > 4) h = (Math.imul(h, 31) + u[++i]!) | 0;
      tail = i + 1;
    }
    while (++i < n) {
      c = u[i]!;
      if (c >= 97 && c <= 122) {
        h = (Math.imul(h, 31) + c) | 0;
        continue;
      }
      k = c < 128 ? ASCII[c]! : wideKind(text, i);
      if (k === SEP) break;
      if ((k & 3) === UPPER) return false;
      h = (Math.imul(h, 31) + c) | 0;
      if (k > 4) h = (Math.imul(h, 31) + u[++i]!) | 0;
      tail = i + 1;
    }
    let end = i;
    let key = h;
    let t = h;
    if (tail !== s) {
      if (end - s >= 2 && u[end - 1] === 115 && (u[end - 2] === 39 || u[end - 2] === 0x2019)) key = hashRange(u, s, (end -= 2));
      t = hashRange(u, tail, i);
    }
    st[count] = s;
    en[count] = end;
    ks[count] = key;
    // After a cue and its blanks (a title's full stop, the comma after "regards"), or after six blanks, where
    // cuedAt's window may start inside the cue's own word (it then rules the cue out).
    if ((cued && blank(u[s - 1]) && (blank(u[prevEnd]) || u[prevEnd] === 46 || u[prevEnd] === 44)) || (s - prevEnd >= 6 && sixBlanks(u, s))) anchors.push(count);
    cued = false;
    if (end - s === 1) {
      if (MIDDLE_INITIAL[u[s]!] === 1 && s > 0 && u[s - 1] === 32 && end < n && u[end] === 32) initials.push(count);
    } else {
      const kf = WORDS[slot(key)]!;
      const tf = t === key ? kf : WORDS[slot(t)]!;
      if ((kf & 1) !== 0 && end - s >= 3 && GIVEN.has(key) && anchors[anchors.length - 1] !== count) anchors.push(count);
      if (tf > 1) cued = (tf & 2) !== 0 || (prevEnd === s - 1 && u[prevEnd] === 32 && CUE_PAIRS.has(pairHash(prevTail, t)));
    }
    prevTail = t;
    prevEnd = i;
    count++;
  }
  scan.count = count;
  return true;
}

const sixBlanks = (u: Uint16Array, s: number): boolean =>
  blank(u[s - 2]) && blank(u[s - 1]) && blank(u[s - 3]) && blank(u[s - 4]) && blank(u[s - 5]) && blank(u[s - 6]);
