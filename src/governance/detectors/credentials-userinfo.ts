// Passwords recognised by where they stand in a URL or a command: `user:password@` after a scheme's '://', and
// `curl -u user:password`.
import type { Finding } from '../types.ts';
import { isPlaceholderWord, looksPlaceholder, looksTemplate } from './entropy.ts';
import { finding } from './finding.ts';

const USERINFO = /^([^\s:/@"'<>]*):([^\s/"'<>]+)@(?=[\w[])/;
const CURL_USER = /\bcurl\b(?:[^\n]|\\\n)*?\s(?:-u|--user)\s+('[^'\n]*'|"[^"\n]*"(?::"[^"\n]*")?|[^\s'"]+)/g;
const SPACE = /\s/;

export function findUrlPasswords(text: string): Finding[] {
  const out: Finding[] = [];
  // Searching '://' stops at every ':' (~4 µs on 32 KB of code), and most URLs carry no userinfo. A userinfo's '@' is
  // 5 to 301 characters after its '://' (the window USERINFO reads), and '@' is rare: only the '://' that close
  // before an '@' are read, in text order, each once.
  let url = text.indexOf('://');
  for (let at = url === -1 ? -1 : text.indexOf('@', url + 5); at !== -1 && url !== -1; ) {
    if (url < at - 301) url = text.indexOf('://', at - 301);
    while (url !== -1 && url <= at - 5) {
      userinfoAt(text, url, out);
      url = text.indexOf('://', url + 3);
    }
    if (url !== -1) at = text.indexOf('@', Math.max(at + 1, url + 5));
  }
  if (hasUserOption(text)) findCurlUsers(text, out);
  return out;
}

/**
 * Whether some "-u" follows a blank, or the '-' of "--user": CURL_USER needs `\s(?:-u|--user)`. Searching "-u" stops
 * only at '-', which is far rarer than the 'c' of "curl", and "follow-up" or "e-mail-user" do not qualify.
 */
function hasUserOption(text: string): boolean {
  for (let i = text.indexOf('-u'); i !== -1; i = text.indexOf('-u', i + 2)) {
    if (i > 0 && (text.charCodeAt(i - 1) === 45 || SPACE.test(text[i - 1]!))) return text.includes('curl');
  }
  return false;
}

/** `user:password@` right after the '://' at `i`. */
function userinfoAt(text: string, i: number, out: Finding[]): void {
  const m = USERINFO.exec(text.slice(i + 3, i + 3 + 300));
  if (!m) return;
  const [, user = '', pass = ''] = m;
  if (looksTemplate(pass) || looksTemplate(user) || looksPlaceholder(pass) || pass.includes('{')) return;
  out.push(finding('credential', i + 3, i + 3 + user.length + 1 + pass.length, 'url-userinfo'));
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
