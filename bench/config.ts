// The throwaway Airlock config the bench runs the gateway with: one vendor `mock` (the harness's mock vendor), the
// logical models the harness's request bodies name (the gateway routes by the body's `model`), a SQLite store in
// the run's temp folder, one key. Shared by run.ts and profile.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const harness = path.join(path.dirname(fileURLToPath(import.meta.url)), 'harness');
export const KEY = 'sk-airlock-bench';
export type Api = 'openai' | 'anthropic';

/** The model names the harness sends, read from the harness itself so the config cannot drift from it. */
export async function harnessModels(api: Api): Promise<{ main: string; slow: string }> {
  const bodies = (await import(pathToFileURL(path.join(harness, 'lib', 'bodies.mjs')).href)) as {
    chatBody: (o: { kb: number; stream: boolean; api: Api }) => string;
  };
  const main = (JSON.parse(bodies.chatBody({ kb: 0, stream: false, api })) as { model: string }).model;
  // the pre-flight's slow stream swaps in a model the mock reads as "20 ms between chunks"
  const checks = fs.readFileSync(path.join(harness, 'lib', 'checks.mjs'), 'utf8');
  const slow = /slowBody\.model = '([^']+)'/.exec(checks)?.[1];
  if (slow === undefined) throw new Error('bench/harness/lib/checks.mjs: cannot find the slow-stream model name');
  return { main, slow };
}

/** `store`: another store URL than the run's own SQLite file (a Postgres database, to compare the two) */
export function configYaml(o: { api: Api; mockPort: number; port: number; dir: string; models: string[]; store?: string }): string {
  const vendor =
    o.api === 'openai'
      ? `  mock: { protocol: openai, base_url: "http://127.0.0.1:${o.mockPort}/v1", api_key: bench, region: local, review: { status: approved, approved_data: [public, internal, confidential, personal] } }`
      : `  mock: { protocol: anthropic, base_url: "http://127.0.0.1:${o.mockPort}", api_key: bench, region: local, review: { status: approved, approved_data: [public, internal, confidential, personal] } }`;
  return [
    '# written by bench/run.ts for one bench run; deleted afterwards',
    `listen: { host: 127.0.0.1, port: ${o.port} }`,
    `store: "${o.store ?? `sqlite:${path.join(o.dir, 'airlock.db')}`}"`,
    'log_content: false',
    'vendors:',
    vendor,
    'models:',
    ...o.models.map((m) => `  ${m}: { targets: [{ vendor: mock, model: ${m} }] }`),
    'apps:',
    '  bench: {}',
    'keys:',
    `  - { name: bench, app: bench, key: ${KEY} }`,
    'prices:',
    ...o.models.map((m) => `  mock/${m}: { input: 0.15, output: 0.6 }`),
    '',
  ].join('\n');
}

