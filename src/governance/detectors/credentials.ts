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
const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

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

// The anchors by their first character, with their literals' code units for comparing in place; those that begin a
// match at a word boundary apart, as most characters of a run are inside a word. PAIRS has the same two bits for
// each anchor's first two characters, so nearly every character is ruled out by two table reads.
const PROMISES = promisesOf(VENDOR_RULES);
type Head = Array<Anchor & { units: number[] }>;
const AT_START: Head[] = Array.from({ length: 128 }, () => []);
const ELSEWHERE: Head[] = Array.from({ length: 128 }, () => []);
const PAIRS = new Uint8Array(128 * 128);
for (const a of PROMISES.anchors) {
  const units = [...a.literal].map((x) => x.charCodeAt(0));
  const [c = 0, next = 0] = units;
  const bit = a.offset === 0 && !a.glued ? STARTS : INSIDE;
  (bit === STARTS ? AT_START : ELSEWHERE)[c]!.push({ ...a, units });
  CLASS[c] = CLASS[c]! | bit;
  PAIRS[c * 128 + next] = PAIRS[c * 128 + next]! | bit;
}

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
    let e = probe + 1;
    while (e < n && (CLASS[units[e]!]! & TOKEN) !== 0) e++;
    if (mayHoldKey(text, units, s, e)) matchVendors(text.slice(s, e), s, out);
    i = e + 1;
  }
  if (shortSlackRuns(text, units, out) && out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * The vendor alternation is the costly part, so a run must first look like it could hold a key: a random key has
 * digits or several capitals ("row.created_at" has neither), and some format's anchor ("sk-proj-" at a word start,
 * "Q~" four characters in) or, for the formats without one, a long enough stretch of [\w-].
 */
function mayHoldKey(text: string, units: Uint16Array, s: number, e: number): boolean {
  let digits = 0;
  let upper = 0;
  let stretch = 0;
  let run = 0;
  let anchored = false;
  let afterAlnum = false; // the character before `s` is not a token character
  for (let q = s; q < e; q++) {
    const c = units[q]!;
    const k = CLASS[c]!;
    if ((k & DIGIT) !== 0) digits++;
    else if ((k & UPPER) !== 0) upper++;
    if ((k & KEY) === 0) run = 0;
    else if (++run > stretch) stretch = run;
    const heads = k & (afterAlnum ? INSIDE : STARTS | INSIDE);
    // Inside the run every character is ASCII, so the pair indexes PAIRS directly.
    if (heads !== 0 && !anchored && q + 1 < e && (PAIRS[c * 128 + units[q + 1]!]! & heads) !== 0) anchored = anchorAt(units, s, e, q, afterAlnum);
    afterAlnum = (k & ALNUM) !== 0;
  }
  if (!anchored && stretch < PROMISES.unanchoredStretch) return false;
  if (digits > 0 || upper >= 3) return true;
  const token = text.slice(s, e);
  return token.includes('xox') || token.includes('xapp-');
}

/** Whether an anchor starting with the character at `q` is there, with its match starting inside [s, e). */
function anchorAt(units: Uint16Array, s: number, e: number, q: number, afterAlnum: boolean): boolean {
  const c = units[q]!;
  if (!afterAlnum) for (const a of AT_START[c]!) if (spelled(units, e, q, a.units)) return true;
  for (const a of ELSEWHERE[c]!) {
    const start = q - a.offset;
    if (start < s || (!a.glued && start > s && (CLASS[units[start - 1]!]! & ALNUM) !== 0)) continue;
    if (spelled(units, e, q, a.units)) return true;
  }
  return false;
}

/** Whether `literal` is spelled out from `q` on, before `e`. */
function spelled(units: Uint16Array, e: number, q: number, literal: number[]): boolean {
  if (q + literal.length > e) return false;
  let j = 1;
  while (j < literal.length && units[q + j] === literal[j]) j++;
  return j === literal.length;
}

/** Runs of MIN_TOKEN to LONG characters, which the scan above skips: only a Slack token is that short. */
function shortSlackRuns(text: string, units: Uint16Array, out: Finding[]): boolean {
  const starts: number[] = [];
  for (const prefix of ['xox', 'xapp-']) {
    let end = -1;
    for (let x = text.indexOf(prefix); x !== -1; x = text.indexOf(prefix, x + 1)) {
      if (x < end) continue; // inside the run already looked at
      let s = x;
      while (s > 0 && (CLASS[units[s - 1]!]! & TOKEN) !== 0) s--;
      end = x + prefix.length;
      while (end < text.length && (CLASS[units[end]!]! & TOKEN) !== 0) end++;
      if (end - s >= MIN_TOKEN && end - s < LONG) starts.push(s);
    }
  }
  let last = -1;
  for (const s of starts.sort((a, b) => a - b)) {
    if (s === last) continue; // holds both prefixes
    last = s;
    let e = s;
    while (e < text.length && (CLASS[units[e]!]! & TOKEN) !== 0) e++;
    matchVendors(text.slice(s, e), s, out);
  }
  return starts.length > 0;
}

function matchVendors(token: string, offset: number, out: Finding[]): void {
  VENDOR.lastIndex = 0;
  for (let m = VENDOR.exec(token); m; m = VENDOR.exec(token)) {
    const i = m.findIndex((g, k) => k > 0 && g !== undefined);
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
  if (!text.includes('-----BEGIN')) return out;
  PRIVATE_KEY.lastIndex = 0;
  for (let m = PRIVATE_KEY.exec(text); m; m = PRIVATE_KEY.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const endMark = text.indexOf('-----END', bodyStart);
    const bodyEnd = endMark === -1 ? Math.min(text.length, bodyStart + 4096) : endMark;
    let b64 = 0;
    for (let i = bodyStart; i < bodyEnd; i++) if (BASE64_CHAR.test(text[i] ?? '')) b64++;
    if (b64 < 64) continue;
    const close = endMark === -1 ? -1 : text.indexOf('-----', endMark + 8);
    const end = close === -1 ? bodyEnd : close + 5;
    out.push(finding('credential', m.index, end, 'private-key'));
    PRIVATE_KEY.lastIndex = end;
  }
  return out;
}
