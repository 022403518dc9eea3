import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile, parseConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { loadCatalog } from '../cost/catalog.ts';
import { createPriceSource } from '../cost/pricing.ts';
import { DEFAULT_DASHBOARD_DIR } from '../server/dashboard.ts';
import { startGateway } from '../server/gateway.ts';
import { loadTokenizer } from '../cost/estimate.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { describePgUrl } from '../store/postgres/connect.ts';
import { DEMO_KEY, demoConfigYaml } from './demo-config.ts';

interface Demo {
  config: Config;
  sims: Simulator[];
  /** made for this run when AIRLOCK_ADMIN_TOKEN is not set; the banner's dashboard link carries it */
  madeToken: string | null;
}

async function demoConfig(port: number): Promise<Demo> {
  const sims = await Promise.all((['openai', 'anthropic', 'gemini'] as const).map((protocol) => startSimulator({ protocol, port: 0 })));
  const [openai, anthropic, gemini] = sims as [Simulator, Simulator, Simulator];
  const madeToken = (process.env.AIRLOCK_ADMIN_TOKEN ?? '') === '' ? randomBytes(24).toString('base64url') : null;
  const yaml = demoConfigYaml({ openai: openai.url, anthropic: anthropic.url, gemini: gemini.url }, process.env, port, madeToken ?? undefined);
  return { config: parseConfig(yaml, '<built-in demo>', process.env), sims, madeToken };
}

/**
 * Where the dashboard is and how to sign in. A token made for a demo run goes in the link's fragment, which the
 * browser never sends: it reaches the dashboard's script only, and the address bar loses it on load.
 */
function dashboardLine(config: Config, url: string, madeToken: string | null): string {
  if (config.adminToken === undefined) return 'dashboard: off (set admin_token in the config to turn on the admin API and the dashboard)';
  const built = existsSync(join(DEFAULT_DASHBOARD_DIR, 'index.html')) ? '' : ' (not built yet: run npm run build:dashboard)';
  if (madeToken !== null) return `dashboard: ${url}/dashboard/#token=${madeToken}${built}\n  (a token made for this run; set AIRLOCK_ADMIN_TOKEN to choose one)`;
  return `dashboard: ${url}/dashboard/ (sign in with the admin_token)${built}`;
}

/** A Postgres URL may carry a password: the banner shows where the store is, never how to get in. */
function shownStore(url: string): string {
  return /^postgres(ql)?:/i.test(url) ? describePgUrl(url) : url;
}

function banner(config: Config, url: string, demo: Demo | null): string {
  const key = demo !== null ? DEMO_KEY : '<your virtual key>';
  const model = config.models.keys().next().value ?? 'chat';
  return [
    `airlock listening on ${url} (config: ${config.source}, store: ${shownStore(config.store)})`,
    `models: ${[...config.models.keys()].join(', ')}`,
    ...config.warnings.map((w) => `warning: ${w}`),
    dashboardLine(config, url, demo?.madeToken ?? null),
    '',
    'try:',
    `  curl -s ${url}/v1/chat/completions -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\`,
    `    -d '{"model":"${model}","messages":[{"role":"user","content":"Hello, Airlock"}]}'`,
    '',
  ].join('\n');
}

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`airlock start: --port must be a port number, got '${values.port}'\n`);
    return 2;
  }
  const file = values.config ?? (existsSync('airlock.yaml') ? 'airlock.yaml' : undefined);
  let demo: Demo | null = null;
  let config: Config;
  if (file === undefined) {
    demo = await demoConfig(port ?? 8080);
    config = demo.config;
  } else config = loadConfigFile(file, process.env);
  const sims = demo?.sims ?? [];
  if (config.models.size === 0) {
    process.stderr.write(`airlock start: ${config.source} defines no models, so there is nothing to serve (see PRODUCT.md, "Configuration contract")\n`);
    return 1;
  }
  const prices = createPriceSource(config, loadCatalog());
  config.warnings.push(...prices.warnings());
  // before the listener opens, not in the middle of traffic (estimate.ts says why)
  loadTokenizer();
  const gateway = await startGateway(config, { prices, ...(port === undefined ? {} : { port }), ...(values.host ? { host: values.host } : {}) });
  process.stdout.write(banner(config, gateway.url, demo));
  const stop = (): void => {
    void Promise.all([gateway.close(), ...sims.map((s) => s.close())]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
