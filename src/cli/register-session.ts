// Opens the vendor register of the store a config names, for `airlock vendors` and `airlock report register`.
// It opens the register's tables only, never the record journal: a running gateway holds the journal's lock, and
// admin commands must work beside it. Reviews are written in their own transactions (SQLite's WAL, or Postgres,
// lets both processes in), and every gateway on the store picks a change up within a second.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { VendorRegister } from '../governance/vendor-register.ts';
import { openRegisterState } from '../store/open.ts';

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
  close(): Promise<void>;
}

export const DEFAULT_CONFIG = './airlock.yaml';

/** Throws ConfigError for a missing or invalid config, Error for a store the CLI cannot share. */
export async function openRegisterSession(file: string | undefined, env: NodeJS.ProcessEnv, now: number = Date.now()): Promise<RegisterSession> {
  if (file === undefined && !existsSync(DEFAULT_CONFIG)) {
    throw new ConfigError(DEFAULT_CONFIG, [{ line: null, path: '', what: 'no config: pass --config FILE or create ./airlock.yaml' }]);
  }
  const config = loadConfigFile(file ?? DEFAULT_CONFIG, env);
  const opened = await openRegisterState(config.store, { shared: true });
  try {
    return { config, register: await VendorRegister.open(config.vendors, opened.state, now), close: () => opened.close() };
  } catch (err) {
    await opened.close();
    throw err;
  }
}
