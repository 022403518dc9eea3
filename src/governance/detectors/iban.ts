// IBANs (ISO 13616): country code, two check digits, a BBAN of the country's fixed length, valid under mod-97.
import type { Finding } from '../types.ts';
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

// Compact, or printed in groups of four separated by single spaces or dashes.
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?/g;

export function mod97(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    rest = v > 9 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest === 1;
}

export function findIbans(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const want = LENGTH[m[0].slice(0, 2)];
    if (want === undefined) continue;
    // Cut the match at the country's length, counting only the IBAN characters, so a following word stays out.
    let end = 0;
    let n = 0;
    while (end < m[0].length && n < want) {
      if (m[0][end] !== ' ' && m[0][end] !== '-') n++;
      end++;
    }
    if (n !== want || /[A-Z0-9]/.test(text[m.index + end] ?? '')) continue;
    const compact = m[0].slice(0, end).replace(/[ -]/g, '');
    if (mod97(compact)) out.push(finding('iban', m.index, m.index + end, 'iban-mod97'));
  }
  return out;
}
