// Names in prompts typed all in lower case ("eva kleist lives at …", "follow up with monika novak"): capitalisation
// says nothing there, so a given name from the lexicon is the anchor, the next word joins it as a surname unless
// it is an everyday word, and a title or "my name is" announces a name of any kind. Runs only on texts without
// any capital letter, so ordinary prompts pay one test.
import type { Finding } from '../types.ts';
import { finding } from './finding.ts';
import { GIVEN_NAMES } from './person-lexicon.ts';
import { AMBIGUOUS, STOPWORDS } from './person-stopwords.ts';

const WORD = /[\p{Ll}'’-]+/gu;
const CUE = /(?:\b(?:mr|mrs|ms|miss|dr|prof)\.?|\bname is|\bcall me|\bnamed|\bsigned|\bregards,?|\bhad given|\bspeak to|\btalk to|\bask for)[ \t]+$/u;
// A middle initial that English prose does not use as a word: not "a", "i", "o", nor "s", "x" or "e" (possessive,
// "times", "e g").
const MIDDLE_INITIAL = /^[bcdfghjklmnpqrtvwyz]$/;
const LIST_GAP = /^(?:,[ \t]*|,?[ \t]+(?:and|or|&)[ \t]+)$/;
const POSSESSIVE = /['’]s$/;

interface Word {
  key: string;
  start: number;
  end: number;
}

const plain = (w: Word | undefined): boolean =>
  w !== undefined && w.key.length >= 2 && !STOPWORDS.has(w.key) && !AMBIGUOUS.has(w.key) && /^\p{L}/u.test(w.key);

export function findLowerCasePersons(text: string): Finding[] {
  if (/\p{Lu}/u.test(text)) return [];
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = m[0].replace(POSSESSIVE, '');
    words.push({ key, start: m.index, end: m.index + key.length });
  }
  const hit = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w || !plain(w)) continue;
    const cued = CUE.test(text.slice(Math.max(0, w.start - 16), w.start));
    if (!cued && !(w.key.length >= 3 && GIVEN_NAMES.has(w.key))) continue;
    hit[i] = true;
    // "benjamin a seiler": an initial and a surname after the given name.
    const initial = words[i + 1]?.key.length === 1 && words[i + 1]?.key !== 'a' ? 1 : 0;
    const sur = words[i + 1 + initial];
    const gap = text.slice(w.end, sur?.start ?? w.end);
    if (sur && plain(sur) && /^[ \t]+(?:\p{Ll}[ \t]+)?$/u.test(gap)) {
      hit[i + 1 + initial] = true;
      if (initial) hit[i + 1] = true;
    }
  }
  middleInitials(words, text, hit);
  growLists(text, words, hit);
  repeats(words, hit);
  return spans(text, words, hit);
}

/** "the codey m ross version", "leidy t muris": word, consonant initial, word is the shape of a full name. */
function middleInitials(words: Word[], text: string, hit: boolean[]): void {
  for (let i = 1; i + 1 < words.length; i++) {
    const mid = words[i];
    const a = words[i - 1];
    const b = words[i + 1];
    if (!mid || !a || !b || !MIDDLE_INITIAL.test(mid.key) || a.key.length < 3 || b.key.length < 3 || !plain(a) || !plain(b)) continue;
    if (text.slice(a.end, mid.start) !== ' ' || text.slice(mid.end, b.start) !== ' ') continue;
    hit[i - 1] = hit[i] = hit[i + 1] = true;
  }
}

/** "cormac had given cormac his address": a word once taken for a name is a name where it recurs. */
function repeats(words: Word[], hit: boolean[]): void {
  const names = new Set<string>();
  words.forEach((w, i) => {
    if (hit[i] && w.key.length >= 3) names.add(w.key);
  });
  if (names.size === 0) return;
  words.forEach((w, i) => {
    if (!hit[i] && names.has(w.key)) hit[i] = true;
  });
}

/** "they had 3: ada, leonti and brian": words listed next to found names are names too. */
function growLists(text: string, words: Word[], hit: boolean[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (hit[i] || !plain(w) || !w || w.key.length < 3) continue;
      const prev = words[i - 1];
      const next = words[i + 1];
      const nearPrev = hit[i - 1] && prev && LIST_GAP.test(text.slice(prev.end, w.start));
      const nearNext = hit[i + 1] && next && LIST_GAP.test(text.slice(w.end, next.start));
      if (nearPrev || nearNext) hit[i] = true;
    }
  }
}

function spans(text: string, words: Word[], hit: boolean[]): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i];
    if (!hit[i] || !first) continue;
    let j = i;
    while (hit[j + 1] && /^[ \t]{1,2}$/.test(text.slice(words[j]?.end ?? 0, words[j + 1]?.start ?? 0))) j++;
    out.push(finding('person', first.start, words[j]?.end ?? first.end, 'person-lowercase'));
    i = j;
  }
  return out;
}
