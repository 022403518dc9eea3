// IPv4 and IPv6 addresses (with an optional CIDR prefix). IPv6 candidates are grown around each ':' and handed to
// node's parser, so MAC addresses, times, ratios and C++ scopes fail validation instead of needing special cases.
import { isIPv6 } from 'node:net';
import type { Finding } from '../types.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const V4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?(?![\w]|\.\d)/g;
/** [0-9A-Fa-f:.] */
const v6Char = (c: number): boolean => (c >= 48 && c <= 58) || c === 46 || ((c | 32) >= 97 && (c | 32) <= 102);
const VERSION = /(?:version|ver\.?|v)\s*$/i;
const PREFIX = /^\/(?:12[0-8]|1[01]\d|[1-9]?\d)(?!\d)/;

export function findIps(text: string): Finding[] {
  const out: Finding[] = [];
  eachNumberMatch(text, V4, (m) => {
    // "1.2.3.4" right after "version"/"v" is a version string, not an address.
    if (!VERSION.test(text.slice(Math.max(0, m.index - 8), m.index))) out.push(finding('ip', m.index, m.index + m[0].length, 'ipv4'));
  }, 4);
  findIpv6(text, out);
  return out;
}

function findIpv6(text: string, out: Finding[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let s = colon;
    while (s > 0 && v6Char(text.charCodeAt(s - 1))) s--;
    let e = colon + 1;
    while (e < text.length && v6Char(text.charCodeAt(e))) e++;
    while (e > s && (text[e - 1] === '.' || (text[e - 1] === ':' && text[e - 2] !== ':'))) e--;
    // "retries: 3", "http://": the shortest address is "::1", and it needs a second colon.
    if (e - s < 3 || text.indexOf(':', s) === text.lastIndexOf(':', e - 1)) {
      colon = text.indexOf(':', Math.max(e, colon + 1));
      continue;
    }
    const value = text.slice(s, e);
    const bounded = !/[\w]/.test(text[s - 1] ?? ' ') && !/[G-Zg-z_]/.test(text[e] ?? ' ');
    if (bounded && /\d/.test(value) && isIPv6(value)) {
      const prefix = PREFIX.exec(text.slice(e, e + 4));
      const end = prefix ? e + prefix[0].length : e;
      out.push(finding('ip', s, end, 'ipv6'));
    }
    colon = text.indexOf(':', Math.max(e, colon + 1));
  }
}
