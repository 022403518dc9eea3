// virtual_key rows, as both stores write and read them (see register-state.ts for why here).
import type { StoredKey } from '../sqlite/virtual-keys.ts';

export interface KeyRow {
  name: string;
  hash: string;
  app: string;
  models: string | null;
  created_at: number;
  revoked_at: number | null;
}

export function keyFromRow(r: KeyRow): StoredKey {
  return { name: r.name, hash: r.hash, app: r.app, models: r.models === null ? null : (JSON.parse(r.models) as string[]), createdAt: r.created_at, revokedAt: r.revoked_at };
}

/** A new key's values for (name, hash, app, models, created_at); it is stored unrevoked. */
export function newKeyParams(key: StoredKey): [string, string, string, string | null, number] {
  return [key.name, key.hash, key.app, key.models === null ? null : JSON.stringify(key.models), key.createdAt];
}
