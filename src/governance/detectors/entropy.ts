// How random a candidate secret looks. Scanners agree that placeholders (xxxx, ****, ${VAR}, "FakeFakeFake") are not
// secrets and that a key assigned to a secret-looking name should look random; these tests encode both.

/** Shannon entropy in bits per character. */
export function shannon(s: string): number {
  if (s.length === 0) return 0;
  const distinct = countAscii(s);
  if (distinct < 0) return entropyOf(countByMap(s).values(), s.length);
  // Many characters share a count (a random key is mostly 1s and 2s), so each count's term is worked out once.
  if (terms.length <= s.length) terms = new Float64Array(s.length * 2);
  terms.fill(NaN, 0, s.length + 1);
  let h = 0;
  // Summed in order of first occurrence, as the Map path does, so both give the same bits.
  for (let k = 0; k < distinct; k++) {
    const n = COUNTS[ORDER[k]!]!;
    let term = terms[n]!;
    if (Number.isNaN(term)) {
      const p = n / s.length;
      term = terms[n] = p * Math.log2(p);
    }
    h -= term;
  }
  return h;
}

let terms = new Float64Array(256);

/** The share of the most frequent character: 0.74 for "sk_live_AAAAAAAAAAAAAAAAAAAAAAA". */
export function dominantShare(s: string): number {
  if (s.length === 0) return 1;
  const distinct = countAscii(s);
  let max = 0;
  if (distinct < 0) for (const n of countByMap(s).values()) max = Math.max(max, n);
  else for (let k = 0; k < distinct; k++) max = Math.max(max, COUNTS[ORDER[k]!]!);
  return max / s.length;
}

// Candidate secrets are ASCII: counting into a table is many times cheaper than a Map of one-character strings.
const COUNTS = new Int32Array(128);
const ORDER = new Uint8Array(128);

let counted = '';
let countedDistinct = 0;

/** Counts the characters of an all-ASCII `s` into COUNTS, listing them in order of first occurrence in ORDER;
 * how many there are, or -1 when `s` has another character. The last string's counts are kept, as
 * looksPlaceholder and shannon usually look at the same value one after the other; they are cleared by the
 * characters ORDER lists, not by clearing the whole table. */
function countAscii(s: string): number {
  if (s === counted) return countedDistinct;
  clearCounts(countedDistinct);
  counted = '';
  countedDistinct = 0;
  let distinct = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      clearCounts(distinct);
      return -1;
    }
    const n = COUNTS[c]!;
    COUNTS[c] = n + 1;
    if (n === 0) ORDER[distinct++] = c;
  }
  counted = s;
  countedDistinct = distinct;
  return distinct;
}

function clearCounts(distinct: number): void {
  for (let k = 0; k < distinct; k++) COUNTS[ORDER[k]!] = 0;
}

/** Counts by code point, for any string. */
function countByMap(s: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

function entropyOf(counts: Iterable<number>, length: number): number {
  let h = 0;
  for (const n of counts) {
    const p = n / length;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER_RUN = /x{5,}|X{5,}|\*{3,}|\.{4,}|(?:fake){2,}|(?:example){2,}|(?:dummy){2,}/i;

/** Masks, repeated filler and doc placeholders. */
export function looksPlaceholder(s: string): boolean {
  return PLACEHOLDER_RUN.test(s) || dominantShare(s) >= 0.6;
}

const TEMPLATE = /\$\{|\$\(|\{\{|\{%|<%|^\$\w|^%\w+%$|^<[^>]*>$|^\[[^\]]*\]$|^\{[^}]*\}$/;
const PLACEHOLDER_WORD =
  /^(?:null|none|nil|true|false|undefined|empty|changeme|change_me|password|passwd|secret|token|your[\w-]*|example[\w-]*|dummy[\w-]*|sample[\w-]*|redacted|hidden|todo|tbd|test|replace[\w-]*|placeholder|xxx+|\?+|-+)$/i;

/** `${PASSWORD}`, `$(DB_PASS)`, `{{ secret }}`, `<password>`, `REPLACE_WITH_PASSWORD` and friends. */
export function looksTemplate(s: string): boolean {
  return TEMPLATE_CHAR.test(s) && (TEMPLATE.test(s) || TEMPLATE_WORD.test(s));
}

const TEMPLATE_WORD = /REPLACE_|YOUR_|_HERE\b|<[A-Z_ ]+>/i;
// Every alternative of TEMPLATE and TEMPLATE_WORD holds one of these: one scan instead of two where none is.
const TEMPLATE_CHAR = /[${<%[_]/;

/** A value that is a word standing for a value ("changeme", "password", "null"). */
export function isPlaceholderWord(s: string): boolean {
  return PLACEHOLDER_WORD.test(s);
}
