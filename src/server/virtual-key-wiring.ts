// Keys made with `airlock keys create` join the gateway's key index: read at start, then reread every 2 s so a
// created key works and a revoked one stops within that. Any change clears the index's `seen` cache, which
// would otherwise keep answering for a revoked key.
import type { Config } from '../config/types.ts';
import type { Principal } from '../pipeline/context.ts';
import type { KeyIndex } from '../pipeline/identify.ts';
import { parseStoreUrl } from '../store/open.ts';
import { SqliteVirtualKeys, type StoredKey } from '../store/sqlite/virtual-keys.ts';

export const VIRTUAL_KEY_REFRESH_MS = 2000;

export interface VirtualKeyWiring {
  /** rereads the store now; also what the timer runs */
  refresh(): void;
  close(): void;
}

function signature(keys: StoredKey[]): string {
  return JSON.stringify(keys.map((k) => [k.name, k.hash, k.app, k.models]));
}

export function wireVirtualKeys(config: Config, index: KeyIndex, intervalMs = VIRTUAL_KEY_REFRESH_MS): VirtualKeyWiring {
  const target = parseStoreUrl(config.store);
  // a :memory: store is private to this process: no CLI can have added keys to it
  if (target.memory) return { refresh: () => undefined, close: () => undefined };
  const store = new SqliteVirtualKeys(target.file);
  let added: string[] = [];
  let last = signature([]);
  const refresh = (): void => {
    const keys = store.active();
    const sig = signature(keys);
    if (sig === last) return;
    for (const hash of added) index.byHash.delete(hash);
    added = [];
    for (const k of keys) {
      // a config key keeps its own principal
      if (index.byHash.has(k.hash)) continue;
      const principal: Principal = { keyName: k.name, app: k.app, team: config.apps.get(k.app)?.team ?? null, models: k.models === null ? null : new Set(k.models) };
      index.byHash.set(k.hash, principal);
      added.push(k.hash);
    }
    index.seen.clear();
    last = sig;
  };
  refresh();
  const timer = setInterval(() => {
    try {
      refresh();
    } catch {
      // a busy or briefly unreadable store: keep the keys as they were and try again next tick
    }
  }, intervalMs);
  timer.unref();
  return {
    refresh,
    close() {
      clearInterval(timer);
      store.close();
    },
  };
}
