// Where a birth date could stand, found without scanning the text for the cue: a digit of every date shape, from
// which the cue must end at most DATE_BACK characters back. Every date has one:
// - a numeric date (1/2/34, 1987-01-02) after a space, a colon, a quote or 'né' starts at a number (numbers.ts) of
//   four digits or more;
// - a date with a month name ("May 3, 1987", "3rd of May 1987") ends in a four-digit year, a number after a space;
// - a numeric date glued to a cue's last letter ("born1/2/34") is a letter, a digit and five of [0-9/.-], which one
//   regex finds at speed: its fixed length lets the engine skip ahead.
// A cheap look at the characters and a sticky regex then rule out the rest (times, versions, ids, phone numbers).
import { eachNumberStart } from './numbers.ts';

export const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// The numeric shapes of the date regex (dob.ts), with its closing look-ahead.
const NUMERIC = /(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?![\w]|[/.-]\d)/y;
// A year that ends one of the month-name shapes (the look-behind reads at most 20 characters).
const YEAR = new RegExp(
  `(?<=(?:${MONTH} \\d{1,2}(?:st|nd|rd|th)?,?|\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH},?) )\\d{4}(?![\\w]|[/.-]\\d)`,
  'iy',
);
// The shortest numeric dates (1/2/34, 1987-1-1) glued to a letter; written out, as {5} would keep the engine from
// skipping ahead.
const GLUED = /[A-Za-z]\d[\d/.-][\d/.-][\d/.-][\d/.-][\d/.-]/g;

/** How far before the digit a cue can end: the value skips up to 30 characters to its date, and a year stands at most
 * 20 characters into it ("30th of September., 1987"). */
export const DATE_BACK = 30 + 20;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSep = (c: number): boolean => c === 47 || c === 46 || c === 45; // '/', '.', '-'
const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isWord = (c: number): boolean => isDigit(c) || isLetter(c) || c === 95;

function numericAt(text: string, at: number): boolean {
  NUMERIC.lastIndex = at;
  return NUMERIC.test(text);
}

/** A year ending a month-name date: four digits after a space that follows a day, its suffix, a month or ','. */
function yearAt(text: string, at: number): boolean {
  if (!isDigit(text.charCodeAt(at + 2)) || !isDigit(text.charCodeAt(at + 3))) return false;
  const next = text.charCodeAt(at + 4);
  if (isWord(next) || (isSep(next) && isDigit(text.charCodeAt(at + 5)))) return false;
  const before = text.charCodeAt(at - 2);
  if (isDigit(before) && !afterMonth(text, at - 2)) return false;
  if (!(isDigit(before) || isLetter(before) || before === 44 || before === 46)) return false;
  YEAR.lastIndex = at;
  return YEAR.test(text);
}

/** A day ending at `end` ("May 3 1987") is one or two digits after a space after a month's last letter or '.'. */
function afterMonth(text: string, end: number): boolean {
  const space = isDigit(text.charCodeAt(end - 1)) ? end - 2 : end - 1;
  const c = text.charCodeAt(space - 1);
  return text.charCodeAt(space) === 32 && (isLetter(c) || c === 46);
}

/** A number of four digits or more that a date starts at or ends in. */
function dateAtNumber(text: string, at: number): boolean {
  const prev = text.charCodeAt(at - 1);
  const c1 = text.charCodeAt(at + 1);
  const c2 = text.charCodeAt(at + 2);
  // [/.-] before the date fails its look-behind; so does '\n' (no cue ends in it, and the value skips none)
  if (isSep(c1) || isSep(c2) || text.charCodeAt(at + 4) === 45) {
    if (!isSep(prev) && prev !== 10 && numericAt(text, at)) return true;
  }
  return prev === 32 && isDigit(c1) && yearAt(text, at);
}

/**
 * A digit of every date shape of `text` (and of a few more), in text order; none, as the whole-text scan found none,
 * when no number of the text has four digits (every date holds one unless glued to its cue).
 */
export function dateDigits(text: string): number[] {
  const dates: number[] = [];
  let numbers = 0;
  eachNumberStart(text, 4, (at) => {
    numbers++;
    if (isDigit(text.charCodeAt(at)) && dateAtNumber(text, at)) dates.push(at);
  });
  if (numbers === 0) return dates;
  const glued: number[] = [];
  GLUED.lastIndex = 0;
  while (GLUED.test(text)) {
    const at = GLUED.lastIndex - 6;
    if (numericAt(text, at)) glued.push(at);
  }
  // a glued date follows a letter, a number does not: no digit comes twice
  return glued.length === 0 ? dates : [...dates, ...glued].sort((a, b) => a - b);
}
