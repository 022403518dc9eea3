// Payment card numbers: 12–19 digits, optionally in groups, that pass the Luhn check (ISO/IEC 7812-1 Annex B).
// Luhn keeps precision: a random 16-digit order number passes only one time in ten, and the grouping and
// context rules below cut most of those.
import type { Finding } from '../types.ts';
import { before } from './context.ts';
import { finding } from './finding.ts';
import { eachNumberMatch } from './numbers.ts';

// Unbroken runs, or groups of 4 (Visa/Mastercard 4-4-4-4[-3]) and 4-6-5 / 4-6-4 (Amex, Diners) joined by one space or dash.
const CANDIDATE = /(?<![\w+.,/-])(?:\d{12,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5})(?![\w]|[.,/-]\d)/g;
const CARD_CUE = /(?:card|cc|visa|master|amex|credit|debit|kart|carte|tarjeta)\W{0,6}(?:\w+\W{1,3}){0,3}$/;

export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function findCards(text: string): Finding[] {
  const out: Finding[] = [];
  eachNumberMatch(text, CANDIDATE, (m) => {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits[0] === '0' || !luhn(digits) || /^(\d)\1+$/.test(digits)) return;
    // Only UATP issues numbers starting with 1, always 15 digits long.
    if (digits[0] === '1' && digits.length !== 15) return;
    // 12 digits is a rare card length (Maestro); demand a cue so bare 12-digit ids stay out.
    if (digits.length === 12 && !CARD_CUE.test(before(text, m.index, 40))) return;
    out.push(finding('card', m.index, m.index + m[0].length, 'luhn-card'));
  }, 12);
  return out;
}
