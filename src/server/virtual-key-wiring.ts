// Keys made with `airlock keys create` join the gateway's key index: read at start, then reread every 2 s so a
// created key works and a revoked one stops within that. Any change clears the index's `seen` cache, which
// would otherwise keep answering for a revoked key.
import type { Config } from '../config/types.ts';
import type { Principal } from '../pipeline/context.ts';
import type { KeyIndex } from '../pipeline/identify.ts';
import type { StoredKey, VirtualKeyStore } from '../store/sqlite/virtual-keys.ts';

export const VIRTUAL_KEY_REFRESH_MS = 2000;

export interface VirtualKeyWiring {
  /** rereads the store now; also what the timer runs */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

function signature(keys: StoredKey[]): string {
  return JSON.stringify(keys.map((k) => [k.name, k.hash, k.app, k.models]));
}

/** `store` null: a store private to this process (sqlite::memory:), to which no CLI can have added keys. */
export async function wireVirtualKeys(config: Config, index: KeyIndex, store: VirtualKeyStore | null, intervalMs = VIRTUAL_KEY_REFRESH_MS): Promise<VirtualKeyWiring> {
  if (store === null) return { refresh: () => Promise.resolve(), close: () => Promise.resolve() };
  let added: string[] = [];
  let last = signature([]);
  let reading: Promise<void> | null = null;
  const apply = (keys: StoredKey[]): void => {
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
  // one read at a time: a slow store must not pile reads up behind each other
  const refresh = (): Promise<void> => {
    reading ??= (async () => apply(await store.active()))().finally(() => {
      reading = null;
    });
    return reading;
  };
  await refresh();
  const timer = setInterval(() => {
    // a busy or briefly unreachable store: keep the keys as they were and try again next tick
    refresh().catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return {
    refresh,
    async close() {
      clearInterval(timer);
      await reading?.catch(() => undefined);
      await store.close();
    },
  };
}
