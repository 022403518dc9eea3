// Postal addresses. Nearly every address line carries a number, so the scan is digit-driven: each short digit run is
// checked against street shapes before it (compound "Mellemvej 32", prefixed "Via Franscini 71", unit "Suite 838",
// "PSC 6293, Box", "Sweden 99178", ", CO 70079") and after it ("2450 Crown St"). Parts close together are merged,
// and an address is extended over the short capitalised lines that follow it (city, region, country, postcode).
import type { Finding } from '../types.ts';
import { ABBREVIATION, COMPOUND_END, COUNTRIES, PREFIX_BEFORE_NAME, SUFFIX_AFTER_NAME, UNIT } from './address-words.ts';
import { finding } from './finding.ts';

const NUMBER = /(?<![\p{L}\p{N}_.,:/-])\d{1,5}(?![\p{N}]|[.,:/-]\d)/gu;
const WORD = "[\\p{L}'’.-]+";
const FORWARD = new RegExp(`[A-Za-z]?(?:[ \\t]+\\d{1,5})?[ \\t]+(?:${WORD}[ \\t]+){0,4}?(?:${SUFFIX_AFTER_NAME})(?![\\p{L}])\\.?`, 'iuy');
const BACKWARD = new RegExp(
  [
    `[\\p{L}-]*(?:${COMPOUND_END})[ \\t]+`,
    `(?<![\\p{L}])(?:${PREFIX_BEFORE_NAME})[ \\t]+(?:${WORD}[ \\t]+){0,3}`,
    `(?<![\\p{L}])(?:${UNIT})[ \\t]*#?[ \\t]*(?:\\d{1,5},?[ \\t]+box[ \\t]+)?`,
    `(?<![\\p{L}])(?:${COUNTRIES})[ \\t]+`,
    `(?:zip|zip code|postcode|postal code|post code|plz)\\s*:?\\s*`,
  ]
    .map((p) => `(?:${p})`)
    .join('|') + '$',
  'iu',
);
// Case matters here: a capitalised name before an abbreviation, and a two-letter state or country code.
const BACKWARD_CASED = new RegExp(
  `(?:(?:\\p{Lu}[\\p{L}-]+[ \\t]+){1,3}(?:${ABBREVIATION})[ \\t]*|(?:,\\s*|\\p{Lu}\\p{L}+[ \\t]+|[AFD]PO[ \\t]+)[A-Z]{2}\\s+)$`,
  'u',
);
const CUE = /(?:lives? at|living at|address(?: is|:)|located (?:at|on)|moved to|sent to|send (?:it |them |this )?to|ship(?:ped)? to|deliver(?:ed)? to|resides? at|side of|corner of|return to)[ \t]+/giu;
const CUE_VALUE = /^[^\n?!;]{0,80}?\d[^\n?!;]{0,60}?(?=[.?!;]\s|[.?!;]?$|\n|,? (?:for|in case|and i|it|which|so)\b)/u;
const NEXT_LINE = /^\n(?:[ \t]*\n)?[ \t]*,?[ \t]*[\p{Lu}\d][\p{L}\p{N} .,'’-]{0,38}(?=\n|$)/u;
const SAME_LINE = /^,?[ \t]*(?:,?[ \t]*(?:\p{Lu}[\p{L}'’-]*|\d{4,6}|[A-Z]{2}))+(?=[ \t]*(?:\n|$|[.?!]))/u;
const GAP = /^[\s,]*(?:[\p{L}\p{N}.'’ -]{0,30}[\s,]*)?$/u;

export function findAddresses(text: string): Finding[] {
  const parts: Array<[number, number]> = [];
  for (const m of text.matchAll(NUMBER)) {
    const numEnd = m.index + m[0].length;
    const window = text.slice(Math.max(0, m.index - 60), m.index);
    const back = BACKWARD.exec(window) ?? BACKWARD_CASED.exec(window);
    FORWARD.lastIndex = numEnd;
    const fwd = FORWARD.exec(text);
    if (!back && !fwd) continue;
    const start = back ? m.index - back[0].length : m.index;
    parts.push([start, fwd ? numEnd + fwd[0].length : numEnd]);
  }
  CUE.lastIndex = 0;
  for (let c = CUE.exec(text); c; c = CUE.exec(text)) {
    const from = c.index + c[0].length;
    const v = CUE_VALUE.exec(text.slice(from, from + 160));
    if (v) parts.push([from, from + v[0].length]);
  }
  return merge(text, parts).map(([s, e]) => finding('address', s, e, 'address'));
}

function merge(text: string, parts: Array<[number, number]>): Array<[number, number]> {
  parts.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of parts) {
    const prev = out[out.length - 1];
    if (prev && s - prev[1] <= 40 && (s <= prev[1] || GAP.test(text.slice(prev[1], s)))) prev[1] = Math.max(prev[1], e);
    else out.push([s, e]);
  }
  for (const p of out) p[1] = extend(text, p[1]);
  return out.filter(([s, e]) => e - s >= 4 && /\p{L}/u.test(text.slice(s, e)));
}

/** Grows an address over the rest of its line and up to three short following lines of names and numbers. */
function extend(text: string, end: number): number {
  const same = SAME_LINE.exec(text.slice(end, end + 60));
  if (same) end += same[0].length;
  for (let i = 0; i < 3; i++) {
    const next = NEXT_LINE.exec(text.slice(end, end + 48));
    if (!next || /:/.test(next[0])) break;
    end += next[0].replace(/[\s,]+$/, '').length;
  }
  return end;
}
