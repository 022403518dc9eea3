// Phone numbers in international (+CC / 00CC) and national formats. A candidate is a run of digit groups joined
// by single separators; it is kept when libphonenumber-js finds it possible for its country code, when a cue
// ("phone", "call me at", "fax") stands next to it, or when it has the strict NANP shape and validates as US.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Finding } from '../types.ts';
import { after, before, isDigit } from './context.ts';
import { codeUnits } from './code-units.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const CANDIDATE =
  /(?<![\w+./-]|\d,)(?:\+|00)?(?:\(\d{1,4}\)|\d)(?:[ .\-\u00a0]?(?:\(\d{1,4}\)|\d)){5,17}(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?(?![\w]|[.,/-]\d)/g;
const CUE_BEFORE =
  /(?:phone|tel|telephone|mobile|mobil|cell|fax|call|calling|desk|office|whatsapp|sms|text me|dial|ring|contact|reach|hotline|number|answering at|messages to|registered|téléphone|telefon|teléfono|telefono|portable|handy)\b[^\d]{0,20}$/;
const CUE_AFTER = /^\s?[-–(]?\s?(?:office|fax|mobile|cell|home|work|phone|tel)\b/;
const NOT_PHONE =
  /(?:order|invoice|ref|reference|tracking|serial|sku|id|account|acct|iban|card|cc|ssn|social security|passport|licen[cs]e|routing|zip|postcode|postal|isbn|version|build|born|birth)\b[^\n\d]{0,20}$/;
// "x 12", "ext. 12", "#12" after the number: the digits of an extension are not the number's.
const EXTENSION = /\s?(?:x|ext\.?|#)\s?\d{1,5}$/;
const NANP = /^(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$/;
const DATE_SHAPE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
const SSN_SHAPE = /^\d{3}([- .])\d{2}\1\d{4}$/;

const isLetterOrUnderscore = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;

/**
 * False where CANDIDATE cannot match: the number is digits joined by '.' or '-' (each before a digit) and runs into a
 * letter that starts no extension, as in "2026-01-14T09:12:44Z". Every place the regex could end it is then followed
 * by a digit, by '.'/'-' and a digit, or by that letter, all refused by its look-ahead; and no extension ("x", "ext",
 * "#", after optional white space) starts there. Logs are full of such timestamps, and this costs less than a
 * failing match.
 */
function mayMatch(units: Uint16Array, at: number): boolean {
  let i = at;
  for (;;) {
    const c = units[i] ?? 0;
    if (isDigit(c) || ((c === 46 || c === 45) && isDigit(units[i + 1] ?? 0))) i++;
    else break;
  }
  const end = units[i] ?? 0;
  return i === at || !isLetterOrUnderscore(end) || end === 120 || end === 101;
}

export function findPhones(text: string): Finding[] {
  const units = codeUnits(text);
  const out: Finding[] = [];
  // libphonenumber is the costly part: a number that recurs in this text (a signature, a log line) is parsed once.
  // The memo lives for this call only, so no number outlives the request.
  const parsed = new Map<string, boolean>();
  eachNumberMatch(text, CANDIDATE, (m) => {
    const raw = m[0];
    const main = raw.includes('x') || raw.includes('#') ? raw.replace(EXTENSION, '') : raw;
    const digits = digitCount(main);
    // (a date is at most 10 characters, an SSN exactly 11: the shape tests run only on those)
    if (digits < 7 || digits > 15 || (main.length <= 10 && DATE_SHAPE.test(main)) || (main.length === 11 && SSN_SHAPE.test(main))) return;
    const rule = accept(text, m.index, m.index + raw.length, main, digits, parsed);
    if (rule) out.push(finding('phone', m.index, m.index + raw.length, rule));
  }, 7, (_, at) => mayMatch(units, at));
  return out;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) n++;
  return n;
}

function accept(text: string, start: number, end: number, main: string, digits: number, parsed: Map<string, boolean>): string | null {
  const lead = before(text, start, 40);
  if (NOT_PHONE.test(lead)) return null;
  if (main.startsWith('+') || main.startsWith('00')) {
    const intl = main.startsWith('00') ? `+${main.slice(2)}` : main;
    let possible = parsed.get(intl);
    if (possible === undefined) {
      possible = parsePhoneNumberFromString(intl)?.isPossible() ?? false;
      parsed.set(intl, possible);
    }
    return possible ? 'phone-intl' : null;
  }
  if (CUE_BEFORE.test(lead) || CUE_AFTER.test(after(text, end, 12))) return 'phone-cue';
  // Without a cue only the unmistakable North American shape counts, and it must be a valid US/CA number.
  if (digits >= 10 && NANP.test(main)) {
    let valid = parsed.get(`US ${main}`);
    if (valid === undefined) {
      valid = parsePhoneNumberFromString(main, 'US')?.isValid() ?? false;
      parsed.set(`US ${main}`, valid);
    }
    if (valid) return 'phone-nanp';
  }
  return null;
}
