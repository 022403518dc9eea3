// Adapter for the PII scorer (shared/data/pii/score.mjs): runs Airlock's detectors and names each finding with
// the scorer's type vocabulary.
import { createDetector } from '../src/governance/detect.ts';
import type { FindingType } from '../src/governance/types.ts';

const SCORER_TYPE: Record<FindingType, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  person: 'PERSON',
  address: 'ADDRESS',
  ip: 'IP_ADDRESS',
  date_of_birth: 'DATE_OF_BIRTH',
  ssn: 'US_SSN',
  passport: 'PASSPORT',
  driver_license: 'DRIVER_LICENSE',
  card: 'CREDIT_CARD',
  iban: 'IBAN',
  bank_account: 'BANK_ACCOUNT',
  crypto_wallet: 'CRYPTO_WALLET',
  credential: 'SECRET',
  term: 'TERM',
};

const scan = createDetector([]);

export const name = 'airlock';

export function detect(text: string): Array<{ start: number; end: number; type: string }> {
  return scan(text).map((f) => ({ start: f.start, end: f.end, type: SCORER_TYPE[f.type] }));
}
