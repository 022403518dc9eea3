import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigFile, parseConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { loadCatalog } from '../cost/catalog.ts';
import { createPriceSource } from '../cost/pricing.ts';
import { startGateway } from '../server/gateway.ts';
import { loadTokenizer } from '../cost/estimate.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { describePgUrl } from '../store/postgres/connect.ts';
import { DEMO_KEY, demoConfigYaml } from './demo-config.ts';

async function demoConfig(port: number): Promise<{ config: Config; sims: Simulator[] }> {
  const sims = await Promise.all((['openai', 'anthropic', 'gemini'] as const).map((protocol) => startSimulator({ protocol, port: 0 })));
  const [openai, anthropic, gemini] = sims as [Simulator, Simulator, Simulator];
  const yaml = demoConfigYaml({ openai: openai.url, anthropic: anthropic.url, gemini: gemini.url }, process.env, port);
  return { config: parseConfig(yaml, '<built-in demo>', process.env), sims };
}

/** A Postgres URL may carry a password: the banner shows where the store is, never how to get in. */
function shownStore(url: string): string {
  return /^postgres(ql)?:/i.test(url) ? describePgUrl(url) : url;
}

function banner(config: Config, url: string, demo: boolean): string {
  const key = demo ? DEMO_KEY : '<your virtual key>';
  const model = config.models.keys().next().value ?? 'chat';
  return [
    `airlock listening on ${url} (config: ${config.source}, store: ${shownStore(config.store)})`,
    `models: ${[...config.models.keys()].join(', ')}`,
    ...config.warnings.map((w) => `warning: ${w}`),
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
  const { config, sims } = file === undefined ? await demoConfig(port ?? 8080) : { config: loadConfigFile(file, process.env), sims: [] };
  if (config.models.size === 0) {
    process.stderr.write(`airlock start: ${config.source} defines no models, so there is nothing to serve (see PRODUCT.md, "Configuration contract")\n`);
    return 1;
  }
  const prices = createPriceSource(config, loadCatalog());
  config.warnings.push(...prices.warnings());
  // before the listener opens, not in the middle of traffic (estimate.ts says why)
  loadTokenizer();
  const gateway = await startGateway(config, { prices, ...(port === undefined ? {} : { port }), ...(values.host ? { host: values.host } : {}) });
  process.stdout.write(banner(config, gateway.url, file === undefined));
  const stop = (): void => {
    void Promise.all([gateway.close(), ...sims.map((s) => s.close())]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
