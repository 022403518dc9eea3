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
// The last two characters of every CUE alternative: CUE is anchored at the end, which the regex engine cannot use,
// so a lead is tested only when it ends like one.
const CUE_ENDS: ReadonlySet<string> = new Set(['mr', 'rs', 'ms', 'ss', 'dr', 'of', 'r.', 's.', 'f.', 'is', 'me', 'ed', 'ds', 's,', 'en', 'to', 'or']);
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

// A word that can be part of a name: not an everyday word, and starting with a letter, which among WORD's characters
// is anything but an apostrophe or a hyphen.
const plain = (w: Word): boolean => {
  const c = w.key.charCodeAt(0);
  return w.key.length >= 2 && c !== 39 && c !== 0x2019 && c !== 45 && !STOPWORDS.has(w.key) && !AMBIGUOUS.has(w.key);
};

export function findLowerCasePersons(text: string): Finding[] {
  if (/\p{Lu}/u.test(text)) return [];
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const key = POSSESSIVE.test(m[0]) ? m[0].slice(0, -2) : m[0];
    words.push({ key, start: m.index, end: m.index + key.length });
  }
  // Every word's plainness is asked for again and again below (as a name, a neighbour, a list item): once is enough.
  const plains = words.map(plain);
  const hit = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w || !plains[i]) continue;
    if (!cuedAt(text, w.start) && !(w.key.length >= 3 && GIVEN_NAMES.has(w.key))) continue;
    hit[i] = true;
    // "benjamin a seiler": an initial and a surname after the given name.
    const initial = words[i + 1]?.key.length === 1 && words[i + 1]?.key !== 'a' ? 1 : 0;
    const sur = words[i + 1 + initial];
    const gap = text.slice(w.end, sur?.start ?? w.end);
    if (sur && plains[i + 1 + initial] && /^[ \t]+(?:\p{Ll}[ \t]+)?$/u.test(gap)) {
      hit[i + 1 + initial] = true;
      if (initial) hit[i + 1] = true;
    }
  }
  middleInitials(words, plains, text, hit);
  growLists(text, words, plains, hit);
  repeats(words, hit);
  return spans(text, words, hit);
}

/** CUE on the 16 characters before `start`, when they end in spaces after a cue's last two characters. */
function cuedAt(text: string, start: number): boolean {
  const from = Math.max(0, start - 16);
  let q = start;
  while (q > from && (text.charCodeAt(q - 1) === 32 || text.charCodeAt(q - 1) === 9)) q--;
  if (q === start || q - from < 2 || !CUE_ENDS.has(text.slice(q - 2, q))) return false;
  return CUE.test(text.slice(from, start));
}

/** "the codey m ross version", "leidy t muris": word, consonant initial, word is the shape of a full name. */
function middleInitials(words: Word[], plains: boolean[], text: string, hit: boolean[]): void {
  for (let i = 1; i + 1 < words.length; i++) {
    const mid = words[i];
    const a = words[i - 1];
    const b = words[i + 1];
    if (!mid || !a || !b || mid.key.length !== 1 || !MIDDLE_INITIAL.test(mid.key) || a.key.length < 3 || b.key.length < 3 || !plains[i - 1] || !plains[i + 1]) continue;
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
function growLists(text: string, words: Word[], plains: boolean[], hit: boolean[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (hit[i] || !plains[i] || !w || w.key.length < 3) continue;
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
