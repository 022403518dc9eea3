// Where a text's digits, '+' and '(' are, found with indexOf: one pass per character at memory-search speed, where a
// regex or a loop for them reads every character (~70 µs per 32 KiB of prose on the bench's VM). Prose has few of
// them; the number scan (numbers.ts), the address cue scan (address.ts) and the glued national-id digits
// (national-id-anchors.ts) start from these positions. The last text's are kept, as one prompt's detectors ask in turn.

const MARKS = '0123456789+(';

/** More than one mark in this many characters counts as dense (code, logs, tables). */
const DENSE_EVERY = 128;

let lastText = '';
let lastMarks: readonly number[] | null = null;

/**
 * The positions of MARKS' characters in `text`, in order; null when they are dense, where each indexOf would find
 * little and a scan that reads every character is cheaper than sorting that many positions. Finding that out costs
 * at most text.length / DENSE_EVERY indexOf calls.
 */
export function sparseMarks(text: string): readonly number[] | null {
  if (text === lastText) return lastMarks;
  let room = Math.floor(text.length / DENSE_EVERY);
  let found: number[] | null = [];
  search: for (const ch of MARKS) {
    for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) {
      if (room-- === 0) {
        found = null;
        break search;
      }
      found.push(at);
    }
  }
  lastText = text;
  lastMarks = found === null ? null : found.sort((a, b) => a - b);
  return lastMarks;
}
