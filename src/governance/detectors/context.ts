// Reads the words around a candidate: most validators need "is there a cue like 'SSN' or 'passport' just before it".

/** The `width` characters before `start`, lower-cased. */
export function before(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}

/** The `width` characters after `end`, lower-cased. */
export function after(text: string, end: number, width: number): string {
  return text.slice(end, end + width).toLowerCase();
}

const WORD = /[\p{L}\p{N}_]/u;

/** True when the character at `i` is a letter, digit or underscore (out of range counts as not). */
export function isWordChar(text: string, i: number): boolean {
  const c = text[i];
  return c !== undefined && WORD.test(c);
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** For each cue, matches `value` (anchored, with the `d` flag; group 1 is the value) on the 80 characters after it: cue-driven
 * detectors cost one scan for the cue, not one per value shape. */
export function afterCue(
  text: string,
  cue: RegExp,
  value: RegExp,
  found: (start: number, end: number, m: RegExpExecArray) => void,
): void {
  eachCue(text, cue, (at, length) => {
    const from = at + length;
    const m = value.exec(text.slice(from, from + 80));
    if (!m) return;
    const span = m.indices?.[1] ?? [0, m[0].length];
    found(from + span[0], from + span[1], m);
  });
}

let lastText = '';
let lastLower: string | null = '';

/** `text` lower-cased, once per text (the cue scans of one prompt share it); null when lower-casing would move offsets
 * (a length change) or a character case-folds onto ASCII ('ſ', the Kelvin sign), so a case-blind match could differ. */
export function lowerOf(text: string): string | null {
  if (text !== lastText) {
    const lower = text.toLowerCase();
    lastText = text;
    lastLower = lower.length === text.length && !text.includes('\u017f') && !text.includes('\u212a') ? lower : null;
  }
  return lastLower;
}

const CASED = new WeakMap<RegExp, RegExp>();

/**
 * Every match of `cue` (global, case-insensitive, lower-case literals only) in `text`, as offset and length. The scan
 * runs case-sensitively over the lower-cased text when that keeps offsets: the same matches, found about twice as
 * fast. `found` may return where the scan resumes.
 */
export function eachCue(text: string, cue: RegExp, found: (at: number, length: number) => number | void): void {
  const { re, subject } = cased(text, cue);
  re.lastIndex = 0;
  for (let c = re.exec(subject); c; c = re.exec(subject)) {
    const next = found(c.index, c[0].length);
    if (typeof next === 'number') re.lastIndex = next;
  }
}

/**
 * eachCue over the stretches [start, end) of `text` only (in text order, not overlapping). The caller vouches that
 * this finds what the whole scan would in them: no match of `cue` starts inside another (so where a scan starts does
 * not change what it finds), it has no look-behind or anchor, and no match crosses a stretch's end.
 */
export function eachCueWithin(text: string, cue: RegExp, stretches: ReadonlyArray<readonly [number, number]>, found: (at: number, length: number) => void): void {
  const { re, subject } = cased(text, cue);
  for (const [start, end] of stretches) {
    const part = subject.slice(start, end);
    re.lastIndex = 0;
    for (let c = re.exec(part); c; c = re.exec(part)) found(start + c.index, c[0].length);
  }
}

function cased(text: string, cue: RegExp): { re: RegExp; subject: string } {
  const lower = lowerOf(text);
  if (lower === null) return { re: cue, subject: text };
  let re = CASED.get(cue);
  if (re === undefined) {
    re = new RegExp(cue.source, cue.flags.replace('i', ''));
    CASED.set(cue, re);
  }
  return { re, subject: lower };
}
