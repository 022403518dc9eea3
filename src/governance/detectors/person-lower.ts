// Names in prompts typed all in lower case ("eva kleist lives at …", "follow up with monika novak"): capitalisation
// says nothing there, so a given name from the lexicon is the anchor, the next word joins it as a surname unless
// it is an everyday word, and a title or "my name is" announces a name of any kind. Runs only on texts without
// any capital letter, so ordinary prompts pay one test; on the others, work beyond one scan is spent only near the
// few words the scan lets through (person-lower-scan.ts).
import type { Finding } from '../types.ts';
import { finding } from './finding.ts';
import { GIVEN_NAMES } from './person-lexicon.ts';
import { cuedAt, scanLower, type Scan } from './person-lower-scan.ts';
import { AMBIGUOUS, STOPWORDS } from './person-stopwords.ts';

const LIST_GAP = /^(?:,[ \t]*|,?[ \t]+(?:and|or|&)[ \t]+)$/;
const SURNAME_GAP = /^[ \t]+(?:\p{Ll}[ \t]+)?$/u;
const NEAR = /^[ \t]{1,2}$/;
const CAPITAL = /\p{Lu}/u;

/** The words of one text, with what the phases below mark on them. */
class Words {
  readonly hit: Uint8Array;
  /** Words marked so far, in the order marked. */
  readonly hits: number[] = [];
  private readonly plains = new Map<number, boolean>();
  constructor(
    readonly text: string,
    readonly scan: Scan,
  ) {
    this.hit = new Uint8Array(scan.count);
  }
  start(i: number): number {
    return this.scan.starts[i] ?? 0;
  }
  end(i: number): number {
    return this.scan.ends[i] ?? 0;
  }
  length(i: number): number {
    return this.end(i) - this.start(i);
  }
  key(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }
  /** What lies between word i's key and word j. */
  gap(i: number, j: number): string {
    return this.text.slice(this.end(i), this.start(j));
  }
  /**
   * A word that can be part of a name: not an everyday word, and starting with a letter, which among WORD's
   * characters is anything but an apostrophe or a hyphen.
   */
  plain(i: number): boolean {
    let plain = this.plains.get(i);
    if (plain === undefined) {
      const c = this.text.charCodeAt(this.start(i));
      const key = this.key(i);
      plain = key.length >= 2 && c !== 39 && c !== 0x2019 && c !== 45 && !STOPWORDS.has(key) && !AMBIGUOUS.has(key);
      this.plains.set(i, plain);
    }
    return plain;
  }
  mark(i: number): void {
    if (this.hit[i] === 1) return;
    this.hit[i] = 1;
    this.hits.push(i);
  }
}

/** The names in a text without a capital letter, or null when it has one (then the capitalised runs are the names). */
export function findLowerCasePersons(text: string): Finding[] | null {
  // The scan stops at a capital too, but most texts show one early: they are spared the scan's copy of the text.
  if (CAPITAL.test(text.length > 256 ? text.slice(0, 256) : text)) return null;
  const scan = scanLower(text);
  if (!scan) return null;
  if (scan.anchors.length === 0 && scan.initials.length === 0) return [];
  const words = new Words(text, scan);
  anchors(words);
  middleInitials(words);
  if (words.hits.length === 0) return [];
  growLists(words);
  repeats(words);
  return spans(words);
}

/** A cued or lexicon given name, with the surname (and initial) after it: "benjamin a seiler". */
function anchors(words: Words): void {
  const { count } = words.scan;
  for (const i of words.scan.anchors) {
    if (!words.plain(i)) continue;
    if (!(words.length(i) >= 3 && GIVEN_NAMES.has(words.key(i))) && !cuedAt(words.text, words.start(i))) continue;
    words.mark(i);
    const initial = i + 1 < count && words.length(i + 1) === 1 && words.text.charCodeAt(words.start(i + 1)) !== 97 ? 1 : 0;
    const sur = i + 1 + initial;
    if (sur < count && words.plain(sur) && (words.gap(i, sur) === ' ' || SURNAME_GAP.test(words.gap(i, sur)))) {
      words.mark(sur);
      if (initial) words.mark(i + 1);
    }
  }
}

/** "the codey m ross version", "leidy t muris": word, consonant initial, word is the shape of a full name. */
function middleInitials(words: Words): void {
  const { count } = words.scan;
  for (const i of words.scan.initials) {
    if (i < 1 || i + 1 >= count || words.length(i - 1) < 3 || words.length(i + 1) < 3) continue;
    if (!words.plain(i - 1) || !words.plain(i + 1) || words.gap(i - 1, i) !== ' ' || words.gap(i, i + 1) !== ' ') continue;
    words.mark(i - 1);
    words.mark(i);
    words.mark(i + 1);
  }
}

/**
 * "they had 3: ada, leonti and brian": words listed next to found names are names too. Two left-to-right passes;
 * a pass can only change a word next to a name, and a word it takes makes its right neighbour one in the same pass.
 */
function growLists(words: Words): void {
  const { count } = words.scan;
  const { hit } = words;
  // Words a and b are listed, and `name` (one of them) is taken. LIST_GAP starts with a comma, or with a blank and
  // then holds "and", "or" or "&": most gaps fail on their first character or their length, without a slice.
  const listed = (a: number, b: number, name: number): boolean => {
    if (hit[name] === 0) return false;
    const c = words.text.charCodeAt(words.end(a));
    return (c === 44 || ((c === 32 || c === 9) && words.start(b) - words.end(a) >= 3)) && LIST_GAP.test(words.gap(a, b));
  };
  const takes = (i: number): boolean => {
    if (i < 0 || i >= count || hit[i] === 1 || words.length(i) < 3) return false;
    return ((i > 0 && listed(i - 1, i, i - 1)) || (i + 1 < count && listed(i, i + 1, i + 1))) && words.plain(i);
  };
  for (let pass = 0; pass < 2; pass++) {
    let done = -1;
    // walks right from i while words are taken, never over a word this pass has seen
    const visit = (i: number): void => {
      while (i > done) {
        done = i;
        if (takes(i)) words.mark(i++);
      }
    };
    for (const h of Int32Array.from(words.hits).sort()) {
      visit(h - 1);
      visit(h + 1);
    }
  }
}

/** "cormac had given cormac his address": a word once taken for a name is a name where it recurs. */
function repeats(words: Words): void {
  const { count, keys } = words.scan;
  const all = keys.subarray(0, count);
  const names = new Set<string>();
  for (const i of [...words.hits]) {
    const name = words.key(i);
    // Where a given name recurs, the scan offered it as an anchor and it was taken.
    if (name.length < 3 || names.has(name) || GIVEN_NAMES.has(name)) continue;
    names.add(name);
    const key = keys[i] ?? 0;
    for (let j = all.indexOf(key); j >= 0; j = all.indexOf(key, j + 1)) if (words.key(j) === name) words.mark(j);
  }
}

function spans(words: Words): Finding[] {
  const out: Finding[] = [];
  const { hit } = words;
  const hits = words.hits.sort((a, b) => a - b);
  for (let k = 0; k < hits.length; k++) {
    const i = hits[k] ?? 0;
    let j = i;
    while (hit[j + 1] === 1 && (words.gap(j, j + 1) === ' ' || NEAR.test(words.gap(j, j + 1)))) {
      j++;
      k++;
    }
    out.push(finding('person', words.start(i), words.end(j), 'person-lowercase'));
  }
  return out;
}
