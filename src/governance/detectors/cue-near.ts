// A cue-driven detector spends most of its time scanning the whole text for its cue, yet when the value it wants
// holds a long number a few characters after the cue, only the stretches of text ending at such a number can hold a
// cue that matters. So the cue regex runs on those stretches alone, found in the shared number scan: prose and code
// without long numbers are never scanned for the cue at all.
import { eachNumberStart } from './numbers.ts';

export interface Near {
  /** the value holds a number (see numbers.ts) of at least this many digits... */
  minDigits: number;
  /** ...starting at most this many characters after the cue's start */
  within: number;
}

// Characters no cue match holds (cues are letters, spaces and ". # / ' -"): a match never straddles the point just
// after one, so a scan started there finds what the whole-text scan finds from there on.
const BREAK = new Uint8Array(128);
for (let c = 0; c < 128; c++) BREAK[c] = /[A-Za-z .#/'-]/.test(String.fromCharCode(c)) ? 0 : 1;
const breaks = (c: number): boolean => c < 128 && BREAK[c] === 1;

/**
 * The same calls, in the same order, as afterCue(text, cue, value, found) (context.ts), given that `cue` matches only
 * letters, spaces and ". # / ' -" and ends in \b, and that every match of `value` holds a number start (numbers.ts: a
 * digit after no letter, digit or '_') with `near.minDigits` digits or more, at most `near.within` characters after
 * the cue's start. The closing \b is what lets a number right after the cue count: it cannot follow a letter.
 */
export function afterCueNear(
  text: string,
  cue: RegExp,
  value: RegExp,
  near: Near,
  found: (start: number, end: number, m: RegExpExecArray) => void,
): void {
  let done = 0; // cues before this offset are handled
  let lo = 0;
  let hi = -1; // the stretch [lo, hi) waiting to be scanned
  eachNumberStart(text, near.minDigits, (at) => {
    const c = text.charCodeAt(at);
    if (c < 48 || c > 57) return;
    const from = at - near.within;
    if (from > hi) {
      if (hi > lo) done = scan(text, cue, value, Math.max(lo, done), hi, done, found);
      lo = from;
    }
    // the number's first digit ends the stretch: no cue holds a digit, and a cue's closing \b must see it
    hi = at + 1;
  });
  if (hi > lo) scan(text, cue, value, Math.max(lo, done), hi, done, found);
}

function scan(
  text: string,
  cue: RegExp,
  value: RegExp,
  lo: number,
  hi: number,
  done: number,
  found: (start: number, end: number, m: RegExpExecArray) => void,
): number {
  let q = lo;
  while (q > done && !breaks(text.charCodeAt(q - 1))) q--;
  // one character of look-behind for the cue's leading \b (that character never starts a cue)
  const base = q > 0 ? q - 1 : 0;
  const part = text.slice(base, hi);
  cue.lastIndex = 0;
  for (let c = cue.exec(part); c; c = cue.exec(part)) {
    const from = base + c.index + c[0].length;
    const m = value.exec(text.slice(from, from + 80));
    if (!m) continue;
    const span = m.indices?.[1] ?? [0, m[0].length];
    found(from + span[0], from + span[1], m);
  }
  return hi;
}
