// identify: virtual key → principal. Keys are compared by their sha256 (config keeps only the hash), which also
// makes the lookup constant-time with respect to the key's content.
import { createHash } from 'node:crypto';
import type { Config } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { Principal } from './context.ts';

export interface KeyIndex {
  byHash: Map<string, Principal>;
  /** presented key → principal, so a known key is hashed once, not per request; bounded, holds only valid keys */
  seen: Map<string, Principal>;
}

const SEEN_MAX = 10_000;

export function buildKeyIndex(config: Config): KeyIndex {
  const index: KeyIndex = { byHash: new Map(), seen: new Map() };
  for (const key of config.keys) {
    const app = key.app === undefined ? undefined : config.apps.get(key.app);
    index.byHash.set(key.hash, {
      keyName: key.name,
      app: key.app ?? null,
      team: app?.team ?? null,
      models: key.models === undefined ? null : new Set(key.models),
    });
  }
  return index;
}

function bearer(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(value);
  return m?.[1]?.trim();
}

/** `extraHeaders` are the route's other key headers (x-api-key on /v1/messages). */
export function identify(
  headers: Record<string, string | string[] | undefined>,
  extraHeaders: readonly string[],
  keys: KeyIndex,
): Principal {
  let presented = bearer(headers.authorization);
  for (const h of extraHeaders) {
    if (presented !== undefined) break;
    const v = headers[h];
    if (typeof v === 'string' && v !== '') presented = v;
  }
  if (presented === undefined) {
    throw new AirlockError('unauthorized', 'missing API key: send it as "Authorization: Bearer <key>"');
  }
  const known = keys.seen.get(presented);
  if (known !== undefined) return known;
  const principal = keys.byHash.get(createHash('sha256').update(presented).digest('hex'));
  // never echo the presented key, not even a prefix
  if (principal === undefined) throw new AirlockError('unauthorized', 'invalid API key');
  if (keys.seen.size >= SEEN_MAX) keys.seen.clear();
  keys.seen.set(presented, principal);
  return principal;
}
