// Test fixtures for the vendor register: a vendor config, and an in-memory RegisterState.
import type { VendorConfig, VendorReview } from '../config/types.ts';
import type { AuditEvent, StoredReview } from './register.ts';
import type { RegisterState } from './vendor-register.ts';

export function vendorFixture(name: string, review: Partial<VendorReview> = {}, termsVersion: string | null = 'v1'): VendorConfig {
  return {
    name,
    protocol: 'openai',
    baseUrl: `https://api.${name}.test/v1`,
    region: 'eu',
    terms: termsVersion === null ? {} : { version: termsVersion },
    review: { status: 'approved', approvedData: ['internal', 'personal'], ...review },
    timeouts: { connectMs: 1, firstByteMs: 1, totalMs: 1, idleMs: 1 },
    retry: { maxRetries: 0, baseMs: 1, maxMs: 1 },
    headers: {},
  };
}

/** Copies in and out, as a real store would: nobody holds a reference into the state. */
export class MemoryRegisterState implements RegisterState {
  readonly reviews = new Map<string, StoredReview>();
  readonly events: AuditEvent[] = [];
  failNextSave = false;
  private rev = 0;

  load(): Map<string, StoredReview> {
    return new Map([...this.reviews].map(([k, v]) => [k, structuredClone(v)]));
  }

  save(vendor: string, review: StoredReview, event: AuditEvent): void {
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new Error('disk full');
    }
    this.reviews.set(vendor, structuredClone(review));
    this.events.push(structuredClone(event));
    this.rev++;
  }

  audit(limit: number, subject?: string): AuditEvent[] {
    return this.events.filter((e) => subject === undefined || e.subject === subject).reverse().slice(0, limit);
  }

  revision(): number {
    return this.rev;
  }
}
