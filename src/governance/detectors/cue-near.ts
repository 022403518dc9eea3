// A cue-driven detector spends most of its time scanning the whole text for its cue, yet the value it wants holds
// digits a few characters after the cue, and a cheap look at those digits (the shape of a date, an SSN, a token)
// rules out nearly every number of a text. So the detector names the digits that could end a value's window, and the
// cue regex runs on the stretches of text just before them alone: prose, code and logs are never scanned whole.

// Characters no cue match holds (cues are letters of any script, spaces and ". # / ' -"): a match never straddles
// the point just after one, so a scan started there finds what the whole-text scan finds from there on.
const BREAK = new Uint8Array(128);
for (let c = 0; c < 128; c++) BREAK[c] = /[A-Za-z .#/'-]/.test(String.fromCharCode(c)) ? 0 : 1;
const breaks = (c: number): boolean => c < 128 && BREAK[c] === 1;

type Found = (start: number, end: number, m: RegExpExecArray) => void;

/**
 * Two characters in a row (lower-case ASCII) of which every match of a cue holds one: a stretch without any holds no
 * cue, and a look at its characters is cheaper than running the regex on it (most stretches end at ordinary numbers).
 */
export function cuePairs(pairs: string[]): Uint8Array {
  const table = new Uint8Array(128 * 128);
  for (const p of pairs) table[p.charCodeAt(0) * 128 + p.charCodeAt(1)] = 1;
  return table;
}

/** Whether [from, to) holds one of the pairs: ASCII letters compared case-blind, as the cue's /i does (no u flag). */
function holdsPair(text: string, from: number, to: number, pairs: Uint8Array): boolean {
  let a = text.charCodeAt(from) | 32;
  for (let i = from + 1; i < to; i++) {
    const b = text.charCodeAt(i) | 32;
    if (a < 128 && b < 128 && pairs[a * 128 + b] === 1) return true;
    a = b;
  }
  return false;
}

/**
 * Makes the same calls, in the same order, as afterCue(text, cue, value, found) (context.ts) would for every cue match
 * that ends at most `back` characters before one of `digits` (offsets of digits, increasing), given that `cue`
 * (global, case-insensitive) matches only letters, spaces and ". # / ' -", never a digit. A detector passes a digit of
 * every value it could find, with a `back` reaching from it to the end of any cue that value could follow, so the cue
 * matches left out are those whose value cannot match. A cue that starts before the window is still found: the scan
 * of a stretch starts at a break character, and there is none inside a cue. The case-blind cue runs on the text
 * itself where afterCue runs it case-sensitively on the lower-cased text: the same matches (context.ts, eachCue).
 * `pairs` (cuePairs), when given, lets a stretch that holds none of them skip the regex.
 */
export function cuesNear(
  text: string,
  cue: RegExp,
  value: RegExp,
  back: number,
  digits: number[],
  found: Found,
  pairs?: Uint8Array,
): void {
  let done = 0; // cues before this offset are handled
  let lo = 0;
  let hi = -1; // the stretch [lo, hi) waiting to be scanned
  for (const digit of digits) {
    const from = digit - back;
    if (from > hi) {
      if (hi > lo) done = scan(text, cue, value, Math.max(lo, done), hi, done, found, pairs);
      lo = from;
    }
    // the digit ends the stretch: no cue holds it, and a cue's closing \b must see it
    hi = digit + 1;
  }
  if (hi > lo) scan(text, cue, value, Math.max(lo, done), hi, done, found, pairs);
}

function scan(
  text: string,
  cue: RegExp,
  value: RegExp,
  lo: number,
  hi: number,
  done: number,
  found: Found,
  pairs: Uint8Array | undefined,
): number {
  let q = lo;
  while (q > done && !breaks(text.charCodeAt(q - 1))) q--;
  if (pairs !== undefined && !holdsPair(text, q, hi, pairs)) return hi;
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
