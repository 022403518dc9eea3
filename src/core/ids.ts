import { randomBytes } from 'node:crypto';

// 12 random bytes in base64url: unique enough for request ids, and cheaper than randomUUID's formatting.
export function newId(prefix: string): string {
  return prefix + randomBytes(12).toString('base64url');
}
