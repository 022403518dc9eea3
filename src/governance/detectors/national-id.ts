// National identifiers: US SSNs, passport and driver-licence numbers. SSNs in the 3-2-4 shape are validated
// against the SSA's never-issued ranges; bare 9-digit SSNs, passports and licences count only after a cue,
// since the same strings are ordinary ids anywhere else.
import type { Finding } from '../types.ts';
import { cuePairs, cuesNear } from './cue-near.ts';
import { finding } from './finding.ts';
import { idDigits, LICENCE_BACK, PASSPORT_BACK, SSN_BACK } from './national-id-anchors.ts';

// sticky: tried only at numbers of three digits and '-', ' ' or '.' (national-id-anchors.ts)
const SSN = /(?<![\w.-])(\d{3})([- .])(\d{2})\2(\d{4})(?![\w]|[.-]\d)/y;
const SSN_CUE = /\b(?:ssn|social security(?: number| no\.?)?|soc\. sec\.)/gi;
const PASSPORT_CUE = /\bpassport/gi;
const LICENCE_CUE = /\b(?:driv(?:er'?s?|ing)[ -]?licen[cs]e|dl ?(?:no|number|#)|licen[cs]e (?:no\.?|number|#))/gi;
const NINE_DIGITS = /^[^\n\d]{0,25}?(?<![\w-])((\d{3})[- ]?(\d{2})[- ]?(\d{4}))(?![\w-])/d;
const PASSPORT_TOKEN = /^[^\n]{0,30}?(?<![\w-])([A-Z]{0,2}\d{6,9}|[A-Z]\d{7,8}[A-Z]?)(?![\w-])/d;
const LICENCE_TOKEN = /^[^\n]{0,30}?(?<![\w-])((?=[A-Z0-9-]*\d{4})[A-Z]?[A-Z0-9-]{4,18}[A-Z0-9])(?![\w-])/d;
// a rare pair of characters in each form of each cue: sSN, soCIal, soC. sec.; pasSPort; LIcence, DL
const SSN_PAIRS = cuePairs(['sn', 'ci', 'c.']);
const PASSPORT_PAIRS = cuePairs(['sp']);
const LICENCE_PAIRS = cuePairs(['li', 'dl']);

/** SSA rules: area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

export function findNationalIds(text: string): Finding[] {
  const out: Finding[] = [];
  // one pass over the digits of the text finds where each rule's value could stand (national-id-anchors.ts)
  const digits = idDigits(text);
  let resume = 0; // a 3-2-4 match never overlaps the one before
  for (const at of digits.shaped) {
    if (at < resume) continue;
    SSN.lastIndex = at;
    const m = SSN.exec(text);
    if (!m) continue;
    if (ssnValid(m[1] ?? '', m[3] ?? '', m[4] ?? '')) out.push(finding('ssn', at, at + m[0].length, 'us-ssn'));
    resume = at + m[0].length;
  }
  // the cues are looked for only before those digits, not in all of the text
  if (digits.ssn.length > 0) {
    cuesNear(text, SSN_CUE, NINE_DIGITS, SSN_BACK, digits.ssn, (s, e, m) => {
      const seen = out.some((f) => f.start === s);
      if (!seen && ssnValid(m[2] ?? '', m[3] ?? '', m[4] ?? '')) out.push(finding('ssn', s, e, 'us-ssn-cue'));
    }, SSN_PAIRS);
  }
  if (digits.passport.length > 0) {
    cuesNear(text, PASSPORT_CUE, PASSPORT_TOKEN, PASSPORT_BACK, digits.passport, (s, e) => out.push(finding('passport', s, e, 'passport-cue')), PASSPORT_PAIRS);
  }
  if (digits.licence.length > 0) {
    cuesNear(text, LICENCE_CUE, LICENCE_TOKEN, LICENCE_BACK, digits.licence, (s, e) => out.push(finding('driver_license', s, e, 'driver-license-cue')), LICENCE_PAIRS);
  }
  return out;
}
