// Where numbers start, found in one character scan shared by the digit-driven detectors (address, phone, card, SSN,
// IPv4, wallets): each then runs its own regex sticky at those positions instead of scanning the whole text again,
// and only where the number is long enough to be what it looks for (a card needs 12 digits, a phone 6), so the many
// short numbers of code and logs cost a counter each, not a regex each.

import { sparseMarks } from './sparse-marks.ts';

const MAX_RUN = 40;

interface Scan {
  text: string;
  starts: Int32Array;
  /** digits in the number starting at starts[k], counting across single separators (" .-/()+") */
  digits: Uint8Array;
  count: number;
  /** per minimum digit count, the indexes k of the numbers that have it: most detectors want long numbers only */
  atLeast: Map<number, Int32Array>;
}

let last: Scan | null = null;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// A digit, '+' or '(' that follows no word character.
const START = /(?<![A-Za-z0-9_])[0-9+(]/g;
// space, '.', '-', '/', '(', ')', '+', no-break space: what phone, card and SSN numbers are grouped with
const isGroupSep = (c: number): boolean => c === 32 || c === 46 || c === 45 || c === 47 || c === 40 || c === 41 || c === 43 || c === 160;

/** START's matches, from the marks indexOf found (null where they are dense: the regex scan is cheaper). */
function sparseStarts(text: string): number[] | null {
  const marks = sparseMarks(text);
  if (marks === null) return null;
  const found: number[] = [];
  for (const at of marks) if (!isWordCode(text.charCodeAt(at - 1))) found.push(at);
  return found;
}

// START's look-behind class, [A-Za-z0-9_]; false for NaN, what charCodeAt reads before the start
const isWordCode = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) || c === 95;

function scan(text: string): Scan {
  if (last !== null && last.text === text) return last;
  let starts = new Int32Array(64);
  let digits = new Uint8Array(64);
  let count = 0;
  const sparse = sparseStarts(text);
  let next = 0;
  // Otherwise a regex finds the starts: it skips the text between them far faster than a loop over its characters.
  // test() rather than exec(): no match array per start, and a match is one character, so it starts at lastIndex - 1.
  START.lastIndex = 0;
  while (sparse === null ? START.test(text) : next < sparse.length) {
    const at = sparse === null ? START.lastIndex - 1 : (sparse[next++] as number);
    if (count === starts.length) {
      const s2 = new Int32Array(count * 2);
      s2.set(starts);
      starts = s2;
      const d2 = new Uint8Array(count * 2);
      d2.set(digits);
      digits = d2;
    }
    starts[count] = at;
    digits[count] = numberDigits(text, at);
    count++;
  }
  last = { text, starts, digits, count, atLeast: new Map() };
  return last;
}

function numberDigits(text: string, at: number): number {
  const end = Math.min(text.length, at + MAX_RUN);
  let d = 0;
  let seps = 0;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      d++;
      seps = 0;
    } else if (isGroupSep(c) && ++seps <= 3) continue;
    else break;
  }
  return d;
}

/** The most digits any number in `text` has (see eachNumberMatch): a detector needing more can skip the text. */
export function maxNumberDigits(text: string): number {
  const { digits, count } = scan(text);
  let max = 0;
  for (let k = 0; k < count; k++) if ((digits[k] ?? 0) > max) max = digits[k] ?? 0;
  return max;
}

/** Where each number of `text` with at least `minDigits` digits starts (a digit, '+' or '('), in text order. */
export function eachNumberStart(text: string, minDigits: number, fn: (at: number) => void): void {
  const numbers = scan(text);
  for (const k of withDigits(numbers, minDigits)) fn(numbers.starts[k] ?? 0);
}

const STICKY = new WeakMap<RegExp, RegExp>();

/**
 * Every match of `re` (global, never empty, and every match starting at a digit, '+' or '(' that follows no word
 * character: the regex must say so itself, with a look-behind), in the order and with the overlaps a global scan
 * gives, among numbers with at least `minDigits` digits (counted across single separators) and for which `gate`
 * (when given) holds at the start.
 */
export function eachNumberMatch(
  text: string,
  re: RegExp,
  found: (m: RegExpExecArray) => void,
  minDigits = 1,
  gate?: (text: string, at: number) => boolean,
): void {
  const numbers = scan(text);
  const { starts } = numbers;
  let sticky = STICKY.get(re);
  if (!sticky) {
    sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
    STICKY.set(re, sticky);
  }
  let resume = 0;
  for (const k of withDigits(numbers, minDigits)) {
    const p = starts[k] ?? 0;
    if (p < resume || (gate !== undefined && !gate(text, p))) continue;
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (!m) continue;
    found(m);
    resume = p + Math.max(1, m[0].length);
  }
}

function withDigits(numbers: Scan, minDigits: number): Int32Array {
  let ks = numbers.atLeast.get(minDigits);
  if (ks === undefined) {
    const { digits, count } = numbers;
    let n = 0;
    for (let k = 0; k < count; k++) if ((digits[k] ?? 0) >= minDigits) n++;
    ks = new Int32Array(n);
    n = 0;
    for (let k = 0; k < count; k++) if ((digits[k] ?? 0) >= minDigits) ks[n++] = k;
    numbers.atLeast.set(minDigits, ks);
  }
  return ks;
}
