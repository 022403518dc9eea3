// The built-in config for `npm start` with no airlock.yaml: simulated vendors behind logical models, so the
// gateway answers with no vendor keys; real vendors are added when their keys are in the environment.
// Written as YAML and loaded through the same parser as a user's file, so the demo cannot drift from the contract.

export const DEMO_KEY = 'sk-airlock-demo';

export interface DemoSims {
  openai: string;
  anthropic: string;
  gemini: string;
}

const REAL = [
  { env: 'OPENAI_API_KEY', vendor: 'openai', protocol: 'openai', url: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  { env: 'ANTHROPIC_API_KEY', vendor: 'anthropic', protocol: 'anthropic', url: 'https://api.anthropic.com', model: 'claude-haiku-4-5-20251001' },
  { env: 'GEMINI_API_KEY', vendor: 'gemini', protocol: 'gemini', url: 'https://generativelanguage.googleapis.com', model: 'gemini-2.5-flash' },
] as const;

/**
 * `adminToken`: the admin API's and dashboard's token when AIRLOCK_ADMIN_TOKEN is not set (`npm start` makes one
 * per run); with neither the admin API is off.
 */
export function demoConfigYaml(sims: DemoSims, env: NodeJS.ProcessEnv, port: number, adminToken?: string): string {
  const real = REAL.filter((r) => (env[r.env] ?? '') !== '');
  const vendors = [
    `  sim-openai: { protocol: openai, base_url: "${sims.openai}/v1", api_key: sim, region: local, review: { status: approved, approved_data: [public, internal, personal] } }`,
    `  sim-anthropic: { protocol: anthropic, base_url: "${sims.anthropic}", api_key: sim, region: local, review: { status: approved, approved_data: [public, internal, personal] } }`,
    `  sim-gemini: { protocol: gemini, base_url: "${sims.gemini}", api_key: sim, region: local, review: { status: approved, approved_data: [public, internal] } }`,
    ...real.map((r) => `  ${r.vendor}: { protocol: ${r.protocol}, base_url: "${r.url}", api_key: "\${${r.env}}", review: { status: pending } }`),
  ];
  const models = [
    '  chat: { targets: [{ vendor: sim-openai, model: gpt-4o-mini }, { vendor: sim-anthropic, model: claude-haiku-4-5-20251001 }, { vendor: sim-gemini, model: gemini-2.5-flash }] }',
    '  claude: { targets: [{ vendor: sim-anthropic, model: claude-haiku-4-5-20251001 }, { vendor: sim-openai, model: gpt-4o-mini }] }',
    '  gemini: { targets: [{ vendor: sim-gemini, model: gemini-2.5-flash }, { vendor: sim-openai, model: gpt-4o-mini }] }',
    '  embed: { targets: [{ vendor: sim-openai, model: text-embedding-3-small }] }',
    ...real.map((r) => `  ${r.model}: { targets: [{ vendor: ${r.vendor}, model: ${r.model} }] }`),
  ];
  return [
    `listen: { host: 127.0.0.1, port: ${port} }`,
    'store: sqlite:./airlock.db',
    ...adminTokenLine(env, adminToken),
    'vendors:',
    ...vendors,
    'models:',
    ...models,
    'apps:',
    '  demo: {}',
    'keys:',
    `  - { name: demo, app: demo, key: ${DEMO_KEY} }`,
    'prices:',
    '  sim-openai/gpt-4o-mini: { input: 0.15, output: 0.6 }',
    '  sim-anthropic/claude-haiku-4-5-20251001: { input: 1, output: 5 }',
    '  sim-gemini/gemini-2.5-flash: { input: 0.3, output: 2.5 }',
    '  sim-openai/text-embedding-3-small: { input: 0.02, output: 0 }',
    '',
  ].join('\n');
}

function adminTokenLine(env: NodeJS.ProcessEnv, generated: string | undefined): string[] {
  if ((env.AIRLOCK_ADMIN_TOKEN ?? '') !== '') return ['admin_token: ${AIRLOCK_ADMIN_TOKEN}'];
  // base64url: nothing YAML or a URL fragment would need quoted
  return generated === undefined ? [] : [`admin_token: ${generated}`];
}
