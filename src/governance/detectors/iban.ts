// IBANs (ISO 13616): country code, two check digits, a BBAN of the country's fixed length, valid under mod-97.
import type { Finding } from '../types.ts';
import { codeUnits } from './code-units.ts';
import { finding } from './finding.ts';

// Total IBAN length per country, from the SWIFT IBAN registry.
const LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27,
  MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

// Compact, or printed in groups of four separated by single spaces or dashes. Sticky: it is tried only where
// findIbans's scan says an IBAN could start.
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?/y;
// The shortest IBAN (Norway) has 15 characters. A match is capitals and digits, in groups joined by single spaces or
// dashes: a separator not between two of those can be in none.
const SHORTEST = 15;
const KIND = new Uint8Array(65536);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') KIND[c.charCodeAt(0)] = 1;
KIND[32] = 2;
KIND[45] = 2;
// LENGTH by the two capitals' offsets from 'A' (26 × first + second), 0 for no such country.
const LENGTH_OF = new Uint8Array(26 * 26);
for (const [cc, n] of Object.entries(LENGTH)) LENGTH_OF[(cc.charCodeAt(0) - 65) * 26 + cc.charCodeAt(1) - 65] = n;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The remainder after appending the digit or letter `c` (a letter counting as two digits, A = 10). */
function mod97Step(rest: number, c: number): number {
  const v = c <= 57 ? c - 48 : c - 55;
  return v > 9 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
}

export function mod97(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) rest = mod97Step(rest, moved.charCodeAt(i));
  return rest === 1;
}

/** The character at `i` can be part of a match. */
function inMatch(units: Uint16Array, i: number): boolean {
  const k = KIND[units[i] ?? 0];
  return k === 1 || (k === 2 && KIND[units[i - 1] ?? 0] === 1 && KIND[units[i + 1] ?? 0] === 1);
}

// Every match lies inside one stretch of such characters, and only a stretch of 15 or more can hold an IBAN; the
// global scan's matches in one stretch never depend on another. So the text is crossed like Boyer-Moore, probing
// every 15th character (prose has few such stretches), and the regex runs only at the starts that a stretch long
// enough offers, as a global scan would meet them.
export function findIbans(text: string): Finding[] {
  const out: Finding[] = [];
  const units = codeUnits(text);
  const n = text.length;
  let i = 0;
  while (i + SHORTEST <= n) {
    const probe = i + SHORTEST - 1;
    if (!inMatch(units, probe)) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && inMatch(units, s - 1)) s--;
    let e = probe + 1;
    while (e < n && inMatch(units, e)) e++;
    if (e - s >= SHORTEST) ibansIn(text, units, s, e, out);
    i = e + 1;
  }
  return out;
}

/** The global scan's matches within the stretch [s, e), in order. */
function ibansIn(text: string, units: Uint16Array, s: number, e: number, out: Finding[]): void {
  let resume = s;
  for (let at = s; at + 4 <= e; at++) {
    if (at < resume || !isUpper(units[at] ?? 0) || !isUpper(units[at + 1] ?? 0) || !isDigit(units[at + 2] ?? 0) || !isDigit(units[at + 3] ?? 0)) continue;
    CANDIDATE.lastIndex = at;
    const m = CANDIDATE.exec(text);
    if (m === null) continue;
    resume = at + m[0].length;
    check(units, m[0].length, at, out);
  }
}

/** Keeps the IBAN the match at `at` starts with: its country's length of IBAN characters, not followed by another,
 * and valid under mod-97 (computed on the code units, as mod97 does on the compact string). */
function check(units: Uint16Array, length: number, at: number, out: Finding[]): void {
  const want = LENGTH_OF[((units[at] ?? 0) - 65) * 26 + (units[at + 1] ?? 0) - 65] ?? 0;
  if (want === 0) return;
  // Cut the match at the country's length, counting only the IBAN characters, so a following word stays out.
  let end = 0;
  let n = 0;
  while (end < length && n < want) {
    if (units[at + end] !== 32 && units[at + end] !== 45) n++;
    end++;
  }
  if (n !== want || KIND[units[at + end] ?? 0] === 1) return;
  // The country code and check digits (never separated) go to the end.
  let rest = 0;
  for (let i = at + 4; i < at + end; i++) if (units[i] !== 32 && units[i] !== 45) rest = mod97Step(rest, units[i] ?? 0);
  for (let i = at; i < at + 4; i++) rest = mod97Step(rest, units[i] ?? 0);
  if (rest === 1) out.push(finding('iban', at, at + end, 'iban-mod97'));
}
