// Person names. Only capitalised word runs are examined (one regex pass); each run is split at everyday words and
// judged by a given-name / surname lexicon, surname endings common across Europe, and cues around it ("my name
// is", "Mr.", "Dear", "X said", "X's", a dialogue "X:"). Lower-case names count only after a strong cue.
import type { Finding } from '../types.ts';
import { COUNTRIES } from './address-words.ts';
import { GIVEN_NAMES, SURNAME_SET } from './person-lexicon.ts';
import { findLowerCasePersons } from './person-lower.ts';
import { AMBIGUOUS, STOPWORDS, TITLES } from './person-stopwords.ts';
import { finding } from './finding.ts';

const NAME = "\\p{Lu}\\p{Ll}+(?:-\\p{Lu}?\\p{Ll}+|['’]\\p{Lu}\\p{Ll}+)*";
const LINK = '(?:\\p{Lu}\\.?|van|von|de|der|den|da|di|du|del|della|la|le|ten|ter|bin|al|dos|das|do|y|zu|af)';
// One capitalised everyday word that RUN would return alone ("The", "Could"): most runs in prose. RUN rejects it
// itself, which costs less than returning each match to be looked up, when nothing follows that could lengthen the
// run (a letter, digit, "_", "@", apostrophe or hyphen, or spaces and a further name). What it lets through ("Let's",
// a capital beyond ASCII) is still settled by the lookup in loneWordKind.
const CAPITALISED_STOPWORDS = [...STOPWORDS].filter((w) => /^[a-z]+$/.test(w)).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
const LONE_STOPWORD = `(?:${CAPITALISED_STOPWORDS.join('|')})(?![\\p{L}\\p{N}_@'’-]|[ \\t]+(?:${LINK}[ \\t]+)*\\p{Lu}\\p{Ll})`;
// A run (group 1) starts the text or follows a character that is no part of a word, path or address. That character
// is consumed rather than looked behind at, which V8 scans faster.
const RUN = new RegExp(`(?:^|[^\\p{L}\\p{N}_@./\\\\-])((?!${LONE_STOPWORD})${NAME}(?:[ \\t]+(?:${LINK}[ \\t]+)*${NAME})*(?![\\p{L}\\p{N}_@-]))`, 'gu');
const TOKEN = new RegExp(`${NAME}|${LINK}`, 'gu');
const SURNAME_END = /(?:sen|s+on|ov|ev|nen|ová|ova|eva|ski|ska|sky|cki|cka|wicz|czyk|czak|enko|escu|poulos|akis|idis|ović|ovic|ević|evic|ić|dóttir|dottir|ainen|inen|oglu|oğlu|yan|shvili|ström|strom|qvist|quist|berg|stein|mann|ez|elli|etti|ucci|ini)$/;
// Cues that announce a name even when the word is in no lexicon ("My name is Rubija", "last name? Magnusson").
const STRONG_CUE = /(?:my name is|name is|name's|names are|named|call me|i am|i'm|this is|under (?:my |the )?(?:\w+'s )?name|signed|regards|sincerely|attn|name\s*[:?]|user\s*:|speak to|spoke to|talk to|ask for|directed by\s*:?|written by|produced by|sung by|performed by|hi|hello|hey|dear|thanks|thank you|said|says|asked|told|replied|named (?:him|her|it|them)|had given|assistant to|(?:wife|husband|son|daughter|mother|father|brother|sister|friend) of)[\s,:]*$/i;
const LIST_GAP = /^(?:,\s*|,?\s+(?:and|or|&)\s+)$/;
// ", Graves and Reed", ", Anna, Tom": what follows the first comma of a list
const LIST_GOES_ON = /^,\s*\p{Lu}[\p{L}'’-]*(?:,|\s+(?:and|or|&)\s)/u;
const AFTER_CUE = /^(?:['’]s\b|,? (?:said|says|asked|told|replied|shouted|explained|wrote|lives|lived|will|was|is|has|had|and \p{Lu}|who|from|spent|flew|moved|called|invested|listed|recorded|began|started|joined|founded|married|died)\b)/u;
// What only a person does: enough for an unknown word opening a sentence ("Zoolander is a film" is not enough).
const HUMAN_AFTER = /^(?:['’]s\b| is from \p{Lu}|,? (?:said|says|asked|told|replied|shouted|explained|wrote|lives|lived|who|spent|flew|moved|called|began|started|joined|founded|married|died)\b|, (?:can|could|would|will|do|did|are|have) (?:[Ii]|you|we)\b)/u;
const PLAIN_END = /(?:ly|ing|ed|person|ness|ment|tion|ity|ism|ship)$/;

interface Span {
  start: number;
  end: number;
}

/** A word's text and its key into the lexicons (lower case, accents folded). */
interface Word {
  text: string;
  key: string;
}

interface Token extends Span, Word {}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
const fold = (s: string): string => (isAscii(s) ? s.toLowerCase() : s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));

export function findPersons(text: string): Finding[] {
  // A text without a capital letter has no capitalised run: the lower-case scan, which proves that, is all it needs.
  const lower = findLowerCasePersons(text);
  if (lower !== null) return lower;
  const out: Finding[] = [];
  const pending: Span[] = [];
  // A word recurs in a text ("Promise" all through a TypeScript file): the lexicons are asked once per word.
  const kinds = new Map<string, Kind>();
  RUN.lastIndex = 0;
  for (let run = RUN.exec(text); run; run = RUN.exec(text)) {
    const w = run[1] ?? '';
    const start = run.index + run[0].length - w.length;
    // A run without a space is one NAME, judged without tokens: TOKEN would give it back whole.
    if (!w.includes(' ') && !w.includes('\t')) {
      let kind = kinds.get(w);
      if (kind === undefined) kinds.set(w, (kind = loneWordKind(w)));
      judgeName(text, start, start + w.length, kind, out, pending);
      continue;
    }
    const tokens: Token[] = [];
    TOKEN.lastIndex = 0;
    for (let t = TOKEN.exec(w); t; t = TOKEN.exec(w)) tokens.push(token(t[0], start + t.index));
    for (const chunk of splitAtStopwords(tokens)) judge(text, chunk, out, pending);
  }
  joinLists(text, out, pending);
  if (out.length > 0) repeatMentions(text, out);
  return out;
}

/**
 * What the lexicons say of a name token, whatever surrounds it: a country or an everyday word is no name ('skip'),
 * an 'ambiguous' one needs a strong cue, a 'given' name is enough alone, a 'known' surname needs a weaker cue.
 */
type Kind = 'skip' | 'ambiguous' | 'given' | 'known' | 'unknown';

function kindOf(t: Word): Kind {
  if (COUNTRIES.has(t.key)) return 'skip';
  if (AMBIGUOUS.has(t.key)) return 'ambiguous';
  if (GIVEN_NAMES.has(t.key)) return 'given';
  return known(t) ? 'known' : 'unknown';
}

/** A run of one word, the commonest kind: splitAtStopwords' and judge's verdict without their arrays. */
function loneWordKind(w: string): Kind {
  const word: Word = { text: w, key: fold(w) };
  // Two letters make an initial or a particle, which trimLinks drops.
  if (w.length <= 2 || STOPWORDS.has(w.toLowerCase()) || STOPWORDS.has(word.key) || everyday(word)) return 'skip';
  return kindOf(word);
}

function token(word: string, start: number): Token {
  return { text: word, key: fold(word.endsWith('.') ? word.slice(0, -1) : word), start, end: start + word.length };
}

/** "They had 6: Gaetane, Hannah and Derek": an unknown word listed with accepted names is a name too. */
function joinLists(text: string, out: Finding[], pending: Span[]): void {
  let grew = true;
  while (grew && pending.length > 0) {
    grew = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const t = pending[i];
      if (!t) continue;
      // "Later, Marchetti agreed": a word opening a sentence before a comma is a discourse word, not a list item.
      if (text.charCodeAt(t.end) === 44 && sentenceStart(text, t.start) && !LIST_GOES_ON.test(text.slice(t.end, t.end + 60))) continue;
      if (!listedNextTo(text, t, out)) continue;
      out.push(finding('person', t.start, t.end, 'person-list'));
      pending.splice(i, 1);
      grew = true;
    }
  }
}

// The ASCII characters LIST_GAP can match: ", ", " and ", " & " between two names.
const GAP_CHAR = new Uint8Array(128);
for (const c of ',&andor \t\n\v\f\r') GAP_CHAR[c.charCodeAt(0)] = 1;
const mayGap = (c: number): boolean => c >= 128 || GAP_CHAR[c] === 1;

/**
 * Whether a finding is listed next to t (LIST_GAP between them). A gap holds no ASCII character outside GAP_CHAR, so
 * only findings within the stretch of such characters around t are tried: most pending words have none there.
 */
function listedNextTo(text: string, t: Span, out: Finding[]): boolean {
  let right = t.end;
  while (right < text.length && mayGap(text.charCodeAt(right))) right++;
  let left = t.start;
  while (left > 0 && mayGap(text.charCodeAt(left - 1))) left--;
  for (const f of out) {
    if (f.start >= t.end && f.start <= right && listGap(text, t.end, f.start)) return true;
    if (f.end <= t.start && f.end >= left && listGap(text, f.end, t.start)) return true;
  }
  return false;
}

/** LIST_GAP over text[from, to), without slicing the text between two far-apart names to learn that. */
function listGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!mayGap(text.charCodeAt(i))) return false;
  return LIST_GAP.test(text.slice(from, to));
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** WORD_CHAR on the code unit at i (none out of range), by its code below 128. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  return c === c && WORD_CHAR.test(String.fromCharCode(c));
}

/** Whether text[from, to) may hold a \s: a character up to a space, or any beyond ASCII. */
function mayHoldSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 128) return true;
  }
  return false;
}

/**
 * "Pinabel Marcil's Cautionary Tales … early Marcil": a word of a multi-word name found elsewhere in the text names
 * the same person where it recurs, even when it alone would be an everyday word.
 */
function repeatMentions(text: string, out: Finding[]): void {
  const parts = new Set<string>();
  for (const f of out) {
    // split(/\s+/) gives one word back unless a blank (or a space beyond ASCII) is there to split at
    if (!mayHoldSpace(text, f.start, f.end)) continue;
    const value = text.slice(f.start, f.end);
    const words = value.split(/\s+/);
    if (words.length < 2) continue;
    // The surname is kept even when it is an everyday word ("Key"); other everyday words and initials are not.
    words.forEach((w, i) => {
      if (w.length >= 3 && !w.endsWith('.') && (i === words.length - 1 || !STOPWORDS.has(w.toLowerCase()))) parts.add(w);
    });
  }
  const found: Finding[] = [];
  for (const w of parts) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      const end = i + w.length;
      if (isWordChar(text, i - 1) || isWordChar(text, end)) continue;
      if (out.some((f) => f.start < end && i < f.end) || found.some((f) => f.start < end && i < f.end)) continue;
      found.push(finding('person', i, end, 'person-repeat'));
    }
  }
  for (const f of found) out.push(f);
}

/** "The Christiansen" → [Christiansen]; "Mr Spears" keeps the title as a cue; "Monday Anna Smith" → [Anna Smith]. */
function splitAtStopwords(tokens: Token[]): Token[][] {
  const chunks: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    if (isInitial(t)) {
      cur.push(t);
      continue;
    }
    // "Brad L Key": after a name and an initial, an everyday word is the surname.
    const afterInitial = cur.length >= 2 && isInitial(cur[cur.length - 1]) && !isLink(cur[0]);
    if (!afterInitial && (STOPWORDS.has(t.key) || everyday(t)) && t.text.length > 1) {
      if (cur.length) chunks.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) chunks.push(cur);
  // Initials and particles can neither start nor end a name.
  const out: Token[][] = [];
  for (const c of chunks) {
    const trimmed = trimLinks(c);
    if (trimmed.length > 0) out.push(trimmed);
  }
  return out;
}

/** "Awarded", "Secretly", "Salesperson": word endings of everyday English, unless the lexicon knows the name. */
function everyday(t: Word): boolean {
  return t.key.length >= 5 && PLAIN_END.test(t.key) && !GIVEN_NAMES.has(t.key) && !SURNAME_SET.has(t.key);
}

function trimLinks(c: Token[]): Token[] {
  let s = 0;
  let e = c.length;
  while (s < e && isLink(c[s])) s++;
  while (e > s && isLink(c[e - 1])) e--;
  return c.slice(s, e);
}

const UPPER_DOT = /^\p{Lu}\.$/u;
const INITIAL = /^\p{Lu}\.?$/u;

const isInitial = (t: Token | undefined): boolean => t !== undefined && t.text.length <= 2 && INITIAL.test(t.text);
const LOWER_START = /^\p{Ll}/u;

function isLink(t: Token | undefined): boolean {
  if (t === undefined) return false;
  const s = t.text;
  if (s.length <= 2) return true;
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122; // ASCII: "X." is two long, so only a lower-case start is left
  return UPPER_DOT.test(s) || LOWER_START.test(s);
}

function judge(text: string, chunk: Token[], out: Finding[], pending: Span[]): void {
  const first = chunk[0];
  const last = chunk[chunk.length - 1];
  if (!first || !last) return;
  // A chunk keeps no particle at either end: one token is one name, more hold at least two.
  if (chunk.length === 1) {
    judgeName(text, first.start, first.end, kindOf(first), out, pending);
    return;
  }
  if (COUNTRIES.has(fold(text.slice(first.start, last.end)))) return;
  // Cues cost a regex each, so they are read only when the lexicon has not decided already.
  let rule: string | null = null;
  if (chunk.some((t) => isLink(t)) || chunk.some(known)) rule = 'person-lexicon';
  else if (strongBefore(text, first.start) || cueAfter(text, last.end) || contactLine(text, first, last)) rule = 'person-cue';
  if (rule) out.push(finding('person', first.start, last.end, rule));
}

/** A single name token at text[start, end): its lexicon kind decides which cue it needs. */
function judgeName(text: string, start: number, end: number, kind: Kind, out: Finding[], pending: Span[]): void {
  if (kind === 'skip') return;
  let rule: string | null = null;
  if (kind === 'ambiguous') {
    // "Mrs. Baker", "had given Angel": a title or a strong cue settles an everyday-looking name.
    if (strongBefore(text, start)) rule = 'person-cue';
  } else if (kind === 'given') rule = 'person-given';
  else if (kind === 'unknown') {
    // Every cue gives an unknown word the same rule, so the cheap ones go first: what follows it, then what precedes.
    if (cueFollows(text, start, end) || isDialogue(text, start, end) || strongBefore(text, start)) rule = 'person-cue';
  } else if (strongBefore(text, start) || isDialogue(text, start, end)) rule = 'person-cue';
  else if (kind === 'known' && (cueAfter(text, end) || !sentenceStart(text, start))) rule = 'person-surname';
  else if (cueFollows(text, start, end)) rule = 'person-cue';
  if (rule) out.push(finding('person', start, end, rule));
  else if (end - start >= 3) pending.push({ start, end });
}

// AFTER_CUE and HUMAN_AFTER start with an apostrophe, a comma or a space: anything else is settled without a slice.
const mayCueAfter = (c: number): boolean => c === 32 || c === 44 || c === 39 || c === 0x2019;
const cueAfter = (text: string, end: number): boolean => mayCueAfter(text.charCodeAt(end)) && AFTER_CUE.test(text.slice(end, end + 16));
const humanAfter = (text: string, end: number): boolean => mayCueAfter(text.charCodeAt(end)) && HUMAN_AFTER.test(text.slice(end, end + 16));
/** A cue after a word of three letters or more: a human verb when it opens a sentence, any cue elsewhere. */
const cueFollows = (text: string, start: number, end: number): boolean =>
  end - start >= 3 && mayCueAfter(text.charCodeAt(end)) && (sentenceStart(text, start) ? humanAfter(text, end) : cueAfter(text, end));

function known(t: Word): boolean {
  return GIVEN_NAMES.has(t.key) || SURNAME_SET.has(t.key) || (t.key.length >= 5 && SURNAME_END.test(t.key)) || !isAscii(t.text);
}

/** A speaker label: the name alone at the start of a line, followed by ':'. */
function isDialogue(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(end) !== 58) return false;
  let j = start - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n';
}

const LINE_MARK = /(?:^|\n)[ \t]*(?:[>?*•|-]{1,3}[ \t]*)?$/;
const CONTACT_AFTER = /@|\d{3}/;

/** A name alone on the first line of a contact or address block ("Maureen Thibault\n\n41086 …", ">Jane Roe\n>…"). */
function contactLine(text: string, first: Token, last: Token): boolean {
  if (text[last.end] !== '\n' && last.end !== text.length) return false;
  if (!LINE_MARK.test(text.slice(Math.max(0, first.start - 8), first.start))) return false;
  return CONTACT_AFTER.test(text.slice(last.end, last.end + 200));
}

const CUE_GAP = /[\s,:]/;
/** CUE_GAP as a character code, the regex only beyond ASCII. */
const isCueGap = (c: number): boolean => (c < 128 ? c === 32 || c === 44 || c === 58 || (c >= 9 && c <= 13) : CUE_GAP.test(String.fromCharCode(c)));

function sentenceStart(text: string, i: number): boolean {
  let j = i - 1;
  let c = text.charCodeAt(j);
  while (j >= 0 && (c === 32 || c === 9 || c === 34 || c === 40)) c = text.charCodeAt(--j);
  return j < 0 || c === 46 || c === 33 || c === 63 || c === 10 || c === 58;
}

const PREV_WORD = /([\p{L}.]+)[\s,:]*$/u;
// The last two characters every STRONG_CUE alternative can end with (before the trailing spaces, commas and colons).
const CUE_ENDS: ReadonlySet<string> = new Set(['is', "'s", 're', 'ed', 'me', 'am', "'m", 'ds', 'ly', 'tn', 'er', 'to', 'or', 'by', 'hi', 'lo', 'ey', 'ar', 'ks', 'ou', 'id', 'ys', 'ld', 'im', 'it', 'em', 'en', 'of']);

// CUE_ENDS as pairs of character codes, to look up the end of a lead without slicing and lower-casing it.
const CUE_END_CODES: ReadonlySet<number> = new Set([...CUE_ENDS].map((e) => e.charCodeAt(0) * 128 + e.charCodeAt(1)));
const asciiLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Whether text[q - 2, q) is one of CUE_ENDS in any case; beyond ASCII toLowerCase decides (the Kelvin sign is a "k"). */
function cueEnd(text: string, q: number): boolean {
  const a = text.charCodeAt(q - 2);
  const b = text.charCodeAt(q - 1);
  if (a > 127 || b > 127) return CUE_ENDS.has(text.slice(q - 2, q).toLowerCase());
  return CUE_END_CODES.has(asciiLower(a) * 128 + asciiLower(b));
}

/** A title ("Mr", "Dr.") or a strong cue ("my name is", "Dear") in the 32 characters before `start`. */
function strongBefore(text: string, start: number): boolean {
  const from = Math.max(0, start - 32);
  const prevWord = lastWord(text, from, start).toLowerCase();
  if (prevWord !== '' && TITLES.has(prevWord.endsWith('.') ? prevWord.slice(0, -1) : prevWord)) return true;
  // STRONG_CUE is anchored at the end, which the regex engine cannot use: look at how the lead ends first.
  let q = start;
  while (q > from && isCueGap(text.charCodeAt(q - 1))) q--;
  if (q - from < 2) return false;
  if (text.charCodeAt(q - 1) !== 63 && !cueEnd(text, q)) return false;
  return STRONG_CUE.test(text.slice(from, start));
}

/**
 * PREV_WORD's group in text[from, to) without the regex (which tries every start): the letters and dots ending it,
 * or '' when its length rules out every title (two to nine letters, maybe a full stop), all it is read for.
 */
function lastWord(text: string, from: number, to: number): string {
  let q = to;
  for (let c = text.charCodeAt(q - 1); q > from && (c === 32 || c === 44 || c === 58 || (c >= 9 && c <= 13)); c = text.charCodeAt(--q - 1));
  let s = q;
  for (let c = text.charCodeAt(s - 1); s > from && (c === 46 || ((c | 32) >= 97 && (c | 32) <= 122)); c = text.charCodeAt(--s - 1));
  // Anything beyond ASCII (a non-breaking space, an accented or astral letter): the regex decides.
  if ((s > from && text.charCodeAt(s - 1) > 127) || (s === q && q > from && text.charCodeAt(q - 1) > 127)) return PREV_WORD.exec(text.slice(from, to))?.[1] ?? '';
  // Only a title is looked for in it: none is shorter than two letters, nor longer than nine and a full stop.
  return q - s < 2 || q - s > 10 ? '' : text.slice(s, q);
}
