// Bank account and routing numbers. Plain digit runs are everywhere, so only a number right after an account cue
// counts; a US routing number must also pass the ABA checksum (3-7-1 weights).
import type { Finding } from '../types.ts';
import { afterCueNear } from './cue-near.ts';
import { finding } from './finding.ts';
import { maxNumberDigits } from './numbers.ts';

const ACCOUNT_CUE =
  /\b(?:(?:bank )?account(?: no\.?| number| num| #)?|acct\.?(?: no\.?| number| #)?|a\/c(?: no\.?)?|kontonummer|numéro de compte|número de cuenta|sort code|bsb)\b/gi;
const ROUTING_CUE = /\b(?:routing(?: number| no\.?| #)?|aba(?: number| no\.?| #)?|rtn)\b/gi;
const ACCOUNT_VALUE = /^[\s:#=-]{0,4}(?:is\s)?[\s:#=-]{0,3}(\d(?:[ -]?\d){5,16})(?![\w]|[.,/-]\d)/id;
const ROUTING_VALUE = /^[\s:#=-]{0,4}(?:is\s)?[\s:#=-]{0,3}(\d{9})(?![\w]|[.,/-]\d)/id;

// The longest cue (19 characters) and the separators and "is" before the number (10) fit in 30.
const ACCOUNT_NEAR = { minDigits: 6, within: 30 };
const ROUTING_NEAR = { minDigits: 9, within: 30 };

export function abaValid(d: string): boolean {
  if (d.length !== 9) return false;
  const n = (i: number): number => d.charCodeAt(i) - 48;
  const sum = 3 * (n(0) + n(3) + n(6)) + 7 * (n(1) + n(4) + n(7)) + (n(2) + n(5) + n(8));
  return sum % 10 === 0;
}

export function findBankNumbers(text: string): Finding[] {
  const out: Finding[] = [];
  // every value is a number of six digits or more, standing after its cue
  if (maxNumberDigits(text) < 6) return out;
  afterCueNear(text, ACCOUNT_CUE, ACCOUNT_VALUE, ACCOUNT_NEAR, (s, e) => out.push(finding('bank_account', s, e, 'bank-account-cue')));
  afterCueNear(text, ROUTING_CUE, ROUTING_VALUE, ROUTING_NEAR, (s, e, m) => {
    if (abaValid(m[1] ?? '')) out.push(finding('bank_account', s, e, 'aba-routing'));
  });
  return out;
}
