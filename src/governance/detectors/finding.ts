// Builds Findings with the data class the governance model assigns to each type (PRODUCT.md, "Governance model").
import type { DataClass, Finding, FindingType } from '../types.ts';

const CLASS_OF: Record<Exclude<FindingType, 'term'>, DataClass> = {
  email: 'personal',
  phone: 'personal',
  person: 'personal',
  address: 'personal',
  ip: 'personal',
  date_of_birth: 'personal',
  ssn: 'personal',
  passport: 'personal',
  driver_license: 'personal',
  card: 'payment',
  iban: 'payment',
  bank_account: 'payment',
  // A wallet address moves money and links a person to their holdings, like an account number.
  crypto_wallet: 'payment',
  credential: 'credentials',
};

export function finding(type: Exclude<FindingType, 'term'>, start: number, end: number, rule: string): Finding {
  return { type, dataClass: CLASS_OF[type], start, end, rule };
}
