// Credentials by their published formats: vendor keys (credentials-vendors.ts), private-key blocks and JWTs.
// Only runs of token characters long enough for a key are examined, and the vendor alternation runs only on those
// that could hold one by what the patterns promise (credentials-anchors.ts).
import type { Finding } from '../types.ts';
import { type Anchor, promisesOf } from './credentials-anchors.ts';
import { VENDOR_RULES } from './credentials-vendors.ts';
import { looksPlaceholder, shannon } from './entropy.ts';
import { finding } from './finding.ts';
import { codeUnits } from './code-units.ts';

const VENDOR = new RegExp(
  `(?:${VENDOR_RULES.map((r) => `${r.glued ? '' : '(?<![A-Za-z0-9])'}(${r.pattern})`).join('|')})(?![\\w-])`,
  'g',
);
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/y;

// What each code unit is, as bits: one table read per character instead of a chain of comparisons.
const TOKEN = 1; // can occur inside a token: base64, base64url, hex, `id:secret`, `a|b` Facebook tokens, URLs
const KEY = 2; // [\w-], what random key bodies are made of
const ALNUM = 4; // what the vendor patterns' (?<![A-Za-z0-9]) refuses before a match
const DIGIT = 8;
const UPPER = 16;
const STARTS = 32; // begins an anchor that begins a match at a word boundary
const INSIDE = 64; // begins any other anchor
const CLASS = new Uint8Array(65536);
for (const c of '_-.~+/=|:%') CLASS[c.charCodeAt(0)] = c === '_' || c === '-' ? TOKEN | KEY : TOKEN;
for (let c = 48; c <= 57; c++) CLASS[c] = TOKEN | KEY | ALNUM | DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = TOKEN | KEY | ALNUM | UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] = TOKEN | KEY | ALNUM;

// A run shorter than LONG is only worth matching if it holds a Slack prefix (no other format is that short), so the
// scan skips such runs and shortSlackRuns finds them by the prefix; one shorter than MIN_TOKEN holds no key at all.
const MIN_TOKEN = 12;
const LONG = 20;

// The anchors by their first character, flattened into typed arrays: anchor k spells LITERALS[FROM[k] .. FROM[k] +
// LENGTH[k]) and sits OFFSET[k] characters into its match; HEADS[c] .. HEADS[c + 1] are the anchors beginning with
// c. Those that begin a match at a word boundary (STARTS) apart, as most characters of a run are inside a word.
// PAIRS has the same two bits for each anchor's first two characters, so nearly every character is ruled out by
// two table reads.
const PROMISES = promisesOf(VENDOR_RULES);
const ANCHORS = [...PROMISES.anchors].sort((x, y) => x.literal.charCodeAt(0) - y.literal.charCodeAt(0));
const HEADS = new Int32Array(129);
const FROM = new Int32Array(ANCHORS.length);
const LENGTH = new Int32Array(ANCHORS.length);
const OFFSET = new Int32Array(ANCHORS.length);
const KIND = new Uint8Array(ANCHORS.length); // STARTS, INSIDE, or INSIDE | GLUED
const GLUED = 128;
const LITERALS = new Uint16Array(ANCHORS.reduce((n, x) => n + x.literal.length, 0));
const PAIRS = new Uint8Array(128 * 128);
ANCHORS.forEach((x: Anchor, k) => {
  const c = x.literal.charCodeAt(0);
  const next = x.literal.charCodeAt(1);
  const bit = x.offset === 0 && !x.glued ? STARTS : INSIDE;
  const from = k === 0 ? 0 : FROM[k - 1]! + LENGTH[k - 1]!;
  FROM[k] = from;
  LENGTH[k] = x.literal.length;
  OFFSET[k] = x.offset;
  KIND[k] = bit | (x.glued ? GLUED : 0);
  for (let j = 0; j < x.literal.length; j++) LITERALS[from + j] = x.literal.charCodeAt(j);
  HEADS[c + 1] = k + 1;
  CLASS[c] = CLASS[c]! | bit;
  PAIRS[c * 128 + next] = PAIRS[c * 128 + next]! | bit;
});
for (let c = 1; c <= 128; c++) HEADS[c] = Math.max(HEADS[c]!, HEADS[c - 1]!);
// A pattern's characters are all token characters, or it could not match inside a run; spelled relies on it.
for (const unit of LITERALS) if ((CLASS[unit]! & TOKEN) === 0) throw new Error(`vendor anchor with a non-token character ${unit}`);

export function findVendorKeys(text: string): Finding[] {
  const out: Finding[] = [];
  const units = codeUnits(text);
  const n = text.length;
  // Skip ahead like Boyer-Moore: a run of LONG token characters starting at or after `i` must cover i + LONG - 1,
  // so prose with short words is crossed many characters at a time.
  let i = 0;
  while (i + LONG <= n) {
    const probe = i + LONG - 1;
    if ((CLASS[units[probe]!]! & TOKEN) === 0) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && (CLASS[units[s - 1]!]! & TOKEN) !== 0) s--;
    // A gap after `i`: the run through the probe starts there and holds fewer than LONG characters so far.
    // Probe again from its start instead of reading it to the end (prose words are all shorter than that).
    if (s > i) {
      i = s;
      continue;
    }
    const candidate = readRun(units, n, s);
    const e = runEnd;
    if (candidate && keyLike(text, units, s, e)) matchVendors(text.slice(s, e), s, out);
    i = e + 1;
  }
  if (shortSlackRuns(text, units, out) && out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

// The vendor alternation is the costly part, so a run must first look like it could hold a key: some format's anchor
// ("sk-proj-" at a word start, "Q~" four characters in) or, for the formats without one, a long enough stretch of
// [\w-] (readRun); and digits or several capitals, as a random key has ("row.created_at" has neither: keyLike).
// Most runs fail the first test, which is made while the run is read for its end.

let runEnd = 0;

/** Reads the run of token characters starting at `s`, leaving its end in runEnd: whether it holds an anchor or a
 * long enough stretch. */
function readRun(units: Uint16Array, n: number, s: number): boolean {
  let stretch = 0;
  let stretchStart = s;
  let other = false; // a character outside [\w-] seen
  let prev = 0; // the class of the character before `q`; before `s` one that is no token, so not ALNUM
  let q = s;
  for (; q < n; q++) {
    const c = units[q]!;
    const k = CLASS[c]!;
    if ((k & TOKEN) === 0) break;
    if ((k & KEY) === 0) {
      if (q - stretchStart > stretch) stretch = q - stretchStart;
      stretchStart = q + 1;
      other = true;
    }
    // STARTS counts only where the character before is not ALNUM (ALNUM << 3 === STARTS).
    const heads = k & (INSIDE | (STARTS & ~(prev << 3)));
    if (heads !== 0 && q + 1 < n) {
      const next = units[q + 1]!;
      // A token character is ASCII, so the pair indexes PAIRS directly.
      if ((CLASS[next]! & TOKEN) !== 0 && (PAIRS[c * 128 + next]! & heads) !== 0 && anchorAt(units, s, q, heads)) {
        for (q += 2; q < n && (CLASS[units[q]!]! & TOKEN) !== 0; q++);
        runEnd = q;
        return true;
      }
    }
    prev = k;
  }
  runEnd = q;
  stretch = Math.max(stretch, q - stretchStart);
  return stretch >= (other ? PROMISES.unanchoredStretch : PROMISES.unanchoredPlainStretch);
}

function keyLike(text: string, units: Uint16Array, s: number, e: number): boolean {
  let digits = 0;
  let upper = 0; // UPPER for each capital
  for (let q = s; q < e; q++) {
    const k = CLASS[units[q]!]!;
    digits |= k & DIGIT;
    upper += k & UPPER;
  }
  if (digits !== 0 || upper >= 3 * UPPER) return true;
  const token = text.slice(s, e);
  return token.includes('xox') || token.includes('xapp-');
}

/** Whether an anchor starting with the character at `q` is there, with its match starting at or after `s`. */
function anchorAt(units: Uint16Array, s: number, q: number, heads: number): boolean {
  const c = units[q]!;
  for (let k = HEADS[c]!; k < HEADS[c + 1]!; k++) {
    const kind = KIND[k]!;
    if ((kind & heads) === 0) continue; // a STARTS anchor after an ALNUM character
    if (kind !== STARTS) {
      const start = q - OFFSET[k]!;
      if (start < s || ((kind & GLUED) === 0 && start > s && (CLASS[units[start - 1]!]! & ALNUM) !== 0)) continue;
    }
    if (spelled(units, q, k)) return true;
  }
  return false;
}

/**
 * Whether anchor k is spelled out from `q` on, its last character first, where look-alikes such as "https://api…"
 * against "https://hooks.slack.com/" part soonest. An anchor holds token characters only (checked where the tables
 * are built), so one reaching past the run is refused at the character that ends it; past the text, a read gives
 * undefined.
 */
function spelled(units: Uint16Array, q: number, k: number): boolean {
  const length = LENGTH[k]!;
  const from = FROM[k]!;
  if (units[q + length - 1] !== LITERALS[from + length - 1]) return false;
  for (let j = 1; j < length - 1; j++) if (units[q + j] !== LITERALS[from + j]) return false;
  return true;
}

/** Runs of MIN_TOKEN to LONG characters, which the scan above skips: only a Slack token is that short. */
function shortSlackRuns(text: string, units: Uint16Array, out: Finding[]): boolean {
  const starts: number[] = [];
  // Both prefixes, "xox" and "xapp-", in one pass over the 'x's; one inside a run already read (before `end`) is
  // skipped, so each run is pushed once and in order.
  let end = -1;
  for (let x = text.indexOf('x'); x !== -1; x = text.indexOf('x', Math.max(x + 1, end))) {
    let length: number;
    if (units[x + 1] === 111 && units[x + 2] === 120) length = 3;
    else if (units[x + 1] === 97 && units[x + 2] === 112 && units[x + 3] === 112 && units[x + 4] === 45) length = 5;
    else continue;
    let s = x;
    while (s > 0 && (CLASS[units[s - 1]!]! & TOKEN) !== 0) s--;
    end = x + length;
    while (end < text.length && (CLASS[units[end]!]! & TOKEN) !== 0) end++;
    if (end - s >= MIN_TOKEN && end - s < LONG) starts.push(s);
  }
  for (const s of starts) {
    let e = s;
    while (e < text.length && (CLASS[units[e]!]! & TOKEN) !== 0) e++;
    matchVendors(text.slice(s, e), s, out);
  }
  return starts.length > 0;
}

function matchVendors(token: string, offset: number, out: Finding[]): void {
  VENDOR.lastIndex = 0;
  for (let m = VENDOR.exec(token); m; m = VENDOR.exec(token)) {
    let i = 1;
    while (i < m.length && m[i] === undefined) i++;
    const rule = VENDOR_RULES[i - 1];
    if (!rule) continue;
    if (!rule.keepPlaceholder && looksPlaceholder(m[0])) continue;
    if (rule.entropy !== undefined && shannon(m[0]) < rule.entropy) continue;
    out.push(finding('credential', offset + m.index, offset + m.index + m[0].length, rule.rule));
  }
}

/** PEM / OpenSSH / PGP private-key blocks, also with JSON-escaped newlines; a body too short to be a key is a doc stub. */
export function findPrivateKeys(text: string): Finding[] {
  const out: Finding[] = [];
  for (let at = beginAt(text, 0); at !== -1; ) {
    PRIVATE_KEY.lastIndex = at;
    const m = PRIVATE_KEY.exec(text);
    if (!m) {
      at = beginAt(text, at + 1);
      continue;
    }
    const bodyStart = at + m[0].length;
    const endMark = text.indexOf('-----END', bodyStart);
    const bodyEnd = endMark === -1 ? Math.min(text.length, bodyStart + 4096) : endMark;
    let b64 = 0;
    for (let i = bodyStart; i < bodyEnd; i++) if (isBase64(text.charCodeAt(i))) b64++;
    if (b64 < 64) {
      at = beginAt(text, bodyStart);
      continue;
    }
    const close = endMark === -1 ? -1 : text.indexOf('-----', endMark + 8);
    const end = close === -1 ? bodyEnd : close + 5;
    out.push(finding('credential', at, end, 'private-key'));
    at = beginAt(text, end);
  }
  return out;
}

/**
 * Where "-----BEGIN" next occurs at or after `from`. indexOf with that 10-character needle sets up a Boyer-Moore
 * search on every call, which costs ~9 µs on 32 KB without a match; a needle under 7 characters is found by memchr
 * on its first character instead, and '-' followed by "BEGIN" is rare (~1.5 µs).
 */
function beginAt(text: string, from: number): number {
  for (let i = text.indexOf('-BEGIN', from + 4); i !== -1; i = text.indexOf('-BEGIN', i + 1)) {
    if (text.startsWith('----', i - 4)) return i - 4;
  }
  return -1;
}

/** [A-Za-z0-9+/=] */
function isBase64(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 43 || c === 47 || c === 61;
}
