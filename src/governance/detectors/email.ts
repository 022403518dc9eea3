// Email addresses. Scans for '@' and grows the local part and domain around it, so text without '@' costs one indexOf.
import type { Finding } from '../types.ts';
import { finding } from './finding.ts';

// RFC 5322 dot-atom characters for the local part; '%' and '+' are common in real addresses.
const LOCAL = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOCAL[c] = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/.test(String.fromCharCode(c)) ? 1 : 0;
const isLocal = (c: number): boolean => c < 128 && LOCAL[c] === 1;
// The domain after '@', at most 253 characters: one sticky match instead of a test per character.
const DOMAIN = /[A-Za-z0-9.-]{0,253}/y;
// A TLD is letters (2+) or an IDNA A-label (xn--…, RFC 5890).
const TLD = /^(?:[A-Za-z]{2,24}|xn--[a-z0-9-]{2,59})$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && s > at - 64 && isLocal(text.charCodeAt(s - 1))) s--;
    while (s < at && (text[s] === '.' || text[s] === "'")) s++;
    DOMAIN.lastIndex = at + 1;
    let e = at + 1 + (DOMAIN.exec(text)?.[0].length ?? 0);
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    if (s < at && validDomain(text.slice(at + 1, e))) {
      out.push(finding('email', s, e, 'email'));
    }
    at = text.indexOf('@', Math.max(e, at + 1));
  }
  return out;
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  return TLD.test(tld) && labels.every((l) => LABEL.test(l));
}
