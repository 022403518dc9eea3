// Credentials recognised by where they stand rather than their format: values assigned to secret-looking names
// (`DB_PASSWORD=…`, `"api_key": "…"`), and bearer tokens. Passwords in URLs and `curl -u`: credentials-userinfo.ts.
import type { Finding } from '../types.ts';
import { isPlaceholderWord, looksPlaceholder, looksTemplate, shannon } from './entropy.ts';
import { eachCue } from './context.ts';
import { codeUnits } from './code-units.ts';
import { finding } from './finding.ts';

const CUES = ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'credential', 'login', 'bearer', 'bundle_'];
const NAME_HIT = new RegExp(CUES.join('|'), 'gi');
const HAS_CUE = new RegExp(CUES.join('|'), 'i');
const OPERATOR = /["']?[ \t]*(?:[:?+]*=>?|:|[ \t]is[ \t])[ \t]*/y;
const QUOTED = /(["'`])([^"'`\n]{1,200})\1/y;
const BARE = /[^\s"'`,;{}()<>]{1,200}/y;
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pw']);
const KEY_WORDS = new Set(['secret', 'token', 'key', 'apikey', 'auth', 'authtoken', 'credential', 'credentials', 'login', 'bearer', 'accesskey', 'secretkey', 'privatekey', 'clientsecret', 'authorization']);
// A secret word followed by one of these names something about the secret, not the secret itself.
const NOT_VALUE = new Set(['name', 'id', 'ids', 'file', 'path', 'dir', 'url', 'uri', 'length', 'len', 'size', 'type', 'field', 'format', 'count', 'ttl', 'expiry', 'expires', 'timeout', 'prefix', 'header', 'env', 'var', 'hint', 'policy', 'label', 'index', 'mode', 'version', 'provider', 'source', 'chars', 'charset', 'alphabet', 'pattern', 'regex', 'column', 'algorithm', 'alg', 'manager', 'store', 'required', 'reset', 'rotation', 'endpoint']);

export function findAssignedSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  // An assignment needs ':', '=', " is " or "Bearer" after the name: reading the name before each of those beats
  // scanning every word for a secret-looking one, until operators are as dense as in JSON or key=value lists.
  if (!byAssignments(text, out)) eachCue(text, NAME_HIT, (at, length) => cueAt(text, at, length, out));
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

/** The name [s, e) holds a secret-looking word: the value assigned to it, if any, is a finding. */
function assigned(text: string, s: number, e: number, out: Finding[]): void {
  // Most hits are prose ("passed", "keyboard", "author"): no assignment follows, so the name is not split.
  if (!mayAssign(text, e)) return;
  const tier = nameTier(text.slice(s, e));
  if (!tier) return;
  const value = readValue(text, e, tier);
  if (value) out.push(finding('credential', value.start, value.end, tier === 'password' ? 'password-assignment' : 'secret-assignment'));
}

/** A cue word at [at, at + length), widened to its whole name; returns the name's end. */
function cueAt(text: string, at: number, length: number, out: Finding[]): number {
  let s = at;
  let e = at + length;
  while (s > 0 && isNameChar(text.charCodeAt(s - 1))) s--;
  while (e < text.length && isNameChar(text.charCodeAt(e))) e++;
  assigned(text, s, e, out);
  return e;
}

// Each name character as a bit set of the cue letters it is (any case) plus NAME_CHAR, so reading a name backwards
// also tells which cue words it could spell.
const NAME_CHAR = 1 << 30;
const NAME_BITS = new Int32Array(128);
for (const c of '0123456789.-') NAME_BITS[c.charCodeAt(0)] = NAME_CHAR;
for (let c = 97; c <= 122; c++) NAME_BITS[c] = NAME_BITS[c - 32] = NAME_CHAR | (1 << (c - 97));
NAME_BITS[95] = NAME_CHAR | (1 << 26); // '_', in "bundle_"
const CUE_BITS = Int32Array.from(CUES, (cue) => [...cue].reduce((bits, c) => bits | NAME_BITS[c.charCodeAt(0)]!, 0) & ~NAME_CHAR);
// Each cue's least common letter, by English letter frequency: a name with none of them spells no cue.
const BY_FREQUENCY = 'etaoinsrhldcumfpgwybvkxjqz_';
const RARE_BITS = CUES.reduce((bits, cue) => {
  const rarest = [...cue].reduce((a, b) => (BY_FREQUENCY.indexOf(b) > BY_FREQUENCY.indexOf(a) ? b : a));
  return bits | (NAME_BITS[rarest.charCodeAt(0)]! & ~NAME_CHAR);
}, 0);

// Finding an operator and reading the name before it costs about what the cue scan spends on this many characters
// of prose; SLACK lets a dense stretch at the start (a code block) pass.
const CHARS_PER_OPERATOR = 32;
const SLACK = 512;

/**
 * What eachCue(NAME_HIT) with mayAssign would pick, found from the other end: the name before each ':', '=', '?',
 * '+' and " is", and each name ending in "bearer", taken in text order if it holds a cue word. False, having taken
 * nothing, as soon as ':' and '=' turn out too dense for that to be the cheaper way; they are gathered in text order
 * so JSON or a key=value list is given up on within its first kilobyte or so.
 */
function byAssignments(text: string, out: Finding[]): boolean {
  const units = codeUnits(text);
  const ends: number[] = [];
  const n = text.length;
  let colon = text.indexOf(':');
  let equals = text.indexOf('=');
  if (colon === -1) colon = n;
  if (equals === -1) equals = n;
  for (let ops = 1; colon < n || equals < n; ops++) {
    let i: number;
    if (colon < equals) {
      i = colon;
      colon = text.indexOf(':', i + 1);
      if (colon === -1) colon = n;
    } else {
      i = equals;
      equals = text.indexOf('=', i + 1);
      if (equals === -1) equals = n;
    }
    if (ops * CHARS_PER_OPERATOR > i + SLACK) return false;
    nameBefore(units, i, i, ends);
  }
  for (const op of '?+') for (let i = text.indexOf(op); i !== -1; i = text.indexOf(op, i + 1)) nameBefore(units, i, i, ends);
  // Only " is " between blanks reads as an operator (OPERATOR's [ \t]is[ \t]); an end before any other "is" takes
  // nothing, unless the name is "…bearer", which the scan below finds anyway. The regex skips on the literal.
  IS_OPERATOR.lastIndex = 0;
  while (IS_OPERATOR.test(text)) {
    const i = IS_OPERATOR.lastIndex - 3;
    nameBefore(units, i, i - 1, ends);
    IS_OPERATOR.lastIndex--; // the closing blank may open the next " is "
  }
  eachCue(text, BEARER, (at, length) => {
    if (!isNameChar(units[at + length] ?? 0)) ends.push(at + length);
  });
  let last = -1;
  for (const e of ends.sort((a, b) => a - b)) {
    if (e === last) continue;
    last = e;
    let s = e;
    while (s > 0 && isNameChar(units[s - 1]!)) s--;
    if (HAS_CUE.test(text.slice(s, e))) assigned(text, s, e, out);
  }
  return true;
}

/**
 * Back from `op` the way mayAssign reads forward (blanks, then one quote) to the end of a name, kept in `ends` if its
 * letters could spell a cue word. The name must end at or before `before`: " is" needs a blank or quote skipped, as
 * in "keyisvalid" the "is" is inside the name.
 */
function nameBefore(units: Uint16Array, op: number, before: number, ends: number[]): void {
  let e = op;
  while (e > 0 && (units[e - 1] === 32 || units[e - 1] === 9)) e--;
  if (e > 0 && (units[e - 1] === 34 || units[e - 1] === 39)) e--;
  if (e > before) return;
  // Out of the table (before the text, or past ASCII) reads undefined, which `| 0` makes 0: not a name character.
  let bits = 0;
  for (let s = e, b = NAME_BITS[units[s - 1]!]! | 0; b !== 0; b = NAME_BITS[units[--s - 1]!]! | 0) bits |= b;
  if ((bits & RARE_BITS) === 0) return;
  for (let k = 0; k < CUE_BITS.length; k++) {
    const cue = CUE_BITS[k]!;
    if ((bits & cue) === cue) {
      ends.push(e);
      return;
    }
  }
}

const BEARER = /bearer/gi;
const IS_OPERATOR = /[ \t]is[ \t]/g;

type Tier = 'password' | 'key';

/** [\w.-] */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 || c === 46 || c === 45;
}

/** What readValue needs right after the name: a quote or an operator (':', '=', '?', '+', ' is '), or "Bearer ". */
function mayAssign(text: string, nameEnd: number): boolean {
  let i = nameEnd;
  if (text.charCodeAt(i) === 34 || text.charCodeAt(i) === 39) i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const c = text.charCodeAt(i);
  if (c === 58 || c === 61 || c === 63 || c === 43 || (c === 105 && text.charCodeAt(i + 1) === 115)) return true;
  return bearerBefore(text, nameEnd);
}

/** Whether the name ends in "bearer", any case (what /^bearer$/i says of the six characters before `end`). */
function bearerBefore(text: string, end: number): boolean {
  if (end < 6) return false;
  for (let k = 0; k < 6; k++) if ((text.charCodeAt(end - 6 + k) | 32) !== BEARER_UNITS[k]) return false;
  return true;
}

const BEARER_UNITS = [98, 101, 97, 114, 101, 114];

/** Splits `DB_PASSWORD`, `apiKey`, `SONAR.LOGIN` into words and decides what kind of secret the name announces. */
function nameTier(name: string): Tier | null {
  // Bundler keeps `user:pass` per gem host in BUNDLE_<HOST>.
  if (name.startsWith('BUNDLE_') && /^BUNDLE_\w+__[A-Z]+$/.test(name)) return 'password';
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (!last || NOT_VALUE.has(last)) return null;
  if (words.some((w) => PASSWORD_WORDS.has(w))) return 'password';
  if (words.some((w) => KEY_WORDS.has(w))) return 'key';
  return null;
}

/** A name's words, lower-cased: split at '_', '.', '-' and where a lower-case letter or digit meets a capital. */
function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = name.charCodeAt(i);
    const separator = i === name.length || c === 95 || c === 46 || c === 45;
    if (!separator && !(c >= 65 && c <= 90 && i > 0 && isLowerOrDigit(name.charCodeAt(i - 1)))) continue;
    if (i > start) words.push(name.slice(start, i).toLowerCase());
    start = separator ? i + 1 : i;
  }
  return words;
}

function isLowerOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

// The regexes below run only where their first character allows a match: each exec costs about as much as the
// character tests together.
function readValue(text: string, nameEnd: number, tier: Tier): { start: number; end: number } | null {
  OPERATOR.lastIndex = nameEnd;
  const op = OPERATOR.test(text);
  const opEnd = OPERATOR.lastIndex;
  let at: number;
  if (op) at = opEnd;
  else if (!bearerBefore(text, nameEnd)) return null;
  else {
    at = nameEnd;
    while (at < nameEnd + 8 && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  }
  const first = text.charCodeAt(at) | 32;
  if (first === 98 || first === 116 || first === 100) {
    const scheme = SCHEME.exec(text.slice(at, at + 12));
    if (scheme) at += scheme[0].length;
  }
  const quote = text.charCodeAt(at);
  let value: string | undefined;
  let start = at;
  if (quote === 34 || quote === 39 || quote === 96) {
    QUOTED.lastIndex = at;
    const q = QUOTED.exec(text);
    if (q) {
      value = q[2];
      start = at + 1;
    }
  }
  if (value === undefined) {
    BARE.lastIndex = at;
    value = BARE.exec(text)?.[0];
  }
  if (!value) return null;
  const byIs = op && tier === 'password' && text.slice(nameEnd, opEnd).includes('is');
  return accepts(value, tier, byIs) ? { start, end: start + value.length } : null;
}

const SCHEME = /^(?:bearer|basic|token|digest)[ \t]+/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOTTED = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

// One conjunction of pure tests, so the cheap length tests go first.
function accepts(value: string, tier: Tier, byIs: boolean): boolean {
  if (value.length < (tier === 'password' ? 4 : 16)) return false;
  if (value.includes('(') || value.includes(')')) return false;
  // Code, not a literal: `XSalsa20.key_length`, `os.environ.get`, `process.env.KEY`.
  if (value.includes('.') && DOTTED.test(value)) return false;
  if (looksTemplate(value) || isPlaceholderWord(value) || looksPlaceholder(value)) return false;
  // "the password is required" is prose
  if (tier === 'password') return !(byIs && !/[\d\W_]/.test(value));
  // npm, Heroku and Snyk issue UUIDs as tokens; the secret-looking name is the evidence there.
  if (value.length === 36 && UUID.test(value)) return true;
  return value.length >= 16 && shannon(value) >= 3.5 && (/\d/.test(value) || value.length >= 30);
}
