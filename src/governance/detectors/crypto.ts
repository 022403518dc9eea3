// Cryptocurrency wallet addresses: Bitcoin legacy (Base58Check, double SHA-256 checksum), Bitcoin SegWit (bech32 /
// bech32m checksum, BIP 173/350) and Ethereum (0x + 40 hex; EIP-55 would need Keccak, which node:crypto lacks).
import { createHash } from 'node:crypto';
import type { Finding } from '../types.ts';
import { codeUnits } from './code-units.ts';
import { finding } from './finding.ts';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
// Each address is a whole word (the look-arounds), so two matches never overlap.
const LEGACY = /(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])/y;
const SEGWIT = /(?<![\w])(?:bc|tb)1[02-9ac-hj-np-z]{11,71}(?![\w])/iy;
const ETH = /(?<![\w])0x[0-9a-fA-F]{40}(?![\w])/y;
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

export function base58Check(s: string): boolean {
  let n = 0n;
  for (const c of s) {
    const v = BASE58.indexOf(c);
    if (v < 0) return false;
    n = n * 58n + BigInt(v);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const lead = s.length - s.replace(/^1+/, '').length;
  const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(hex, 'hex')]);
  if (bytes.length !== 25) return false;
  const body = bytes.subarray(0, 21);
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  return sum.subarray(0, 4).equals(bytes.subarray(21));
}

export function bech32Valid(addr: string): boolean {
  const s = addr.toLowerCase();
  const sep = s.lastIndexOf('1');
  const hrp = s.slice(0, sep);
  const data = [...s.slice(sep + 1)].map((c) => BECH32.indexOf(c));
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...data];
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] ?? 0;
  }
  return chk === 1 || chk === 0x2bc830a3;
}

// Bit 1: a word character ([A-Za-z0-9_], \w in the regexes above); bit 2: a letter or digit, what a legacy address
// is made of.
const KIND = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  KIND[c] = /[A-Za-z0-9]/.test(ch) ? 3 : ch === '_' ? 1 : 0;
}

/** Starts a word, and the 25 characters after it are letters or digits: the least a legacy address is. */
function legacyAt(units: Uint16Array, at: number): boolean {
  if ((KIND[units[at - 1] ?? 0] ?? 0) !== 0) return false;
  for (let i = at + 1; i <= at + 25; i++) if (((KIND[units[i] ?? 0] ?? 0) & 2) === 0) return false;
  return true;
}

/** "bc" or "tb", in either case. */
function hrpAt(units: Uint16Array, at: number): boolean {
  const a = (units[at] ?? 0) | 32;
  const b = (units[at + 1] ?? 0) | 32;
  return (a === 98 && b === 99) || (a === 116 && b === 98);
}

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

// Every address starts at, or holds, a fixed character: a legacy one starts with '1' or '3', a SegWit one has '1'
// after "bc"/"tb", an Ethereum one starts with "0x". indexOf finds those far faster than a regex tries every position
// ("0x" by its 'x', a rarer character than '0' in code and logs). The characters around each are read from the
// shared code units, faster than charCodeAt.
export function findWallets(text: string): Finding[] {
  const units = codeUnits(text);
  const legacy: Finding[] = [];
  const segwit: Finding[] = [];
  const eth: Finding[] = [];
  for (let at = text.indexOf('1'); at !== -1; at = text.indexOf('1', at + 1)) {
    // A SegWit '1' follows its "bc"/"tb", a legacy one no word character: never both.
    if ((KIND[units[at - 1] ?? 0] ?? 0) === 0) base58At(text, units, at, legacy);
    else if (at >= 2 && hrpAt(units, at - 2)) {
      const bech = matchAt(SEGWIT, text, at - 2);
      if (bech !== null && bech32Valid(bech)) segwit.push(finding('crypto_wallet', at - 2, at - 2 + bech.length, 'btc-bech32'));
    }
  }
  for (let at = text.indexOf('3'); at !== -1; at = text.indexOf('3', at + 1)) base58At(text, units, at, legacy);
  legacy.sort((a, b) => a.start - b.start);
  for (let x = text.indexOf('x'); x !== -1; x = text.indexOf('x', x + 1)) {
    if (units[x - 1] !== 48) continue;
    const hex = matchAt(ETH, text, x - 1);
    if (hex !== null) eth.push(finding('crypto_wallet', x - 1, x - 1 + hex.length, 'eth-address'));
  }
  return [...legacy, ...segwit, ...eth];
}

function base58At(text: string, units: Uint16Array, at: number, out: Finding[]): void {
  const addr = legacyAt(units, at) ? matchAt(LEGACY, text, at) : null;
  if (addr !== null && base58Check(addr)) out.push(finding('crypto_wallet', at, at + addr.length, 'btc-base58'));
}
