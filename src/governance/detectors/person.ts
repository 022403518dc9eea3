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
const RUN = new RegExp(`(?<![\\p{L}\\p{N}_@./\\\\-])${NAME}(?:[ \\t]+(?:${LINK}[ \\t]+)*${NAME})*(?![\\p{L}\\p{N}_@-])`, 'gu');
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

interface Token {
  text: string;
  key: string;
  start: number;
  end: number;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
const fold = (s: string): string => (isAscii(s) ? s.toLowerCase() : s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));

export function findPersons(text: string): Finding[] {
  const out: Finding[] = [];
  const pending: Token[] = [];
  RUN.lastIndex = 0;
  for (let run = RUN.exec(text); run; run = RUN.exec(text)) {
    const oneWord = !run[0].includes(' ') && !run[0].includes('\t');
    // Most runs are one everyday word opening a sentence ("The", "Could"): settle those without tokenising.
    if (oneWord && STOPWORDS.has(run[0].toLowerCase())) continue;
    const tokens: Token[] = [];
    // A run without a space is one NAME, which TOKEN would give back whole: no regex for it.
    if (oneWord) tokens.push(token(run[0], run.index));
    else {
      TOKEN.lastIndex = 0;
      for (let t = TOKEN.exec(run[0]); t; t = TOKEN.exec(run[0])) tokens.push(token(t[0], run.index + t.index));
    }
    for (const chunk of splitAtStopwords(tokens)) judge(text, chunk, out, pending);
  }
  joinLists(text, out, pending);
  if (out.length > 0) repeatMentions(text, out);
  for (const f of findLowerCasePersons(text)) out.push(f);
  return out;
}

function token(word: string, start: number): Token {
  return { text: word, key: fold(word.endsWith('.') ? word.slice(0, -1) : word), start, end: start + word.length };
}

/** "They had 6: Gaetane, Hannah and Derek": an unknown word listed with accepted names is a name too. */
function joinLists(text: string, out: Finding[], pending: Token[]): void {
  let grew = true;
  while (grew && pending.length > 0) {
    grew = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const t = pending[i];
      if (!t) continue;
      // "Later, Marchetti agreed": a word opening a sentence before a comma is a discourse word, not a list item.
      if (text[t.end] === ',' && sentenceStart(text, t.start) && !LIST_GOES_ON.test(text.slice(t.end, t.end + 60))) continue;
      const next = out.some((f) => (f.start >= t.end && LIST_GAP.test(text.slice(t.end, f.start))) || (f.end <= t.start && LIST_GAP.test(text.slice(f.end, t.start))));
      if (!next) continue;
      out.push(finding('person', t.start, t.end, 'person-list'));
      pending.splice(i, 1);
      grew = true;
    }
  }
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * "Pinabel Marcil's Cautionary Tales … early Marcil": a word of a multi-word name found elsewhere in the text names
 * the same person where it recurs, even when it alone would be an everyday word.
 */
function repeatMentions(text: string, out: Finding[]): void {
  const parts = new Set<string>();
  for (const f of out) {
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
      if (WORD_CHAR.test(text[i - 1] ?? '') || WORD_CHAR.test(text[end] ?? '')) continue;
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
function everyday(t: Token): boolean {
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

function judge(text: string, chunk: Token[], out: Finding[], pending: Token[]): void {
  const first = chunk[0];
  const last = chunk[chunk.length - 1];
  if (!first || !last) return;
  const names: Token[] = [];
  for (const t of chunk) if (!isLink(t)) names.push(t);
  // Cues cost a regex each, so they are read only when the lexicon has not decided already.
  if (COUNTRIES.has(fold(text.slice(first.start, last.end)))) return;
  let rule: string | null = null;
  if (names.length >= 2) {
    if (names.some(known) || names.length < chunk.length) rule = 'person-lexicon';
    else if (strongBefore(text, first.start) || cueAfter(text, last.end) || contactLine(text, first, last)) rule = 'person-cue';
  } else if (names.length === 1 && AMBIGUOUS.has(first.key)) {
    // "Mrs. Baker", "had given Angel": a title or a strong cue settles an everyday-looking name.
    if (strongBefore(text, first.start)) rule = 'person-cue';
  } else if (names.length === 1) {
    if (GIVEN_NAMES.has(first.key)) rule = 'person-given';
    else if (strongBefore(text, first.start) || isDialogue(text, first, last)) rule = 'person-cue';
    else if (known(first) && (cueAfter(text, last.end) || !sentenceStart(text, first.start))) rule = 'person-surname';
    else if (first.text.length >= 3 && (sentenceStart(text, first.start) ? HUMAN_AFTER.test(text.slice(last.end, last.end + 16)) : cueAfter(text, last.end))) rule = 'person-cue';
  }
  if (rule) out.push(finding('person', first.start, last.end, rule));
  else if (names.length === 1 && first.text.length >= 3) pending.push(first);
}

function cueAfter(text: string, end: number): boolean {
  return AFTER_CUE.test(text.slice(end, end + 16));
}

function known(t: Token): boolean {
  return GIVEN_NAMES.has(t.key) || SURNAME_SET.has(t.key) || (t.key.length >= 5 && SURNAME_END.test(t.key)) || !isAscii(t.text);
}

/** A speaker label: the name alone at the start of a line, followed by ':'. */
function isDialogue(text: string, first: Token, last: Token): boolean {
  if (text[last.end] !== ':') return false;
  let j = first.start - 1;
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
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '"' || text[j] === '(')) j--;
  if (j < 0) return true;
  const c = text.charCodeAt(j);
  return c === 46 || c === 33 || c === 63 || c === 10 || c === 58;
}

const PREV_WORD = /([\p{L}.]+)[\s,:]*$/u;
// The last two characters every STRONG_CUE alternative can end with (before the trailing spaces, commas and colons).
const CUE_ENDS: ReadonlySet<string> = new Set(['is', "'s", 're', 'ed', 'me', 'am', "'m", 'ds', 'ly', 'tn', 'er', 'to', 'or', 'by', 'hi', 'lo', 'ey', 'ar', 'ks', 'ou', 'id', 'ys', 'ld', 'im', 'it', 'em', 'en', 'of']);

/** A title ("Mr", "Dr.") or a strong cue ("my name is", "Dear") right before `start`. */
function strongBefore(text: string, start: number): boolean {
  const lead = text.slice(Math.max(0, start - 32), start);
  const prevWord = lastWord(lead).toLowerCase();
  if (TITLES.has(prevWord.endsWith('.') ? prevWord.slice(0, -1) : prevWord)) return true;
  // STRONG_CUE is anchored at the end, which the regex engine cannot use: look at how the lead ends first.
  let q = lead.length;
  while (q > 0 && isCueGap(lead.charCodeAt(q - 1))) q--;
  if (q < 2) return false;
  if (lead[q - 1] !== '?' && !CUE_ENDS.has(lead.slice(q - 2, q).toLowerCase())) return false;
  return STRONG_CUE.test(lead);
}

/** PREV_WORD's group without the regex (which tries every start): the run of letters and dots ending the lead. */
function lastWord(lead: string): string {
  let q = lead.length;
  for (let c = lead.charCodeAt(q - 1); q > 0 && (c === 32 || c === 44 || c === 58 || (c >= 9 && c <= 13)); c = lead.charCodeAt(--q - 1));
  let s = q;
  for (let c = lead.charCodeAt(s - 1); s > 0 && (c === 46 || ((c | 32) >= 97 && (c | 32) <= 122)); c = lead.charCodeAt(--s - 1));
  // Anything beyond ASCII (a non-breaking space, an accented or astral letter): the regex decides.
  const c = lead.charCodeAt(s - 1);
  if (s > 0 && c > 127) return PREV_WORD.exec(lead)?.[1] ?? '';
  if (s === q && q > 0 && lead.charCodeAt(q - 1) > 127) return PREV_WORD.exec(lead)?.[1] ?? '';
  return lead.slice(s, q);
}
