// Which store a report reads: `--store URL`, else the store named by `--config FILE`, else by ./airlock.yaml,
// else the built-in demo config's, exactly as `airlock start` would pick it. Paths in a sqlite: URL are taken
// from the working folder, as the gateway takes them.
import { existsSync } from 'node:fs';
import { loadConfigFile, parseConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { demoConfigYaml } from './demo-config.ts';

export interface SourceOptions {
  config?: string | undefined;
  store?: string | undefined;
}

/** The config a report reads: `file`, else ./airlock.yaml, else the built-in demo's. Throws ConfigError. */
export function reportConfig(file: string | undefined, env: NodeJS.ProcessEnv): Config {
  const chosen = file ?? (existsSync('airlock.yaml') ? 'airlock.yaml' : undefined);
  if (chosen !== undefined) return loadConfigFile(chosen, env);
  // The demo's simulators are never started here: only its models, prices and store: line matter.
  // one port each, as the demo's simulators have: `report readiness` tells vendors apart by host and port
  const offline = (port: number): string => `http://127.0.0.1:${port}`;
  return parseConfig(demoConfigYaml({ openai: offline(1), anthropic: offline(2), gemini: offline(3) }, env, 8080), '<built-in demo>', env);
}

/** Throws ConfigError for a config that does not load. */
export function storeUrlFor(options: SourceOptions, env: NodeJS.ProcessEnv): string {
  return options.store ?? reportConfig(options.config, env).store;
}
