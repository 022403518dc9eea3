// IPv4 and IPv6 addresses (with an optional CIDR prefix). IPv6 candidates are grown around each ':' and handed to
// node's parser, so MAC addresses, times, ratios and C++ scopes fail validation instead of needing special cases.
import { isIPv6 } from 'node:net';
import type { Finding } from '../types.ts';
import { codeUnits } from './code-units.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const V4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?(?![\w]|\.\d)/g;
// Character classes as bits, looked up on the shared code units: a word character [A-Za-z0-9_], a hex digit, and ':'
// or '.', which with the hex digits make up an address.
const WORD = 1;
const HEX = 2;
const COLON_OR_DOT = 4;
const V6 = HEX | COLON_OR_DOT;
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = (/\w/.test(ch) ? WORD : 0) | (/[0-9A-Fa-f]/.test(ch) ? HEX : 0) | (ch === ':' || ch === '.' ? COLON_OR_DOT : 0);
}
const is = (units: Uint16Array, i: number, bits: number): boolean => ((CLASS[units[i] ?? 0] ?? 0) & bits) !== 0;
const VERSION = /(?:version|ver\.?|v)\s*$/i;
const PREFIX = /^\/(?:12[0-8]|1[01]\d|[1-9]?\d)(?!\d)/;

/** A '.' one to three characters in: how a dotted quad starts, and few of a text's numbers do. */
const quadStart = (units: Uint16Array, at: number): boolean => units[at + 1] === 46 || units[at + 2] === 46 || units[at + 3] === 46;

export function findIps(text: string): Finding[] {
  const out: Finding[] = [];
  const units = codeUnits(text);
  eachNumberMatch(text, V4, (m) => {
    // "1.2.3.4" right after "version"/"v" is a version string, not an address.
    if (!VERSION.test(text.slice(Math.max(0, m.index - 8), m.index))) out.push(finding('ip', m.index, m.index + m[0].length, 'ipv4'));
  }, 4, (_, at) => quadStart(units, at));
  findIpv6(text, units, out);
  return out;
}

function findIpv6(text: string, units: Uint16Array, out: Finding[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    // Every address has two colons at most four hex digits apart; most colons ("key: value", "http://") have none,
    // and cost this look ahead instead of growing a candidate around them.
    if (!pairAhead(units, colon)) {
      colon = text.indexOf(':', colon + 1);
      continue;
    }
    let s = colon;
    while (s > 0 && is(units, s - 1, V6)) s--;
    // glued to a word, like the time in "2026-01-14T09:12:44Z": no address, so the run is not grown
    if (is(units, s - 1, WORD)) {
      colon = text.indexOf(':', colon + 1);
      continue;
    }
    let end = colon + 1;
    while (end < text.length && is(units, end, V6)) end++;
    addressIn(text, units, s, end, out);
    colon = text.indexOf(':', end);
  }
}

/** A ':' or hex digits then ':' within the four characters after the colon at `at`. */
function pairAhead(units: Uint16Array, at: number): boolean {
  for (let i = at + 1; i <= at + 5; i++) {
    if (units[i] === 58) return true;
    if (!is(units, i, HEX)) return false;
  }
  return false;
}

/** The address in the run [s, end) of address characters (not glued to a word on the left), if it is one. */
function addressIn(text: string, units: Uint16Array, s: number, end: number, out: Finding[]): void {
  let e = end;
  while (e > s && (text[e - 1] === '.' || (text[e - 1] === ':' && text[e - 2] !== ':'))) e--;
  // "retries: 3", "http://": the shortest address is "::1", and it needs a second colon.
  if (e - s < 3 || text.indexOf(':', s) === text.lastIndexOf(':', e - 1)) return;
  if (is(units, e, WORD) && !is(units, e, V6)) return;
  const value = text.slice(s, e);
  if (!/\d/.test(value) || !isIPv6(value)) return;
  const prefix = PREFIX.exec(text.slice(e, e + 4));
  out.push(finding('ip', s, prefix ? e + prefix[0].length : e, 'ipv6'));
}
