// Where an SSN, passport or driver-licence value could stand after its cue, found from the digits of a text without
// scanning it for the cues. Every such value holds a run of digits that starts either at a number (numbers.ts: a
// digit after no letter, digit or '_') of four digits or more, or right after a letter: the token's own capitals
// (X1234567, D1234-5678) or the cue's last letter when the value is glued to it ("ssn123456789"). A letter and four
// digits are read off the text's digits (sparse-marks.ts), or found with one regex where digits are dense; a look at
// each run's characters then keeps only those shaped like one of the values.
import { eachNumberStart } from './numbers.ts';
import { sparseMarks } from './sparse-marks.ts';

// How far before the first digit of its run a value's cue can end: an SSN starts at most 25 characters after its cue
// (and a glued one's second group 4 after its start); a passport token's digits follow up to two capitals, 30
// characters after the cue at most; a licence token starts 30 characters after the cue at most and its four digits
// start at most 16 characters into it.
export const SSN_BACK = 25;
export const PASSPORT_BACK = 32;
export const LICENCE_BACK = 46;

/** Digits, in text order, for each rule. */
export interface IdDigits {
  /** numbers of three digits and '-', ' ' or '.': where a 3-2-4 SSN can start */
  shaped: number[];
  ssn: number[];
  passport: number[];
  licence: number[];
}

const SSN_SHAPE = /\d{3}[- ]?\d{2}[- ]?\d{4}(?![\w-])/y;
const GLUED = /[A-Za-z]\d\d\d\d/g;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
// [\w-]: what may not stand right before or after a value
const isWordOrDash = (c: number): boolean => isDigit(c) || isLetter(c) || c === 95 || c === 45;

function ssnAt(text: string, at: number): boolean {
  SSN_SHAPE.lastIndex = at;
  return SSN_SHAPE.test(text);
}

/** The digits of a passport token: 6 to 9 closing it, or 7 or 8 and a capital. */
function passportDigits(text: string, at: number, run: number, afterLetter: boolean): boolean {
  const next = text.charCodeAt(at + run);
  if (run >= 6 && run <= 9 && !isWordOrDash(next)) return true;
  return afterLetter && (run === 7 || run === 8) && isUpper(next) && !isWordOrDash(text.charCodeAt(at + run + 1));
}

/** A licence token ([A-Z0-9-], at most 20 long, not ending in '-') holding these four digits runs on to its end. */
function licenceDigits(text: string, at: number, run: number, tokenStart: boolean): boolean {
  let j = at + run;
  for (let c = text.charCodeAt(j); j <= at + 20 && (isDigit(c) || isUpper(c) || c === 45); c = text.charCodeAt(++j));
  if (j > at + 20 || isWordOrDash(text.charCodeAt(j)) || text.charCodeAt(j - 1) === 45) return false;
  // a token is five characters at least; one that starts at these digits must reach that far from them
  return !tokenStart || j - at >= 5;
}

/** "ssn123-45-6789": a number after '-' or ' ' that is the second group of an SSN glued to a letter. */
function gluedSsnGroup(text: string, at: number): boolean {
  if (!isDigit(text.charCodeAt(at - 2)) || !isDigit(text.charCodeAt(at - 3)) || !isDigit(text.charCodeAt(at - 4))) return false;
  return isLetter(text.charCodeAt(at - 5)) && ssnAt(text, at - 4);
}

function atNumber(text: string, at: number, scan: IdDigits): void {
  let end = at + 1;
  while (isDigit(text.charCodeAt(end))) end++;
  const run = end - at;
  const next = text.charCodeAt(end);
  const prev = text.charCodeAt(at - 1);
  // the 3-2-4 SSN: three digits and '-', ' ' or '.'
  if (run === 3 && (next === 45 || next === 32 || next === 46)) scan.shaped.push(at);
  if ((prev === 45 || prev === 32) && isDigit(text.charCodeAt(at - 2)) && gluedSsnGroup(text, at)) scan.ssn.push(at);
  // a value starting here must follow its cue or skipped characters: never '-' (the values' look-behinds refuse it)
  // nor '\n' (no cue ends in it, and the values skip none)
  if (prev === 45 || prev === 10) {
    if (prev === 45 && run >= 4 && licenceDigits(text, at, run, false)) scan.licence.push(at);
    return;
  }
  if ((run === 3 || run === 5 || run === 9) && ssnAt(text, at)) scan.ssn.push(at);
  if (run >= 6 && run <= 9 && !isWordOrDash(next)) scan.passport.push(at);
  // a licence token holding these digits starts at them (a number follows no capital): five characters at least
  if (run >= 4 && (run >= 5 || isWordOrDash(next)) && licenceDigits(text, at, run, true)) scan.licence.push(at);
}

function afterLetter(text: string, at: number, scan: IdDigits): void {
  let end = at + 4;
  while (isDigit(text.charCodeAt(end))) end++;
  const run = end - at;
  // glued to the cue, an SSN follows its last letter: "ssn", "social security", "number", "no"
  const last = text.charCodeAt(at - 1) | 32;
  if ((run === 5 || run === 9) && (last === 110 || last === 121 || last === 114 || last === 111) && ssnAt(text, at)) scan.ssn.push(at);
  if (passportDigits(text, at, run, true)) scan.passport.push(at);
  if (licenceDigits(text, at, run, false)) scan.licence.push(at);
}

/**
 * Where GLUED's matches put their first digit, in text order. No match can start inside another (a match's letter
 * cannot be one of the previous match's digits), so they are every letter followed by four digits: read off the
 * digits indexOf found (sparse-marks.ts) instead of a scan of every character, unless digits are dense.
 */
export function gluedDigits(text: string): number[] {
  const glued: number[] = [];
  const marks = sparseMarks(text);
  if (marks === null) {
    GLUED.lastIndex = 0;
    while (GLUED.test(text)) glued.push(GLUED.lastIndex - 4);
    return glued;
  }
  for (const at of marks) {
    // a mark may be '+' or '(' too: the four characters from it must all be digits
    let four = isLetter(text.charCodeAt(at - 1));
    for (let k = 0; four && k < 4; k++) four = isDigit(text.charCodeAt(at + k));
    if (four) glued.push(at);
  }
  return glued;
}

/** The first digit of every run a value of each rule could hold. */
export function idDigits(text: string): IdDigits {
  const scan: IdDigits = { shaped: [], ssn: [], passport: [], licence: [] };
  const glued = gluedDigits(text);
  let g = 0;
  eachNumberStart(text, 4, (at) => {
    if (!isDigit(text.charCodeAt(at))) return;
    while (g < glued.length && (glued[g] ?? 0) < at) afterLetter(text, glued[g++] ?? 0, scan);
    atNumber(text, at, scan);
  });
  while (g < glued.length) afterLetter(text, glued[g++] ?? 0, scan);
  return scan;
}
