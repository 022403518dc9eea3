// Credentials by their published formats: vendor keys (credentials-vendors.ts), private-key blocks and JWTs.
// Only runs of token characters at least 12 long are examined, so prose costs one cheap regex pass; the vendor
// alternation then runs on those runs alone.
import type { Finding } from '../types.ts';
import { VENDOR_RULES } from './credentials-vendors.ts';
import { looksPlaceholder, shannon } from './entropy.ts';
import { finding } from './finding.ts';

const TOKEN_RUN = /[\w\-.~+/=|:%]{12,}/g;
const VENDOR = new RegExp(
  `(?:${VENDOR_RULES.map((r) => `${r.glued ? '' : '(?<![A-Za-z0-9])'}(${r.pattern})`).join('|')})(?![\\w-])`,
  'g',
);
const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

export function findVendorKeys(text: string): Finding[] {
  const out: Finding[] = [];
  for (const run of text.matchAll(TOKEN_RUN)) {
    const token = run[0];
    VENDOR.lastIndex = 0;
    for (let m = VENDOR.exec(token); m; m = VENDOR.exec(token)) {
      const i = m.findIndex((g, k) => k > 0 && g !== undefined);
      const rule = VENDOR_RULES[i - 1];
      if (!rule) continue;
      if (!rule.keepPlaceholder && looksPlaceholder(m[0])) continue;
      if (rule.entropy !== undefined && shannon(m[0]) < rule.entropy) continue;
      out.push(finding('credential', run.index + m.index, run.index + m.index + m[0].length, rule.rule));
    }
  }
  return out;
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
