// Where a configured term can match, found with indexOf: every match of a term holds a known character at a known
// distance from its start, so the term regexes run sticky at those few places instead of trying every position.

/** Every match has one of `chars` at `offset` code units past its start. */
export interface Anchor {
  chars: string[];
  offset: number;
}

// The characters an ASCII letter matches under the /iu flags (simple case folding): its two cases, and for 'k' and
// 's' the Kelvin sign and the long s. Digits and other ASCII characters match only themselves.
// terms-anchor.test.ts checks this against every code point.
export function foldsOf(c: string): string[] {
  const lower = c.toLowerCase();
  if (lower < 'a' || lower > 'z' || lower.length !== 1) return [c];
  const upper = lower.toUpperCase();
  if (lower === 'k') return [lower, upper, '\u212a'];
  if (lower === 's') return [lower, upper, '\u017f'];
  return [lower, upper];
}

// English letters, commonest first: the later one of a term's letters is in the text, the fewer places to try.
const COMMON = 'etaoinsrhldcumfpgwybvkxjqz';
const commonness = (c: string): number => {
  const i = COMMON.indexOf(c.toLowerCase());
  return i === -1 ? 0 : COMMON.length - i;
};

/**
 * The rarest ASCII character of a plain term's first word (`term` normalized: lower case, single spaces), or null.
 * Only characters before any astral one count: a BMP character matches exactly one code unit (none case-folds onto
 * an astral one), so the anchor's offset in the term is its offset in every match.
 */
export function termAnchor(term: string): Anchor | null {
  const space = term.indexOf(' ');
  const word = space === -1 ? term : term.slice(0, space);
  let best: Anchor | null = null;
  let bestScore = Infinity;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) break;
    if (c >= 128 || commonness(word[i] ?? '') >= bestScore) continue;
    bestScore = commonness(word[i] ?? '');
    best = { chars: foldsOf(word[i] ?? ''), offset: i };
  }
  return best;
}

// Characters that stand for themselves in a pattern (with the u flag) and carry no case: a pattern starting with a
// run of them matches only where indexOf finds that run.
const LITERAL = /^[A-Za-z0-9 _\-:=#@%&,;'"!/<>~]+/;
const QUANTIFIER = /^[?*+{]/;

/** The literal text every match of a /gu pattern starts with, or '' when it is not certain to have one. */
export function literalPrefix(source: string): string {
  // An alternation anywhere could make the prefix one branch's only.
  if (source.includes('|')) return '';
  const run = LITERAL.exec(source)?.[0] ?? '';
  // A quantifier after the run binds its last character only, which may then be absent or repeated.
  return QUANTIFIER.test(source.slice(run.length)) ? run.slice(0, -1) : run;
}

/**
 * Every position where some anchor could start a match, in order (a position may come more than once); null past
 * `most` of them, where one regex pass costs less than a sticky match at each.
 */
export function anchorStarts(text: string, anchors: Anchor[], most: number): number[] | null {
  const starts: number[] = [];
  for (const { chars, offset } of anchors) {
    for (const c of chars) {
      for (let at = text.indexOf(c, offset); at !== -1; at = text.indexOf(c, at + 1)) {
        if (starts.length === most) return null;
        starts.push(at - offset);
      }
    }
  }
  if (anchors.length > 1 || (anchors[0]?.chars.length ?? 0) > 1) starts.sort((a, b) => a - b);
  return starts;
}
