// Opens the vendor register of the store a config names, for `airlock vendors` and `airlock report register`.
// It opens SQLite only, never the record journal: a running gateway holds the journal's lock, and admin
// commands must work beside it. Reviews are written in their own transactions (WAL lets both processes in),
// and the gateway picks a change up within a second.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { VendorRegister } from '../governance/vendor-register.ts';
import { parseStoreUrl } from '../store/open.ts';
import { SqliteRegisterState } from '../store/sqlite/register-state.ts';

export interface Output {
  write(text: string, done: (err?: Error | null) => void): unknown;
}

/** Resolves once the text is handed off, so an exit right after cannot cut a piped output short. */
export function emit(out: Output, text: string): Promise<void> {
  return new Promise((resolve) => {
    out.write(text, () => resolve());
  });
}

export interface RegisterSession {
  config: Config;
  register: VendorRegister;
  close(): void;
}

export const DEFAULT_CONFIG = './airlock.yaml';

/** Throws ConfigError for a missing or invalid config, Error for a store the CLI cannot share. */
export function openRegisterSession(file: string | undefined, env: NodeJS.ProcessEnv, now: number = Date.now()): RegisterSession {
  if (file === undefined && !existsSync(DEFAULT_CONFIG)) {
    throw new ConfigError(DEFAULT_CONFIG, [{ line: null, path: '', what: 'no config: pass --config FILE or create ./airlock.yaml' }]);
  }
  const config = loadConfigFile(file ?? DEFAULT_CONFIG, env);
  const target = parseStoreUrl(config.store);
  if (target.memory) throw new Error(`store ${config.store} keeps nothing between processes: point store: at a file`);
  const state = new SqliteRegisterState(target.file);
  try {
    return { config, register: new VendorRegister(config.vendors, state, now), close: () => state.close() };
  } catch (err) {
    state.close();
    throw err;
  }
}
