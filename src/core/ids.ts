import { randomBytes } from 'node:crypto';

// A random per-process prefix plus a counter: unique across instances and restarts (the prefix), and cheap per
// request (no crypto call on the hot path; randomBytes per id showed up in the gateway's profile).
const PROCESS = randomBytes(9).toString('base64url');
let counter = 0;

export function newId(prefix: string): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}${PROCESS}${counter.toString(36)}`;
}
