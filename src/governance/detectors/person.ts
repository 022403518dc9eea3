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
const AFTER_CUE = /^(?:['’]s\b|,? (?:said|says|asked|told|replied|shouted|explained|wrote|lives|lived|will|was|is|has|had|and \p{Lu}|who|from|spent|flew|moved|called|invested|listed|recorded|began|started|joined|founded|married|died)\b)/u;
// What only a person does: enough for an unknown word opening a sentence ("Zoolander is a film" is not enough).
const HUMAN_AFTER = /^(?:['’]s\b|,? (?:said|says|asked|told|replied|shouted|explained|wrote|lives|lived|who|spent|flew|moved|called|began|started|joined|founded|married|died)\b|, (?:can|could|would|will|do|did|are|have) (?:[Ii]|you|we)\b)/u;
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
  for (const run of text.matchAll(RUN)) {
    // Most runs are one everyday word opening a sentence ("The", "Could"): settle those without tokenising.
    if (!run[0].includes(' ') && !run[0].includes('\t') && STOPWORDS.has(run[0].toLowerCase())) continue;
    const tokens: Token[] = [];
    for (const t of run[0].matchAll(TOKEN)) {
      const start = run.index + t.index;
      tokens.push({ text: t[0], key: fold(t[0].replace(/\.$/, '')), start, end: start + t[0].length });
    }
    for (const chunk of splitAtStopwords(tokens)) judge(text, chunk, out, pending);
  }
  joinLists(text, out, pending);
  for (const f of findLowerCasePersons(text)) out.push(f);
  return out;
}

/** "They had 6: Gaetane, Hannah and Derek": an unknown word listed with accepted names is a name too. */
function joinLists(text: string, out: Finding[], pending: Token[]): void {
  let grew = true;
  while (grew && pending.length > 0) {
    grew = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const t = pending[i];
      if (!t) continue;
      const next = out.some((f) => (f.start >= t.end && LIST_GAP.test(text.slice(t.end, f.start))) || (f.end <= t.start && LIST_GAP.test(text.slice(f.end, t.start))));
      if (!next) continue;
      out.push(finding('person', t.start, t.end, 'person-list'));
      pending.splice(i, 1);
      grew = true;
    }
  }
}

/** "The Christiansen" → [Christiansen]; "Mr Spears" keeps the title as a cue; "Monday Anna Smith" → [Anna Smith]. */
function splitAtStopwords(tokens: Token[]): Token[][] {
  const chunks: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    if ((STOPWORDS.has(t.key) || everyday(t)) && t.text.length > 1) {
      if (cur.length) chunks.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) chunks.push(cur);
  // Initials and particles can neither start nor end a name.
  return chunks
    .map((c) => trimLinks(c))
    .filter((c) => c.length > 0);
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

function isLink(t: Token | undefined): boolean {
  return t !== undefined && (t.text.length <= 2 || /^\p{Lu}\.$/u.test(t.text) || /^\p{Ll}/u.test(t.text));
}

function judge(text: string, chunk: Token[], out: Finding[], pending: Token[]): void {
  const first = chunk[0];
  const last = chunk[chunk.length - 1];
  if (!first || !last) return;
  const names = chunk.filter((t) => !isLink(t));
  // Cues cost a regex each, so they are read only when the lexicon has not decided already.
  const strong = (): boolean => {
    const lead = text.slice(Math.max(0, first.start - 32), first.start);
    const prevWord = /([\p{L}.]+)[\s,:]*$/u.exec(lead)?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
    return TITLES.has(prevWord) || STRONG_CUE.test(lead);
  };
  const afterCue = (): boolean => AFTER_CUE.test(text.slice(last.end, last.end + 16));
  if (COUNTRIES.has(fold(text.slice(first.start, last.end)))) return;
  let rule: string | null = null;
  if (names.length >= 2) {
    if (names.some(known) || names.length < chunk.length) rule = 'person-lexicon';
    else if (strong() || afterCue() || contactLine(text, first, last)) rule = 'person-cue';
  } else if (names.length === 1 && !AMBIGUOUS.has(first.key)) {
    if (GIVEN_NAMES.has(first.key)) rule = 'person-given';
    else if (strong() || isDialogue(text, first, last)) rule = 'person-cue';
    else if (known(first) && (afterCue() || !sentenceStart(text, first.start))) rule = 'person-surname';
    else if (first.text.length >= 3 && (sentenceStart(text, first.start) ? HUMAN_AFTER.test(text.slice(last.end, last.end + 16)) : afterCue())) rule = 'person-cue';
  }
  if (rule) out.push(finding('person', first.start, last.end, rule));
  else if (names.length === 1 && !AMBIGUOUS.has(first.key) && first.text.length >= 3) pending.push(first);
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

function sentenceStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '"' || text[j] === '(')) j--;
  return j < 0 || /[.!?\n:]/.test(text[j] ?? '');
}
