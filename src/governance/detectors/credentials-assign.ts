// Credentials recognised by where they stand rather than their format: `user:password@` in URLs, `curl -u`,
// values assigned to secret-looking names (`DB_PASSWORD=…`, `"api_key": "…"`), and bearer tokens.
import type { Finding } from '../types.ts';
import { isPlaceholderWord, looksPlaceholder, looksTemplate, shannon } from './entropy.ts';
import { eachCue } from './context.ts';
import { finding } from './finding.ts';

const USERINFO = /^([^\s:/@"'<>]*):([^\s/"'<>]+)@(?=[\w[])/;
const CURL_USER = /\bcurl\b(?:[^\n]|\\\n)*?\s(?:-u|--user)\s+('[^'\n]*'|"[^"\n]*"(?::"[^"\n]*")?|[^\s'"]+)/g;
const NAME_HIT = /pass|pwd|secret|token|key|auth|credential|login|bearer|bundle_/gi;
const OPERATOR = /["']?[ \t]*(?:[:?+]*=>?|:|[ \t]is[ \t])[ \t]*/y;
const QUOTED = /(["'`])([^"'`\n]{1,200})\1/y;
const BARE = /[^\s"'`,;{}()<>]{1,200}/y;
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pw']);
const KEY_WORDS = new Set(['secret', 'token', 'key', 'apikey', 'auth', 'authtoken', 'credential', 'credentials', 'login', 'bearer', 'accesskey', 'secretkey', 'privatekey', 'clientsecret', 'authorization']);
// A secret word followed by one of these names something about the secret, not the secret itself.
const NOT_VALUE = new Set(['name', 'id', 'ids', 'file', 'path', 'dir', 'url', 'uri', 'length', 'len', 'size', 'type', 'field', 'format', 'count', 'ttl', 'expiry', 'expires', 'timeout', 'prefix', 'header', 'env', 'var', 'hint', 'policy', 'label', 'index', 'mode', 'version', 'provider', 'source', 'chars', 'charset', 'alphabet', 'pattern', 'regex', 'column', 'algorithm', 'alg', 'manager', 'store', 'required', 'reset', 'rotation', 'endpoint']);

export function findUrlPasswords(text: string): Finding[] {
  const out: Finding[] = [];
  for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
    const m = USERINFO.exec(text.slice(i + 3, i + 3 + 300));
    if (!m) continue;
    const [, user = '', pass = ''] = m;
    if (looksTemplate(pass) || looksTemplate(user) || looksPlaceholder(pass) || pass.includes('{')) continue;
    out.push(finding('credential', i + 3, i + 3 + user.length + 1 + pass.length, 'url-userinfo'));
  }
  if (text.includes('curl')) findCurlUsers(text, out);
  return out;
}

function findCurlUsers(text: string, out: Finding[]): void {
  for (const m of text.matchAll(CURL_USER)) {
    const arg = m[1] ?? '';
    const plain = arg.replace(/["']/g, '');
    const colon = plain.indexOf(':');
    if (colon < 1) continue;
    const user = plain.slice(0, colon);
    const pass = plain.slice(colon + 1);
    if (!pass || pass === user || looksTemplate(plain) || isPlaceholderWord(pass) || looksPlaceholder(pass)) continue;
    if (/[[\]{}]/.test(pass) && !/^\{[\w-]+\}$/.test(pass)) continue;
    const start = m.index + m[0].length - arg.length;
    out.push(finding('credential', start, start + arg.length, 'curl-user'));
  }
}

export function findAssignedSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  const hit = (at: number, length: number): number => {
    let s = at;
    let e = at + length;
    while (s > 0 && isNameChar(text.charCodeAt(s - 1))) s--;
    while (e < text.length && isNameChar(text.charCodeAt(e))) e++;
    // Most hits are prose ("passed", "keyboard", "author"): no assignment follows, so the name is not split.
    if (!mayAssign(text, e)) return e;
    const tier = nameTier(text.slice(s, e));
    if (!tier) return e;
    const value = readValue(text, e, tier);
    if (value) out.push(finding('credential', value.start, value.end, tier === 'password' ? 'password-assignment' : 'secret-assignment'));
    return e;
  };
  // An assignment needs ':', '=', " is " or "Bearer" after the name. Code has operators everywhere, so every
  // secret-looking name is looked at; prose has few, and reading backwards from each is far cheaper than scanning
  // every word of it for a secret-looking name.
  if (operatorCount(text, FEW_OPERATORS) >= FEW_OPERATORS) eachCue(text, NAME_HIT, hit);
  else byOperators(text, hit);
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

const FEW_OPERATORS = 24;
const IS = /[ \t]is[ \t]/g;
const BEARER = /bearer/gi;

/** ':' and '=' in `text`, counted up to `limit`. */
function operatorCount(text: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(':'); i !== -1 && n < limit; i = text.indexOf(':', i + 1)) n++;
  for (let i = text.indexOf('='); i !== -1 && n < limit; i = text.indexOf('=', i + 1)) n++;
  return n;
}

/** The secret-looking name before each operator, " is " and "bearer", handed to `hit` as NAME_HIT would find it. */
function byOperators(text: string, hit: (at: number, length: number) => number): void {
  const seen = new Set<number>();
  const nameBefore = (at: number): void => {
    let e = at;
    while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (e > 0 && (text[e - 1] === '"' || text[e - 1] === "'")) e--;
    let s = e;
    while (s > 0 && isNameChar(text.charCodeAt(s - 1))) s--;
    if (s === e || seen.has(s)) return;
    seen.add(s);
    NAME_HIT.lastIndex = 0;
    const name = NAME_HIT.exec(text.slice(s, e));
    if (name) hit(s + name.index, name[0].length);
  };
  for (const op of [':', '=']) {
    for (let i = text.indexOf(op); i !== -1; i = text.indexOf(op, i + 1)) {
      // the operator may be written ':=', '+=', '?=', '=>'
      let at = i;
      while (at > 0 && (text[at - 1] === ':' || text[at - 1] === '?' || text[at - 1] === '+')) at--;
      nameBefore(at);
    }
  }
  IS.lastIndex = 0;
  for (let m = IS.exec(text); m; m = IS.exec(text)) {
    nameBefore(m.index);
    IS.lastIndex = m.index + 1;
  }
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(text); m; m = BEARER.exec(text)) BEARER.lastIndex = Math.max(hit(m.index, m[0].length), BEARER.lastIndex);
}

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
  return /^bearer$/i.test(text.slice(Math.max(0, nameEnd - 6), nameEnd));
}

/** Splits `DB_PASSWORD`, `apiKey`, `SONAR.LOGIN` into words and decides what kind of secret the name announces. */
function nameTier(name: string): Tier | null {
  if (/^BUNDLE_\w+__[A-Z]+$/.test(name)) return 'password'; // Bundler keeps `user:pass` per gem host in BUNDLE_<HOST>.
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (!last || NOT_VALUE.has(last)) return null;
  if (words.some((w) => PASSWORD_WORDS.has(w))) return 'password';
  if (words.some((w) => KEY_WORDS.has(w))) return 'key';
  return null;
}

function readValue(text: string, nameEnd: number, tier: Tier): { start: number; end: number } | null {
  OPERATOR.lastIndex = nameEnd;
  const op = OPERATOR.exec(text);
  const bearer = /^bearer$/i.test(text.slice(Math.max(0, nameEnd - 6), nameEnd));
  if (!op && !bearer) return null;
  let at = op ? nameEnd + op[0].length : nameEnd + (/^[ \t]+/.exec(text.slice(nameEnd, nameEnd + 8))?.[0].length ?? 0);
  const scheme = /^(?:bearer|basic|token|digest)[ \t]+/i.exec(text.slice(at, at + 12));
  if (scheme) at += scheme[0].length;
  QUOTED.lastIndex = at;
  BARE.lastIndex = at;
  const q = QUOTED.exec(text);
  const b = q ? null : BARE.exec(text);
  const value = q ? q[2] : b?.[0];
  if (!value) return null;
  const start = q ? at + 1 : at;
  const byIs = op?.[0].includes('is') ?? false;
  return accepts(value, tier, byIs) ? { start, end: start + value.length } : null;
}

function accepts(value: string, tier: Tier, byIs: boolean): boolean {
  if (looksTemplate(value) || isPlaceholderWord(value) || looksPlaceholder(value)) return false;
  // Code, not a literal: `XSalsa20.key_length`, `os.environ.get`, `process.env.KEY`.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) || /[()]/.test(value)) return false;
  if (tier === 'password') {
    if (byIs && !/[\d\W_]/.test(value)) return false; // "the password is required" is prose
    return value.length >= 4;
  }
  // npm, Heroku and Snyk issue UUIDs as tokens; the secret-looking name is the evidence there.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  return value.length >= 16 && shannon(value) >= 3.5 && (/\d/.test(value) || value.length >= 30);
}
