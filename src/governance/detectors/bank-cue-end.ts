// Whether a number could be a bank value: its value regex allows only "[\s:#=-]{0,4}(?:is\s)?[\s:#=-]{0,3}" (at most
// 10 characters) between cue and digits, and every cue ends in one of a few letter pairs, '.' or '#'. Most numbers
// of a text fail this at once, so the cue regex never runs near them.

// The last two characters of every account and routing cue, lower-cased: (bank) account, no, number, num, acct,
// a/c, kontonummer, numéro de compte, número de cuenta, sort code, bsb; routing, aba, rtn.
const ENDS = ['nt', 'no', 'er', 'um', 'ct', '/c', 'te', 'ta', 'de', 'sb', 'ng', 'ba', 'tn'];
const PAIR = new Uint8Array(1 << 14);
for (const e of ENDS) PAIR[(e.charCodeAt(0) << 7) | e.charCodeAt(1)] = 1;

// What may stand between cue and value: \s (as JavaScript defines it), ':', '#', '=', '-', and the letters of "is".
function mayGap(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 58 || c === 35 || c === 61 || c === 45 || (c | 32) === 105 || (c | 32) === 115;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a cue (case-blind) can end at `at`: its last characters are "no." or "acct.", '#', or a listed pair. */
function cueEndsAt(text: string, at: number): boolean {
  if (at < 2) return false;
  const last = text.charCodeAt(at - 1);
  const prev = text.charCodeAt(at - 2) | 32;
  if (last === 35) return true; // '#'
  if (last === 46) return prev === 111 || prev === 116; // "no." and "acct."
  return last < 128 && prev < 128 && PAIR[(prev << 7) | (last | 32)] === 1;
}

/** Whether a cue could end within the 10 characters of gap before the number starting at `at`. */
export function precededByCueEnd(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 48 || c > 57) return false;
  for (let j = at; j >= at - 10; j--) {
    if (cueEndsAt(text, j)) return true;
    if (j === 0 || !mayGap(text.charCodeAt(j - 1))) return false;
  }
  return false;
}
