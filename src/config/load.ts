// Loading a config: YAML with line tracking → ${VAR} interpolation → strict schema → cross references →
// the normalized Config. Every problem found on the way is reported together in one ConfigError.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, type ConfigProblem, formatPath, formatProblem } from './config-error.ts';
import { normalize } from './normalize.ts';
import { checkReferences } from './references.ts';
import { configSchema, type RawConfig } from './schema.ts';
import { toProblems } from './schema-issues.ts';
import type { Config, RetryPolicy, Timeouts } from './types.ts';
import { readYaml, type UnsetVariable } from './yaml-source.ts';

export { ConfigError } from './config-error.ts';
export type { ConfigProblem } from './config-error.ts';

export const DEFAULT_TIMEOUTS: Timeouts = {
  // a TCP+TLS handshake that takes longer than 5 s means the host is down or unreachable: fall back
  connectMs: 5_000,
  // long prompts and reasoning models can think for tens of seconds before the first token
  firstByteMs: 60_000,
  // bounds a runaway generation; long completions at slow token rates still fit in 10 minutes
  totalMs: 600_000,
  // a stream silent for 30 s has stalled; vendors send keep-alives or tokens far more often
  idleMs: 30_000,
};

// Two retries with 200 ms jittered backoff ride out a blip; beyond that the next target is the better bet.
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseMs: 200, maxMs: 5_000 };

/** sha256 hex: keys are stored and compared only as hashes, so a config dump or a store leak shows no key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

interface SoftUnset {
  adminToken: UnsetVariable | null;
  /** keys[i] whose key value uses an unset variable */
  droppedKeys: Map<number, UnsetVariable>;
}

// An unset variable is fatal anywhere except where leaving the feature off is safe: the admin API (no token,
// no admin API) and a single virtual key (that caller cannot get in, everyone else can).
function sortUnset(unset: readonly UnsetVariable[], problems: ConfigProblem[]): SoftUnset {
  const soft: SoftUnset = { adminToken: null, droppedKeys: new Map() };
  for (const u of unset) {
    const [top, index, field] = u.path;
    if (top === 'admin_token' && u.path.length === 1) soft.adminToken ??= u;
    else if (top === 'keys' && typeof index === 'number' && field === 'key' && u.path.length === 3) {
      if (!soft.droppedKeys.has(index)) soft.droppedKeys.set(index, u);
    } else problems.push({ line: u.line, path: formatPath(u.path), what: `environment variable ${u.name} is ${u.reason}` });
  }
  return soft;
}

function softWarnings(source: string, soft: SoftUnset, raw: RawConfig): string[] {
  const out: string[] = [];
  const a = soft.adminToken;
  if (a) {
    const what = `environment variable ${a.name} is ${a.reason}; the admin API is off`;
    out.push(formatProblem(source, { line: a.line, path: 'admin_token', what }));
  }
  for (const [i, u] of soft.droppedKeys) {
    const what = `environment variable ${u.name} is ${u.reason}; key ${raw.keys[i]?.name ?? `#${i}`} is dropped`;
    out.push(formatProblem(source, { line: u.line, path: formatPath(u.path), what }));
  }
  return out;
}

export function parseConfig(text: string, source: string, env: NodeJS.ProcessEnv = process.env): Config {
  const yaml = readYaml(text, env);
  const problems = [...yaml.problems];
  if (problems.length > 0) throw new ConfigError(source, problems);
  const soft = sortUnset(yaml.unset, problems);
  // reportInput lets an issue tell a missing key from a wrong type; messages never echo the value itself
  const parsed = configSchema.safeParse(yaml.data, { reportInput: true });
  if (!parsed.success) problems.push(...toProblems(parsed.error.issues, yaml.lineOf));
  if (!parsed.success || problems.length > 0) throw new ConfigError(source, problems);
  const raw = parsed.data;
  const keyHashes = raw.keys.map((k, i) => (soft.droppedKeys.has(i) ? null : hashKey(k.key)));
  problems.push(...checkReferences(raw, keyHashes, yaml.lineOf));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return normalize({
    raw,
    source,
    defaults: { timeouts: DEFAULT_TIMEOUTS, retry: DEFAULT_RETRY },
    keyHashes,
    adminTokenUnset: soft.adminToken !== null,
    warnings: [...yaml.warnings.map((w) => formatProblem(source, w)), ...softWarnings(source, soft, raw)],
  });
}

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? String(err)}`;
    throw new ConfigError(file, [{ line: null, path: '', what }]);
  }
  return parseConfig(text, file, env);
}
