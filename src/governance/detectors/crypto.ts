// Cryptocurrency wallet addresses: Bitcoin legacy (Base58Check, double SHA-256 checksum), Bitcoin SegWit (bech32 /
// bech32m checksum, BIP 173/350) and Ethereum (0x + 40 hex; EIP-55 would need Keccak, which node:crypto lacks).
import { createHash } from 'node:crypto';
import type { Finding } from '../types.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const LEGACY = /(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])/g;
const SEGWIT = /(?<![\w])(?:bc|tb)1[02-9ac-hj-np-z]{11,71}(?![\w])/gi;
const ETH = /(?<![\w])0x[0-9a-fA-F]{40}(?![\w])/g;
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

/** '1' or '3' followed by at least 25 more letters and digits: the least a legacy address is. */
function legacyStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 49 && c !== 51) return false;
  for (let i = at + 1; i <= at + 25; i++) {
    const d = text.charCodeAt(i);
    if (!((d >= 48 && d <= 57) || ((d | 32) >= 97 && (d | 32) <= 122))) return false;
  }
  return true;
}

const hexStart = (text: string, at: number): boolean => text.charCodeAt(at) === 48 && text.charCodeAt(at + 1) === 120;

export function findWallets(text: string): Finding[] {
  const out: Finding[] = [];
  eachNumberMatch(text, LEGACY, (m) => {
    if (base58Check(m[0])) out.push(finding('crypto_wallet', m.index, m.index + m[0].length, 'btc-base58'));
  }, 1, legacyStart);
  for (const m of text.matchAll(SEGWIT)) {
    if (bech32Valid(m[0])) out.push(finding('crypto_wallet', m.index, m.index + m[0].length, 'btc-bech32'));
  }
  eachNumberMatch(text, ETH, (m) => out.push(finding('crypto_wallet', m.index, m.index + m[0].length, 'eth-address')), 1, hexStart);
  return out;
}
