// The inspect stage's scanner: every detector over one text, overlaps resolved, sorted by start.
import type { TermRule } from '../config/types.ts';
import { findAddresses } from './detectors/address.ts';
import { findBankNumbers } from './detectors/bank.ts';
import { findCards } from './detectors/card.ts';
import { findAssignedSecrets } from './detectors/credentials-assign.ts';
import { findUrlPasswords } from './detectors/credentials-userinfo.ts';
import { findPrivateKeys, findVendorKeys } from './detectors/credentials.ts';
import { findWallets } from './detectors/crypto.ts';
import { findBirthDates } from './detectors/dob.ts';
import { findEmails } from './detectors/email.ts';
import { findIbans } from './detectors/iban.ts';
import { findIps } from './detectors/ip.ts';
import { findNationalIds } from './detectors/national-id.ts';
import { findPersons } from './detectors/person.ts';
import { findPhones } from './detectors/phone.ts';
import { termScanner } from './detectors/terms.ts';
import type { Detect, Finding, FindingType } from './types.ts';

// Detectors whose every finding holds a digit (numbers, dates, IBANs, wallets, IPs, ids after their cue): a text
// without any digit — most of ordinary prose — is spared all of them at the cost of one scan for a digit.
const NEED_DIGIT: Detect[] = [findCards, findIbans, findWallets, findIps, findNationalIds, findBirthDates, findBankNumbers, findPhones];
const ANY_TEXT: Detect[] = [findVendorKeys, findPrivateKeys, findUrlPasswords, findAssignedSecrets, findEmails, findAddresses, findPersons];
const DIGIT = /\d/;

// Which finding keeps the characters when two overlap: the most specific evidence first. A credential inside a
// URL or an email-looking `user:pass@host` is a credential; a validated number beats a cue-based one; names and
// addresses, the fuzziest, give way to everything.
export const RANK: Record<FindingType, number> = {
  credential: 10, term: 9, card: 8, iban: 8, crypto_wallet: 8, ssn: 7, email: 7, passport: 6, driver_license: 6,
  bank_account: 6, date_of_birth: 6, ip: 5, phone: 4, address: 2, person: 1,
};

export const CUTTABLE: ReadonlySet<FindingType> = new Set(['address', 'person', 'term']);

export function createDetector(terms: TermRule[]): Detect {
  const always = terms.length > 0 ? [termScanner(terms), ...ANY_TEXT] : ANY_TEXT;
  const detect: Detect = (text) => {
    const all: Finding[] = [];
    for (const scan of always) for (const f of scan(text)) all.push(f);
    if (DIGIT.test(text)) for (const scan of NEED_DIGIT) for (const f of scan(text)) all.push(f);
    return all.length === 0 ? all : resolveOverlaps(text, all);
  };
  // The first scan compiles a hundred regexes; done here, at start, it cannot push a first request past the
  // inspection budget (which blocks the request) on a busy machine.
  for (let i = 0; i < 3; i++) detect(WARM_UP);
  return detect;
}

// Made up for the warm-up: a bit of every shape the detectors look for.
const WARM_UP = [
  'Dear Mr. Okafor, my name is Lena Brandt; write to lena.brandt@example.org or call +49 30 1234567 or (415) 555-0132.',
  'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, account no: 12345678, routing 021000021, SSN 123-45-6789.',
  'Born on 03/14/1987, passport X1234567, driver license D1234-5678; ship to 221 Baker Street, Apt. 4B, London.',
  'host 192.0.2.1 and 2001:db8::1; wallet 0x52908400098527886E0F7030069857D2E4169EE7.',
  'OPENAI_API_KEY=sk-proj-AbC9dEf8GhI7jKl6MnO5pQr4StU3vWx2Yz1; url postgres://app:Pa55word!@db:5432/x; the password is Hunter2!',
].join('\n');

/**
 * Keeps findings in rank order (longer first within a rank). A lower-ranked address, name or term that overlaps
 * kept findings is cut to the parts still free, so an address that brushes a phone number keeps its street;
 * any other overlapping finding is dropped.
 */
export function resolveOverlaps(text: string, findings: Finding[]): Finding[] {
  const near = overlapping(findings);
  const order = findings.map((_, i) => i);
  order.sort((x, y) => {
    const a = findings[x] as Finding;
    const b = findings[y] as Finding;
    return RANK[b.type] - RANK[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start;
  });
  // what each finding kept, once it has been judged: itself, the parts of it still free, or nothing
  const held = new Array<Array<[number, number]> | undefined>(findings.length);
  const kept: Finding[] = [];
  for (const i of order) {
    const f = findings[i] as Finding;
    let pieces: Array<[number, number]> = [[f.start, f.end]];
    for (const j of near[i] ?? []) {
      for (const [ks, ke] of held[j] ?? []) {
        if (ke <= f.start || ks >= f.end) continue;
        pieces = pieces.flatMap(([s, e]): Array<[number, number]> => {
          if (ke <= s || ks >= e) return [[s, e]];
          const rest: Array<[number, number]> = [];
          if (ks > s) rest.push([s, ks]);
          if (ke < e) rest.push([ke, e]);
          return rest;
        });
      }
    }
    if (pieces.length === 1 && pieces[0]?.[0] === f.start && pieces[0][1] === f.end) {
      kept.push(f);
      held[i] = pieces;
      continue;
    }
    // A part of an email, card or key is not an email, card or key: only the fuzzy spans can be cut.
    if (!CUTTABLE.has(f.type)) continue;
    const mine: Array<[number, number]> = [];
    for (const [s, e] of pieces) {
      const [ts, te] = trim(text, s, e);
      if (te - ts >= 2 && (te - ts) * 3 >= f.end - f.start) {
        kept.push({ ...f, start: ts, end: te });
        mine.push([ts, te]);
      }
    }
    held[i] = mine;
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * For each finding, the others it overlaps, from one pass over them in order of start: close to linear when most
 * findings stand apart, as they do. Judging each finding against every one kept before it was quadratic: 2,880
 * findings in 128 KiB of contact lines took 28.6 ms, and a long enough list would have run past the inspection
 * budget and been blocked.
 */
function overlapping(findings: Finding[]): number[][] {
  const near: number[][] = findings.map(() => []);
  const byStart = findings.map((_, i) => i);
  byStart.sort((x, y) => (findings[x] as Finding).start - (findings[y] as Finding).start);
  for (let x = 0; x < byStart.length; x++) {
    const i = byStart[x] as number;
    const a = findings[i] as Finding;
    for (let y = x + 1; y < byStart.length; y++) {
      const j = byStart[y] as number;
      const b = findings[j] as Finding;
      if (b.start >= a.end) break;
      if (b.end > a.start) {
        (near[i] as number[]).push(j);
        (near[j] as number[]).push(i);
      }
    }
  }
  return near;
}

export function trim(text: string, s: number, e: number): [number, number] {
  while (s < e && /[\s,.;:()'"-]/.test(text[s] ?? '')) s++;
  while (e > s && /[\s,.;:()'"-]/.test(text[e - 1] ?? '')) e--;
  return [s, e];
}
