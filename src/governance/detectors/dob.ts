// Dates of birth: a date counts only next to a birth cue; any other date is ordinary text.
import type { Finding } from '../types.ts';
import { afterCue } from './context.ts';
import { finding } from './finding.ts';
import { maxNumberDigits } from './numbers.ts';

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH},? \\d{4})`;
const CUE = /\b(?:born|birth|d\.?o\.?b\b|birthday|birthdate|geboren|geburtsdatum|né|née|nacido|nacida|data di nascita|date de naissance)/gi;
const VALUE = new RegExp(`^[^\\n]{0,30}?(?<![\\w/.-])(${DATE})(?![\\w]|[/.-]\\d)`, 'id');

export function findBirthDates(text: string): Finding[] {
  const out: Finding[] = [];
  // every date shape has a four-digit year or three numbers joined by separators: four digits at least
  if (maxNumberDigits(text) < 4) return out;
  afterCue(text, CUE, VALUE, (s, e) => out.push(finding('date_of_birth', s, e, 'date-of-birth-cue')));
  return out;
}
