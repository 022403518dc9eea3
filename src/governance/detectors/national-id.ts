// National identifiers: US SSNs, passport and driver-licence numbers. SSNs in the 3-2-4 shape are validated
// against the SSA's never-issued ranges; bare 9-digit SSNs, passports and licences count only after a cue,
// since the same strings are ordinary ids anywhere else.
import type { Finding } from '../types.ts';
import { afterCue, eachCue } from './context.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const SSN = /(?<![\w.-])(\d{3})([- .])(\d{2})\2(\d{4})(?![\w]|[.-]\d)/g;
const SSN_CUE = /\b(?:ssn|social security(?: number| no\.?)?|soc\. sec\.)/gi;
const PASSPORT_CUE = /\bpassport/gi;
const LICENCE_CUE = /\b(?:driv(?:er'?s?|ing)[ -]?licen[cs]e|dl ?(?:no|number|#)|licen[cs]e (?:no\.?|number|#))/gi;
const NINE_DIGITS = /^[^\n\d]{0,25}?(?<![\w-])((\d{3})[- ]?(\d{2})[- ]?(\d{4}))(?![\w-])/d;
const PASSPORT_TOKEN = /^[^\n]{0,30}?(?<![\w-])([A-Z]{0,2}\d{6,9}|[A-Z]\d{7,8}[A-Z]?)(?![\w-])/d;
const LICENCE_TOKEN = /^[^\n]{0,30}?(?<![\w-])((?=[A-Z0-9-]*\d{4})[A-Z]?[A-Z0-9-]{4,18}[A-Z0-9])(?![\w-])/d;
// Every passport cue holds "passport", every licence cue "licen" or "dl": the engine finds these plain words far
// faster than it tries the cues, and most texts have none of them, so a cue's scan runs only if its word is there.
const LONG_WORDS = /passport|licen/gi;
const DL = /dl/gi;

/** SSA rules: area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Three digits, then '-', ' ' or '.': the 3-2-4 shape's first group. */
function ssnGroup(text: string, at: number): boolean {
  const c = text.charCodeAt(at + 3);
  return c === 45 || c === 32 || c === 46;
}

/** Which of the passport and licence cues the text can hold. */
function cuesIn(text: string): { passport: boolean; licence: boolean } {
  const seen = { passport: false, licence: false };
  eachCue(text, LONG_WORDS, (at) => {
    if ((text.charCodeAt(at) | 32) === 112 /* p */) seen.passport = true;
    else seen.licence = true;
    if (seen.passport && seen.licence) return text.length;
  });
  if (!seen.licence) {
    eachCue(text, DL, () => {
      seen.licence = true;
      return text.length;
    });
  }
  return seen;
}

export function findNationalIds(text: string): Finding[] {
  const out: Finding[] = [];
  eachNumberMatch(text, SSN, (m) => {
    if (ssnValid(m[1] ?? '', m[3] ?? '', m[4] ?? '')) out.push(finding('ssn', m.index, m.index + m[0].length, 'us-ssn'));
  }, 9, ssnGroup);
  afterCue(text, SSN_CUE, NINE_DIGITS, (s, e, m) => {
    const seen = out.some((f) => f.start === s);
    if (!seen && ssnValid(m[2] ?? '', m[3] ?? '', m[4] ?? '')) out.push(finding('ssn', s, e, 'us-ssn-cue'));
  });
  const cues = cuesIn(text);
  if (cues.passport) afterCue(text, PASSPORT_CUE, PASSPORT_TOKEN, (s, e) => out.push(finding('passport', s, e, 'passport-cue')));
  if (cues.licence) afterCue(text, LICENCE_CUE, LICENCE_TOKEN, (s, e) => out.push(finding('driver_license', s, e, 'driver-license-cue')));
  return out;
}
