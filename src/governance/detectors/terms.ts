// Configured confidential terms: plain terms match case-insensitively on word boundaries, patterns as written.
// All plain terms share one alternation, so a long term list still costs one pass over the text.
import type { TermRule } from '../../config/types.ts';
import type { Finding } from '../types.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalize = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ');

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
  const patterns = rules
    .filter((r) => r.regex !== undefined && r.regex !== '')
    .map((r) => ({ rule: r, re: new RegExp(r.regex ?? '', 'gu') }));
  return (text) => {
    const out: Finding[] = [];
    if (combined) {
      for (const m of text.matchAll(combined)) {
        const r = plain.get(normalize(m[0]));
        if (r) out.push({ type: 'term', dataClass: r.class, start: m.index, end: m.index + m[0].length, rule: `term:${r.match ?? ''}` });
      }
    }
    for (const { rule, re } of patterns) {
      for (const m of text.matchAll(re)) {
        if (m[0].length > 0) out.push({ type: 'term', dataClass: rule.class, start: m.index, end: m.index + m[0].length, rule: `regex:${rule.regex ?? ''}` });
      }
    }
    return out;
  };
}
