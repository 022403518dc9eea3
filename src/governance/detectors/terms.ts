// Configured confidential terms: plain terms match case-insensitively on word boundaries, patterns as written.
// All plain terms share one alternation, so a long term list still costs one pass over the text; a short one, and a
// pattern starting with literal text, is looked for with indexOf at its anchors instead (terms-anchor.ts).
import type { TermRule } from '../../config/types.ts';
import type { Finding } from '../types.ts';
import { type Anchor, anchorStarts, literalPrefix, termAnchor } from './terms-anchor.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalize = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ');
// More characters to look for than this, or more places to try than one per CHARS_PER_TRY characters of text (a term
// starting with a common letter), and one regex pass over the text is the cheaper way.
const MAX_ANCHOR_CHARS = 8;
const CHARS_PER_TRY = 512;

/**
 * The matches `text.matchAll(re)` gives (none of them empty): `sticky`, the same pattern, is tried only where an
 * anchor says a match can start, resuming after each match as the global scan does. Without anchors, that scan.
 */
function eachMatch(text: string, re: RegExp, sticky: RegExp, anchors: Anchor[] | null, found: (m: RegExpExecArray) => void): void {
  const starts = anchors && anchorStarts(text, anchors, 8 + Math.floor(text.length / CHARS_PER_TRY));
  if (starts === null) {
    for (const m of text.matchAll(re)) found(m);
    return;
  }
  let next = 0;
  for (const at of starts) {
    if (at < next) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m === null) {
      next = at + 1;
      continue;
    }
    found(m);
    next = at + m[0].length;
  }
}

function plainAnchors(terms: string[]): Anchor[] | null {
  const anchors: Anchor[] = [];
  for (const t of terms) {
    const a = termAnchor(t);
    if (a === null) return null;
    anchors.push(a);
  }
  return anchors.reduce((n, a) => n + a.chars.length, 0) <= MAX_ANCHOR_CHARS ? anchors : null;
}

export function termScanner(rules: TermRule[]): (text: string) => Finding[] {
  const plain = new Map<string, TermRule>();
  for (const r of rules) {
    if (r.match !== undefined && r.match.trim() !== '' && !plain.has(normalize(r.match.trim()))) plain.set(normalize(r.match.trim()), r);
  }
  // Longest first, so "Project Falcon X" wins over "Project Falcon" at the same position.
  const alternation = [...plain.keys()]
    .sort((a, b) => b.length - a.length)
    .map((t) => escape(t).replace(/ /g, '\\s+'))
    .join('|');
  const combined = alternation ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation})(?![\\p{L}\\p{N}_])`, 'giu') : null;
  const combinedAt = combined ? new RegExp(combined.source, 'iuy') : null;
  const anchors = plainAnchors([...plain.keys()]);
  const patterns = rules
    .filter((r) => r.regex !== undefined && r.regex !== '')
    .map((r) => {
      const re = new RegExp(r.regex ?? '', 'gu');
      const prefix = literalPrefix(re.source);
      return { rule: r, re, at: new RegExp(re.source, 'uy'), anchors: prefix ? [{ chars: [prefix], offset: 0 }] : null };
    });
  return (text) => {
    const out: Finding[] = [];
    if (combined && combinedAt) {
      eachMatch(text, combined, combinedAt, anchors, (m) => {
        const r = plain.get(normalize(m[0]));
        if (r) out.push({ type: 'term', dataClass: r.class, start: m.index, end: m.index + m[0].length, rule: `term:${r.match ?? ''}` });
      });
    }
    for (const { rule, re, at, anchors: starts } of patterns) {
      eachMatch(text, re, at, starts, (m) => {
        if (m[0].length > 0) out.push({ type: 'term', dataClass: rule.class, start: m.index, end: m.index + m[0].length, rule: `regex:${rule.regex ?? ''}` });
      });
    }
    return out;
  };
}
