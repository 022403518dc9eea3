// How random a candidate secret looks. Scanners agree that placeholders (xxxx, ****, ${VAR}, "FakeFakeFake") are not
// secrets and that a key assigned to a secret-looking name should look random; these tests encode both.

/** Shannon entropy in bits per character. */
export function shannon(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The share of the most frequent character: 0.74 for "sk_live_AAAAAAAAAAAAAAAAAAAAAAA". */
export function dominantShare(s: string): number {
  const counts = new Map<string, number>();
  let max = 0;
  for (const c of s) {
    const n = (counts.get(c) ?? 0) + 1;
    counts.set(c, n);
    if (n > max) max = n;
  }
  return s.length === 0 ? 1 : max / s.length;
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
  return TEMPLATE.test(s) || /REPLACE_|YOUR_|_HERE\b|<[A-Z_ ]+>/i.test(s);
}

/** A value that is a word standing for a value ("changeme", "password", "null"). */
export function isPlaceholderWord(s: string): boolean {
  return PLACEHOLDER_WORD.test(s);
}
