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

// Read among the numbers of 9 digits or more, though a card has 12: every digit of a match (groups joined by single
// spaces or dashes) counts toward its number's digits, so a shorter number cannot match, and numbers.ts keeps one
// list per count and text, this one also read by the SSN and routing-number detectors.
const MIN_DIGITS = 9;

export function findCards(text: string): Finding[] {
  const out: Finding[] = [];
  eachNumberMatch(text, CANDIDATE, (m) => {
    const raw = m[0];
    // The digits without their ' '/'-' separators, read in place rather than copied out: the first, how many, whether
    // all the same, and the Luhn sum (as luhn() computes it).
    const first = raw.charCodeAt(0);
    let count = 0;
    let same = true;
    let sum = 0;
    for (let i = raw.length - 1; i >= 0; i--) {
      const c = raw.charCodeAt(i);
      if (c === 32 || c === 45) continue;
      let d = c - 48;
      if (count % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      same &&= c === first;
      count++;
    }
    if (first === 48 || sum % 10 !== 0 || same) return;
    // Only UATP issues numbers starting with 1, always 15 digits long.
    if (first === 49 && count !== 15) return;
    // 12 digits is a rare card length (Maestro); demand a cue so bare 12-digit ids stay out.
    if (count === 12 && !CARD_CUE.test(before(text, m.index, 40))) return;
    out.push(finding('card', m.index, m.index + raw.length, 'luhn-card'));
  }, MIN_DIGITS);
  return out;
}
