// Bank account and routing numbers. Plain digit runs are everywhere, so only a number right after an account cue
// counts; a US routing number must also pass the ABA checksum (3-7-1 weights).
import type { Finding } from '../types.ts';
import { precededByCueEnd } from './bank-cue-end.ts';
import { cuesNear } from './cue-near.ts';
import { finding } from './finding.ts';
import { eachNumberStart, maxNumberDigits } from './numbers.ts';

const ACCOUNT_CUE =
  /\b(?:(?:bank )?account(?: no\.?| number| num| #)?|acct\.?(?: no\.?| number| #)?|a\/c(?: no\.?)?|kontonummer|numéro de compte|número de cuenta|sort code|bsb)\b/gi;
const ROUTING_CUE = /\b(?:routing(?: number| no\.?| #)?|aba(?: number| no\.?| #)?|rtn)\b/gi;
const ACCOUNT_VALUE = /^[\s:#=-]{0,4}(?:is\s)?[\s:#=-]{0,3}(\d(?:[ -]?\d){5,16})(?![\w]|[.,/-]\d)/id;
const ROUTING_VALUE = /^[\s:#=-]{0,4}(?:is\s)?[\s:#=-]{0,3}(\d{9})(?![\w]|[.,/-]\d)/id;

// A value starts at a number (numbers.ts: a digit after no letter, digit or '_'; the cue's closing \b keeps it off a
// letter) at most 10 characters after its cue ends.
const BACK = 10;

export function abaValid(d: string): boolean {
  if (d.length !== 9) return false;
  const n = (i: number): number => d.charCodeAt(i) - 48;
  const sum = 3 * (n(0) + n(3) + n(6)) + 7 * (n(1) + n(4) + n(7)) + (n(2) + n(5) + n(8));
  return sum % 10 === 0;
}

export function findBankNumbers(text: string): Finding[] {
  const out: Finding[] = [];
  // every value is a number of six digits or more, standing after its cue, and the cues are looked for only just
  // before such numbers; a routing number is nine digits in a row
  if (maxNumberDigits(text) < 6) return out;
  const accounts: number[] = [];
  const routing: number[] = [];
  eachNumberStart(text, 6, (at) => {
    if (!precededByCueEnd(text, at)) return;
    accounts.push(at);
    if (nineDigits(text, at)) routing.push(at);
  });
  if (accounts.length === 0) return out;
  cuesNear(text, ACCOUNT_CUE, ACCOUNT_VALUE, BACK, accounts, (s, e) => out.push(finding('bank_account', s, e, 'bank-account-cue')));
  if (routing.length === 0) return out;
  cuesNear(text, ROUTING_CUE, ROUTING_VALUE, BACK, routing, (s, e, m) => {
    if (abaValid(m[1] ?? '')) out.push(finding('bank_account', s, e, 'aba-routing'));
  });
  return out;
}

/** A routing number: nine digits in a row. */
function nineDigits(text: string, at: number): boolean {
  for (let i = at; i < at + 9; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
