// Replacing findings in outgoing text: redact → a typed placeholder like [EMAIL]; pseudonymize → a placeholder
// consistent per value within the request, like <PERSON_1>, that restore.ts puts back in the answer.
import type { PolicyAction } from '../config/types.ts';
import type { SlotKind } from './text-slots.ts';
import type { Finding, FindingType } from './types.ts';

const LABEL: Record<FindingType, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  person: 'PERSON',
  address: 'ADDRESS',
  ip: 'IP_ADDRESS',
  date_of_birth: 'DATE_OF_BIRTH',
  ssn: 'SSN',
  passport: 'PASSPORT',
  driver_license: 'DRIVER_LICENSE',
  card: 'CARD',
  iban: 'IBAN',
  bank_account: 'BANK_ACCOUNT',
  crypto_wallet: 'CRYPTO_WALLET',
  credential: 'SECRET',
  term: 'CONFIDENTIAL',
};

/** The typed placeholder `redact` writes, e.g. [EMAIL]. */
export function redactLabel(type: FindingType): string {
  return `[${LABEL[type]}]`;
}

/** Matches every placeholder this module writes; restore.ts relies on the same shape. */
export const PLACEHOLDER = /<([A-Z]+(?:_[A-Z]+)*)_(\d+)>/g;

/** The request's pseudonym vault: lives only as long as the request, never logged. */
export class Pseudonyms {
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  readonly byPlaceholder = new Map<string, string>();

  placeholder(type: FindingType, value: string): string {
    const key = `${type}\u0000${value}`;
    const known = this.byValue.get(key);
    if (known !== undefined) return known;
    const label = LABEL[type];
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const ph = `<${label}_${n}>`;
    this.byValue.set(key, ph);
    this.byPlaceholder.set(ph, value);
    return ph;
  }

  get size(): number {
    return this.byPlaceholder.size;
  }
}

/** A value found inside JSON text is stored unescaped, so it reads right when restored into plain text. */
export function rawValue(span: string, kind: SlotKind): string {
  if (kind === 'text') return span;
  try {
    return JSON.parse(`"${span}"`) as string;
  } catch {
    return span;
  }
}

export interface Replaced {
  text: string;
  count: number;
}

/** Applies each finding's action (allow leaves it) right to left, so earlier offsets stay valid. */
export function replaceFindings(
  text: string,
  findings: readonly Finding[],
  actionOf: (f: Finding) => PolicyAction,
  vault: Pseudonyms,
  kind: SlotKind,
): Replaced {
  let out = text;
  let count = 0;
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i] as Finding;
    const action = actionOf(f);
    if (action !== 'redact' && action !== 'pseudonymize') continue;
    const span = text.slice(f.start, f.end);
    const ph = action === 'redact' ? redactLabel(f.type) : vault.placeholder(f.type, rawValue(span, kind));
    out = out.slice(0, f.start) + ph + out.slice(f.end);
    count++;
  }
  return { text: out, count };
}
