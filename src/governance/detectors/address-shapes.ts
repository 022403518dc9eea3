// Address shapes read right after a house number or from a cue, for address.ts: "28030 Edeby 55" (number, street name,
// number: the European line as many forms print it), "9816 214 Main Hill" (building and house number before the
// name), "33 avenue de Provence" (a street type written before the name), and a postcode after "zip code is".
// A street named without a number ("Tarsicio Isle Street", "Inna Loop St.") is found from its street-type word.
import { headTest, wordTest } from './address-keys.ts';
import { PREFIX_BEFORE_NAME } from './address-words.ts';
import { lowerOf } from './context.ts';
import { STOPWORDS } from './person-stopwords.ts';

const CAP_WORD = "\\p{Lu}\\p{Ll}[\\p{L}'’-]*\\.?";
const LINE_END = '(?=[ \\t]*(?:$|\\n|[,;]|\\.(?:\\s|$)|[Aa]pt\\b|[Ss]uite\\b|[Uu]nit\\b|[Ff]lat\\b))';
// After a number: "Edeby 55", "Luddingsbo Mekanikusv 11", "Mlýnská 1540".
const NAME_NUMBER = new RegExp(`[ \\t]+((?:${CAP_WORD}[ \\t]+){1,3})\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}.,:/-]\\p{N}|[\\p{L}\\p{N}])${LINE_END}`, 'uy');
// After a number: " 214 Pavlou Drandaki" to the end of the line or sentence.
const NUMBER_NAME = new RegExp(`[ \\t]+\\d{1,5}[ \\t]+((?:${CAP_WORD})(?:[ \\t]+${CAP_WORD}){0,2})(?=[ \\t]*(?:$|\\n|[,;.!?]))`, 'uy');
const bothCases = (w: string): string => `[${w[0]?.toUpperCase() ?? ''}${w[0] ?? ''}]${w.slice(1).replace(/\./g, '\\.')}`;
const PREFIX_KEYS: ReadonlySet<string> = new Set([...PREFIX_BEFORE_NAME].map((w) => w.replace(/\.$/, '')));
const PREFIXES = [...new Set([...PREFIX_BEFORE_NAME].map((w) => w.replace(/\.$/, '')))].filter((w) => w.length >= 2).map(bothCases).join('|');
// After a number: " Rue de Tanger", " avenue de Provence street", " Av Sidi Lakhmi" up to the end of the line.
const PREFIX_NAME = new RegExp(
  `,?[ \\t]+(?:${PREFIXES})\\.?(?![\\p{L}])[ \\t]+(?:(?:de|des|du|la|le|del|della|di|da|do|dos|das|el)[ \\t]+)*(?:\\p{Ll}+[ \\t]+)?\\p{Lu}[^\\n,;:!?()]{0,40}?(?=[ \\t]*(?:$|\\n|[,;:!?()]|\\.(?:\\s|$)))`,
  'uy',
);
// A street named with its type and no number: the type word is found first, the names are read backwards from it.
const STREET_WORD = / (?:St(?:reet|\.)|Ave(?:nue|\.)|R(?:oad|d\.)|B(?:oulevard|lvd)|Lane|Turnpike|Crescent|Terrace|Parkway)(?![a-z])/y;
// Each type's capital and the characters that may follow it. A type starts with a capital, which indexOf finds at
// memory-search speed, where a scan of the whole text for STREET_WORD tries its types at every space.
const STREET_CAPITALS: ReadonlyArray<readonly [string, number, number]> = [
  ['S', 116, 116], ['A', 118, 118], ['R', 111, 100], ['B', 111, 108], ['L', 97, 97], ['T', 117, 101], ['C', 114, 114], ['P', 97, 97],
];
const NAMES_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${CAP_WORD}[ \\t]+){1,3}$`, 'u');
const ZIP_CUE = /\b(?:zip|postal|post)(?:[ \t]*code)?\b|\bpostcode\b|\bplz\b/iy;
const ZIP_VALUE = /^[ \t]*(?:is|:|#|=|-)?[ \t]*(\d{4,5}(?:[- ]\d{3,4})?|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2})(?![\p{L}\p{N}])/u;

function plainWords(words: string): boolean {
  for (const w of words.trim().split(/[ \t]+/)) if (STOPWORDS.has(w.toLowerCase().replace(/\.$/, ''))) return false;
  return true;
}

/** The end of a street written after the number that ends at `at`, or null (`u`: the text's code units). */
export function streetAfter(text: string, u: Uint16Array, at: number): number | null {
  const re = shapeAfter(u, at);
  if (re === null) return null;
  re.lastIndex = at;
  const m = re.exec(text);
  return m && (re === PREFIX_NAME || plainWords(m[1] ?? '')) ? at + m[0].length : null;
}

const PREFIX_HEAD = headTest(PREFIX_KEYS);
const PREFIX_KEY = wordTest(PREFIX_KEYS);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * The one shape streetAfter tries after the number ending at `at`, picked by its first character without a regex: a
 * digit, a street type written first, a capital. Null when that shape cannot match, read from a few characters:
 * NUMBER_NAME and NAME_NUMBER need a space or tab right after the number (after "retries: 3," only PREFIX_NAME can),
 * NUMBER_NAME a house number of up to five digits and then a capital, NAME_NUMBER a capital and then a lower-case
 * letter. address.ts's per-number gate uses it as its test of the words after a number.
 */
export function shapeAfter(u: Uint16Array, at: number): RegExp | null {
  const n = u.length;
  let j = at;
  while (j < n && (u[j] === 32 || u[j] === 9 || u[j] === 44)) j++;
  // Nothing after the blanks: no shape can match (each needs a character).
  if (j === at || j === n) return null;
  const spaced = u[at] !== 44;
  const c = u[j]!;
  if (isDigit(c)) {
    let k = j + 1;
    while (k < n && isDigit(u[k]!)) k++;
    if (!spaced || k - j > 5 || k === n || !isBlank(u[k]!)) return null;
    while (k < n && isBlank(u[k]!)) k++;
    const cap = k < n ? u[k]! : -1;
    return (cap >= 65 && cap <= 90) || cap > 127 ? NUMBER_NAME : null;
  }
  // Most words after a number are no street type: told from the first two characters, else from the first, last and
  // length, and only then a short slice.
  if (PREFIX_HEAD(u, j)) {
    let k = j;
    for (let ch = c; k < j + 12 && (ch > 127 || ch === 46 || ((ch | 32) >= 97 && (ch | 32) <= 122)); ch = ++k < n ? u[k]! : -1);
    if (k - j >= 2 && k - j <= 9) {
      const e = u[k - 1] === 46 ? k - 1 : k;
      if (PREFIX_KEY(u, j, e) && PREFIX_KEYS.has(String.fromCharCode(...u.subarray(j, e)).toLowerCase())) return PREFIX_NAME;
    }
  }
  if (!spaced) return null;
  const second = j + 1 < n ? u[j + 1]! : -1;
  return (c >= 65 && c <= 90 && ((second >= 97 && second <= 122) || second > 127)) || c > 127 ? NAME_NUMBER : null;
}

/** Streets named without a number. */
export function namedStreets(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // STREET_WORD's matches hold no space past their first character, so none starts inside another: they are where it
  // matches at a capital's space. Their order does not matter to address.ts, which sorts them.
  for (const [capital, a, b] of STREET_CAPITALS) {
    for (let at = text.indexOf(capital, 1); at >= 0; at = text.indexOf(capital, at + 1)) {
      const next = text.charCodeAt(at + 1);
      if (text.charCodeAt(at - 1) !== 32 || (next !== a && next !== b)) continue;
      STREET_WORD.lastIndex = at - 1;
      const m = STREET_WORD.exec(text);
      if (!m) continue;
      const names = NAMES_BEFORE.exec(text.slice(Math.max(0, at - 48), at));
      if (names && plainWords(names[0])) out.push([at - names[0].length, at - 1 + m[0].length]);
    }
  }
  return out;
}

const isWordChar = (c: number): boolean => (c | 32) >= 97 ? (c | 32) <= 122 : c === 95 || (c >= 48 && c <= 57);

/**
 * Where ZIP_CUE's scan of the whole text would match, in text order: each match starts at a 'z' or 'p' of either
 * case that follows no word character, and those letters are found at memory-search speed. ZIP_CUE's 'i' flag without
 * 'u' matches as eachCue's scan of the lower-cased copy would.
 */
function zipCues(text: string, found: (at: number, length: number) => void): void {
  const starts: number[] = [];
  const lower = lowerOf(text);
  if (lower !== null) {
    // The lower-cased copy (shared with the cue scans) holds the pairs where the text holds them in either case, and
    // indexOf skips to a pair inside the engine, where a search for the letter alone stops at every 'p' of the prose.
    for (const pair of ZIP_PAIRS) {
      for (let at = lower.indexOf(pair); at >= 0; at = lower.indexOf(pair, at + 1)) {
        if (!isWordChar(text.charCodeAt(at - 1))) starts.push(at);
      }
    }
  } else {
    for (const [letter, a, b] of ZIP_LETTERS) {
      for (let at = text.indexOf(letter); at >= 0; at = text.indexOf(letter, at + 1)) {
        const next = text.charCodeAt(at + 1) | 32;
        if ((next !== a && next !== b) || (at > 0 && isWordChar(text.charCodeAt(at - 1)))) continue;
        starts.push(at);
      }
    }
  }
  starts.sort((a, b) => a - b);
  // As a global scan: the next match is the first at or past the end of the last one.
  let resume = 0;
  for (const at of starts) {
    if (at < resume) continue;
    ZIP_CUE.lastIndex = at;
    const m = ZIP_CUE.exec(text);
    if (!m) continue;
    resume = at + m[0].length;
    found(at, m[0].length);
  }
}
// The letters a ZIP_CUE match starts with, and the lower-cased second letters that may follow them ('i'; 'o', 'l').
const ZIP_LETTERS: ReadonlyArray<readonly [string, number, number]> = [['z', 105, 105], ['Z', 105, 105], ['p', 111, 108], ['P', 111, 108]];
const ZIP_PAIRS = ['zi', 'po', 'pl'];

/** Postcodes after a postcode cue ("zip code is 90010-170", "ZIP: 75534-030"). */
export function cuedPostcodes(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  zipCues(text, (at, length) => {
    const from = at + length;
    const v = ZIP_VALUE.exec(text.slice(from, from + 24));
    if (v?.[1]) {
      const s = from + v[0].length - v[1].length;
      out.push([s, s + v[1].length]);
    }
  });
  return out;
}
