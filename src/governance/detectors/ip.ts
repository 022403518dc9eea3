// IPv4 and IPv6 addresses (with an optional CIDR prefix). IPv6 candidates are grown around each ':' and handed to
// node's parser, so MAC addresses, times, ratios and C++ scopes fail validation instead of needing special cases.
import { isIPv6 } from 'node:net';
import type { Finding } from '../types.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const V4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?(?![\w]|\.\d)/g;
/** [0-9A-Fa-f:.] */
const v6Char = (c: number): boolean => (c >= 48 && c <= 58) || c === 46 || ((c | 32) >= 97 && (c | 32) <= 102);
/** [A-Za-z0-9_] */
const wordChar = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
const VERSION = /(?:version|ver\.?|v)\s*$/i;
const PREFIX = /^\/(?:12[0-8]|1[01]\d|[1-9]?\d)(?!\d)/;

/** A '.' one to three characters in: how a dotted quad starts, and few of a text's numbers do. */
const quadStart = (text: string, at: number): boolean =>
  text.charCodeAt(at + 1) === 46 || text.charCodeAt(at + 2) === 46 || text.charCodeAt(at + 3) === 46;

export function findIps(text: string): Finding[] {
  const out: Finding[] = [];
  eachNumberMatch(text, V4, (m) => {
    // "1.2.3.4" right after "version"/"v" is a version string, not an address.
    if (!VERSION.test(text.slice(Math.max(0, m.index - 8), m.index))) out.push(finding('ip', m.index, m.index + m[0].length, 'ipv4'));
  }, 4, quadStart);
  findIpv6(text, out);
  return out;
}

function findIpv6(text: string, out: Finding[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    // Every address has two colons at most four hex digits apart; most colons ("key: value", "http://") have none,
    // and cost this look ahead instead of growing a candidate around them.
    if (!pairAhead(text, colon)) {
      colon = text.indexOf(':', colon + 1);
      continue;
    }
    let s = colon;
    while (s > 0 && v6Char(text.charCodeAt(s - 1))) s--;
    // glued to a word, like the time in "2026-01-14T09:12:44Z": no address, so the run is not grown
    if (wordChar(text.charCodeAt(s - 1))) {
      colon = text.indexOf(':', colon + 1);
      continue;
    }
    let end = colon + 1;
    while (end < text.length && v6Char(text.charCodeAt(end))) end++;
    addressIn(text, s, end, out);
    colon = text.indexOf(':', end);
  }
}

/** A ':' or hex digits then ':' within the four characters after the colon at `at`. */
function pairAhead(text: string, at: number): boolean {
  for (let i = at + 1; i <= at + 5; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) return true;
    if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) return false;
  }
  return false;
}

/** The address in the run [s, end) of address characters (not glued to a word on the left), if it is one. */
function addressIn(text: string, s: number, end: number, out: Finding[]): void {
  let e = end;
  while (e > s && (text[e - 1] === '.' || (text[e - 1] === ':' && text[e - 2] !== ':'))) e--;
  // "retries: 3", "http://": the shortest address is "::1", and it needs a second colon.
  if (e - s < 3 || text.indexOf(':', s) === text.lastIndexOf(':', e - 1)) return;
  if (wordChar(text.charCodeAt(e)) && !v6Char(text.charCodeAt(e))) return;
  const value = text.slice(s, e);
  if (!/\d/.test(value) || !isIPv6(value)) return;
  const prefix = PREFIX.exec(text.slice(e, e + 4));
  out.push(finding('ip', s, prefix ? e + prefix[0].length : e, 'ipv6'));
}
