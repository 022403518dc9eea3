// Email addresses. Scans for '@' and grows the local part and domain around it, so text without '@' costs one indexOf.
import type { Finding } from '../types.ts';
import { codeUnits } from './code-units.ts';
import { finding } from './finding.ts';

// RFC 5322 dot-atom characters for the local part ('%' and '+' are common in real addresses), less '/', '?', '=' and
// '&': an address in a web address's path or query (`…/share?owner=ada@example.org`) starts after them, and real
// addresses practically never hold them.
const LOCAL = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOCAL[c] = /[A-Za-z0-9!#$%'*+^_`{|}~.-]/.test(String.fromCharCode(c)) ? 1 : 0;
const isLocal = (c: number): boolean => c < 128 && LOCAL[c] === 1;
// The domain after '@' is at most 253 of [A-Za-z0-9.-]; its labels and TLD are checked character by character on
// the shared code units: no slice, split or regex per '@'.
const DOMAIN_MAX = 253;
const ALNUM = 1;
const DOMAIN_CHAR = 2;
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = (/[A-Za-z0-9]/.test(ch) ? ALNUM | DOMAIN_CHAR : 0) | (ch === '.' || ch === '-' ? DOMAIN_CHAR : 0);
}
const is = (units: Uint16Array, i: number, bit: number): boolean => ((CLASS[units[i] ?? 0] ?? 0) & bit) !== 0;

export function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  let at = text.indexOf('@');
  if (at === -1) return out;
  const units = codeUnits(text);
  while (at !== -1) {
    let s = at;
    while (s > 0 && s > at - 64 && isLocal(units[s - 1] ?? 0)) s--;
    while (s < at && (units[s] === 46 || units[s] === 39)) s++;
    let e = at + 1;
    const last = Math.min(text.length, at + 1 + DOMAIN_MAX);
    while (e < last && is(units, e, DOMAIN_CHAR)) e++;
    while (e > at + 1 && (units[e - 1] === 46 || units[e - 1] === 45)) e--;
    if (s < at && validDomain(units, at + 1, e)) {
      out.push(finding('email', s, e, 'email'));
    }
    at = text.indexOf('@', Math.max(e, at + 1));
  }
  return out;
}

/** [from, to) (domain characters only) is two labels or more, each 1–63 characters starting and ending with a letter
 * or digit, the last one a TLD. */
function validDomain(units: Uint16Array, from: number, to: number): boolean {
  let start = from;
  let labels = 0;
  for (let i = from; i <= to; i++) {
    if (i < to && units[i] !== 46) continue;
    const length = i - start;
    if (length < 1 || length > 63 || !is(units, start, ALNUM) || !is(units, i - 1, ALNUM)) return false;
    labels++;
    if (i === to) return labels >= 2 && tld(units, start, to);
    start = i + 1;
  }
  return false;
}

/** Letters (2–24), or an IDNA A-label: "xn--" and 2–59 of [a-z0-9-] (RFC 5890). */
function tld(units: Uint16Array, from: number, to: number): boolean {
  const length = to - from;
  let letters = true;
  for (let i = from; i < to && letters; i++) letters = ((units[i] ?? 0) | 32) >= 97 && ((units[i] ?? 0) | 32) <= 122;
  if (letters) return length >= 2 && length <= 24;
  if (length < 6 || length > 63 || units[from] !== 120 || units[from + 1] !== 110 || units[from + 2] !== 45 || units[from + 3] !== 45) return false;
  for (let i = from + 4; i < to; i++) {
    const c = units[i] ?? 0;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}
