// Credentials by their published formats: vendor keys (credentials-vendors.ts), private-key blocks and JWTs.
// Only runs of token characters at least 12 long are examined, so prose costs one cheap regex pass; the vendor
// alternation then runs on those runs alone.
import type { Finding } from '../types.ts';
import { VENDOR_RULES } from './credentials-vendors.ts';
import { looksPlaceholder, shannon } from './entropy.ts';
import { finding } from './finding.ts';

// Characters that can occur inside a token (base64, base64url, hex, `id:secret`, `a|b` Facebook tokens, URLs).
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~+/=|:%') TOKEN_CHAR[c.charCodeAt(0)] = 1;
const MIN_TOKEN = 12;
const isToken = (c: number): boolean => c < 128 && TOKEN_CHAR[c] === 1;
const VENDOR = new RegExp(
  `(?:${VENDOR_RULES.map((r) => `${r.glued ? '' : '(?<![A-Za-z0-9])'}(${r.pattern})`).join('|')})(?![\\w-])`,
  'g',
);
const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

export function findVendorKeys(text: string): Finding[] {
  const out: Finding[] = [];
  const n = text.length;
  // Skip ahead like Boyer-Moore: a run of MIN_TOKEN token characters starting at or after `i` must cover
  // i + MIN_TOKEN - 1, so prose with short words is crossed a dozen characters at a time.
  let i = 0;
  while (i + MIN_TOKEN <= n) {
    const probe = i + MIN_TOKEN - 1;
    if (!isToken(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && isToken(text.charCodeAt(s - 1))) s--;
    // A gap after `i`: the run through the probe starts there and holds fewer than MIN_TOKEN characters so far.
    // Probe again from its start instead of reading it to the end (prose words are all shorter than that).
    if (s > i) {
      i = s;
      continue;
    }
    let e = probe + 1;
    while (e < n && isToken(text.charCodeAt(e))) e++;
    if (e - s >= MIN_TOKEN && mayHoldKey(text, s, e)) matchVendors(text.slice(s, e), s, out);
    i = e + 1;
  }
  return out;
}

/**
 * The vendor alternation is the costly part, so a run must first look like it could hold a key: every format but
 * Slack's is at least 20 characters, and a random key has digits or several capitals ("row.created_at" has neither).
 */
function mayHoldKey(text: string, s: number, e: number): boolean {
  let digits = 0;
  let upper = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) upper++;
  }
  if (e - s >= 20 && (digits > 0 || upper >= 3)) return true;
  const run = text.slice(s, e);
  return run.includes('xox') || run.includes('xapp-');
}

function matchVendors(token: string, offset: number, out: Finding[]): void {
  VENDOR.lastIndex = 0;
  for (let m = VENDOR.exec(token); m; m = VENDOR.exec(token)) {
    const i = m.findIndex((g, k) => k > 0 && g !== undefined);
    const rule = VENDOR_RULES[i - 1];
    if (!rule) continue;
    if (!rule.keepPlaceholder && looksPlaceholder(m[0])) continue;
    if (rule.entropy !== undefined && shannon(m[0]) < rule.entropy) continue;
    out.push(finding('credential', offset + m.index, offset + m.index + m[0].length, rule.rule));
  }
}

/** PEM / OpenSSH / PGP private-key blocks, also with JSON-escaped newlines; a body too short to be a key is a doc stub. */
export function findPrivateKeys(text: string): Finding[] {
  const out: Finding[] = [];
  if (!text.includes('-----BEGIN')) return out;
  PRIVATE_KEY.lastIndex = 0;
  for (let m = PRIVATE_KEY.exec(text); m; m = PRIVATE_KEY.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const endMark = text.indexOf('-----END', bodyStart);
    const bodyEnd = endMark === -1 ? Math.min(text.length, bodyStart + 4096) : endMark;
    let b64 = 0;
    for (let i = bodyStart; i < bodyEnd; i++) if (BASE64_CHAR.test(text[i] ?? '')) b64++;
    if (b64 < 64) continue;
    const close = endMark === -1 ? -1 : text.indexOf('-----', endMark + 8);
    const end = close === -1 ? bodyEnd : close + 5;
    out.push(finding('credential', m.index, end, 'private-key'));
    PRIVATE_KEY.lastIndex = end;
  }
  return out;
}
