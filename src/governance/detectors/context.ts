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
  cue.lastIndex = 0;
  for (let c = cue.exec(text); c; c = cue.exec(text)) {
    const from = c.index + c[0].length;
    const m = value.exec(text.slice(from, from + 80));
    if (!m) continue;
    const span = m.indices?.[1] ?? [0, m[0].length];
    found(from + span[0], from + span[1], m);
  }
}
