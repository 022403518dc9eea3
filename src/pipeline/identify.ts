// identify: virtual key → principal. Keys are compared by their sha256 (config keeps only the hash), which also
// makes the lookup constant-time with respect to the key's content.
import { createHash } from 'node:crypto';
import type { Config } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { Principal } from './context.ts';

export type KeyIndex = Map<string, Principal>;

export function buildKeyIndex(config: Config): KeyIndex {
  const index: KeyIndex = new Map();
  for (const key of config.keys) {
    const app = key.app === undefined ? undefined : config.apps.get(key.app);
    index.set(key.hash, {
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
  const principal = keys.get(createHash('sha256').update(presented).digest('hex'));
  // never echo the presented key, not even a prefix
  if (principal === undefined) throw new AirlockError('unauthorized', 'invalid API key');
  return principal;
}
