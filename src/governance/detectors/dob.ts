// Dates of birth: a date counts only next to a birth cue; any other date is ordinary text.
import type { Finding } from '../types.ts';
import { cuesNear } from './cue-near.ts';
import { DATE_BACK, dateDigits, MONTH } from './dob-dates.ts';
import { finding } from './finding.ts';

const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH},? \\d{4})`;
const CUE = /\b(?:born|birth|d\.?o\.?b\b|birthday|birthdate|geboren|geburtsdatum|né|née|nacido|nacida|data di nascita|date de naissance)/gi;
const VALUE = new RegExp(`^[^\\n]{0,30}?(?<![\\w/.-])(${DATE})(?![\\w]|[/.-]\\d)`, 'id');

export function findBirthDates(text: string): Finding[] {
  const out: Finding[] = [];
  // the cue is looked for only before the dates of the text (dob-dates.ts), not in all of it
  const digits = dateDigits(text);
  if (digits.length > 0) cuesNear(text, CUE, VALUE, DATE_BACK, digits, (s, e) => out.push(finding('date_of_birth', s, e, 'date-of-birth-cue')));
  return out;
}
