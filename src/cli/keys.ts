// `airlock keys create|revoke|list`: virtual keys kept in the store the config names, beside the config's own.
// The plain key is printed once at creation and never stored or logged: only its sha256 is kept, as for config
// keys. A running gateway picks a change up within ~2 s. Exit codes: 0 done, 1 config or store unusable,
// 2 bad command line or a refused create/revoke.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { newId } from '../core/ids.ts';
import { openVirtualKeys } from '../store/open.ts';
import type { VirtualKeyStore } from '../store/sqlite/virtual-keys.ts';
import { DEFAULT_CONFIG, emit, type Output } from './register-session.ts';
import { renderTable } from './report-format.ts';

const USAGE = `usage: airlock keys create NAME --app APP [--models a,b] [--config FILE]
       airlock keys revoke NAME [--config FILE]
       airlock keys list [--format table|json] [--config FILE]
  --config defaults to ./airlock.yaml
`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  app: { type: 'string' },
  models: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A refused create/revoke: exit 2, like a bad command line. */
class Refused extends Error {}

/** `sk-airlock-` + 32 base62 characters; bytes ≥ 248 are dropped so every character is equally likely. */
export function generateKey(): string {
  let out = '';
  while (out.length < 32) {
    for (const b of randomBytes(48)) {
      if (b < 248 && out.length < 32) out += BASE62[b % 62];
    }
  }
  return `sk-airlock-${out}`;
}

function actor(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? 'cli';
  }
}

/** Two creators racing for one name: the store's unique constraint refuses the second (SQLite's code or Postgres'). */
function isDuplicate(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

async function create(config: Config, store: VirtualKeyStore, name: string, v: Values, env: NodeJS.ProcessEnv): Promise<string> {
  if (!NAME.test(name)) throw new Refused(`key name '${name}' must be 1-64 letters, digits, '.', '_' or '-'`);
  if (v.app === undefined) throw new Refused('--app is required');
  if (!config.apps.has(v.app)) throw new Refused(`no app named '${v.app}' in the config`);
  if (config.keys.some((k) => k.name === name)) throw new Refused(`the config already has a key named '${name}'`);
  if ((await store.get(name)) !== undefined) throw new Refused(`a key named '${name}' already exists in the store (names of revoked keys are not reused)`);
  const models = v.models === undefined ? null : v.models.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = (models ?? []).filter((m) => !config.models.has(m));
  if (unknown.length > 0) throw new Refused(`unknown model${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `'${m}'`).join(', ')}: not in the config's models`);
  if (models !== null && models.length === 0) throw new Refused('--models names no model');
  const key = generateKey();
  const now = Date.now();
  const after = { app: v.app, models, status: 'active' };
  try {
    await store.create(
      { name, hash: createHash('sha256').update(key).digest('hex'), app: v.app, models, createdAt: now, revokedAt: null },
      { id: newId('aud_'), time: now, actor: actor(env), action: 'key.create', subject: `key:${name}`, before: null, after },
    );
  } catch (err) {
    if (isDuplicate(err)) throw new Refused(`a key named '${name}' was created meanwhile`);
    throw err;
  }
  return `created key '${name}' for app ${v.app} (models: ${models?.join(', ') ?? 'all'})\n\n  ${key}\n\nThis key is shown once and cannot be shown again: Airlock keeps only its hash.\n`;
}

async function revoke(config: Config, store: VirtualKeyStore, name: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (config.keys.some((k) => k.name === name)) {
    throw new Refused(`'${name}' is a config key: remove it from the config's keys: and restart the gateway`);
  }
  const key = await store.get(name);
  if (key === undefined) throw new Refused(`no key named '${name}' in the store`);
  if (key.revokedAt !== null) throw new Refused(`key '${name}' was already revoked on ${new Date(key.revokedAt).toISOString()}`);
  const now = Date.now();
  const before = { app: key.app, models: key.models, status: 'active' };
  const event = { id: newId('aud_'), time: now, actor: actor(env), action: 'key.revoke', subject: `key:${name}`, before, after: { ...before, status: 'revoked' } };
  if (!(await store.revoke(name, now, event))) throw new Refused(`key '${name}' was revoked meanwhile`);
  return `revoked key '${name}'; a running gateway refuses it within ~2 s\n`;
}

interface ListedKey {
  name: string;
  source: 'config' | 'store';
  status: 'active' | 'revoked';
  app: string | null;
  models: string[] | null;
  created: string | null;
  revoked: string | null;
}

async function list(config: Config, store: VirtualKeyStore, format: string): Promise<string> {
  const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
  // never a key or a hash: names and what they may do only
  const rows: ListedKey[] = [
    ...config.keys.map((k): ListedKey => ({ name: k.name, source: 'config', status: 'active', app: k.app ?? null, models: k.models ?? null, created: null, revoked: null })),
    ...(await store.list()).map((k): ListedKey => ({ name: k.name, source: 'store', status: k.revokedAt === null ? 'active' : 'revoked', app: k.app, models: k.models, created: iso(k.createdAt), revoked: iso(k.revokedAt) })),
  ];
  if (format === 'json') return `${JSON.stringify({ keys: rows }, null, 2)}\n`;
  const columns = ['NAME', 'SOURCE', 'STATUS', 'APP', 'MODELS', 'CREATED', 'REVOKED'].map((title) => ({ title }));
  return renderTable(columns, rows.map((r) => [r.name, r.source, r.status, r.app ?? '-', r.models?.join(',') ?? 'all', r.created ?? '-', r.revoked ?? '-']));
}

async function openKeys(file: string | undefined, env: NodeJS.ProcessEnv): Promise<{ config: Config; store: VirtualKeyStore }> {
  if (file === undefined && !existsSync(DEFAULT_CONFIG)) {
    throw new ConfigError(DEFAULT_CONFIG, [{ line: null, path: '', what: 'no config: pass --config FILE or create ./airlock.yaml' }]);
  }
  const config = loadConfigFile(file ?? DEFAULT_CONFIG, env);
  const store = await openVirtualKeys(config.store, { shared: true });
  // shared: true refuses a private store rather than answering null
  if (store === null) throw new Error(`store ${config.store} keeps nothing between processes`);
  return { config, store };
}

/** argv: the arguments after `keys`. */
export async function keysCommand(argv: string[], stdout: Output = process.stdout, stderr: Output = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true }));
  } catch (err) {
    await emit(stderr, `${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) return emit(stdout, USAGE).then(() => 0);
  const [sub, name, ...extra] = positionals;
  const format = values.format ?? 'table';
  const bad =
    sub === undefined ||
    !['create', 'revoke', 'list'].includes(sub) ||
    extra.length > 0 ||
    (sub === 'list' ? name !== undefined : name === undefined) ||
    !['table', 'json'].includes(format) ||
    (sub !== 'create' && (values.app !== undefined || values.models !== undefined)) ||
    (sub !== 'list' && values.format !== undefined);
  if (bad) {
    await emit(stderr, USAGE);
    return 2;
  }
  let session: { config: Config; store: VirtualKeyStore };
  try {
    session = await openKeys(values.config, env);
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    await emit(stderr, `airlock keys: ${err.message}\n`);
    return 1;
  }
  try {
    const { config, store } = session;
    const out = sub === 'list' ? await list(config, store, format) : sub === 'create' ? await create(config, store, name as string, values, env) : await revoke(config, store, name as string, env);
    await emit(stdout, out);
    return 0;
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    await emit(stderr, `airlock keys: ${err.message}\n`);
    return 2;
  } finally {
    await session.store.close();
  }
}
