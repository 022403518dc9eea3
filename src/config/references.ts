// Checks that every name one section uses is defined in another: a target naming a vendor that does not exist
// would otherwise surface only when the first request falls back to it.
import { type ConfigProblem, type KeyPath, formatPath } from './config-error.ts';
import type { RawConfig } from './schema.ts';

type LineOf = (path: KeyPath) => number | null;

function problem(lineOf: LineOf, path: KeyPath, what: string): ConfigProblem {
  return { line: lineOf(path), path: formatPath(path), what };
}

function checkNamed(raw: RawConfig, lineOf: LineOf): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const [model, m] of Object.entries(raw.models)) {
    m.targets.forEach((t, i) => {
      if (!Object.hasOwn(raw.vendors, t.vendor)) out.push(problem(lineOf, ['models', model, 'targets', i, 'vendor'], `unknown vendor ${t.vendor}`));
    });
  }
  for (const [app, a] of Object.entries(raw.apps)) {
    if (a.team !== undefined && !Object.hasOwn(raw.teams, a.team)) out.push(problem(lineOf, ['apps', app, 'team'], `unknown team ${a.team}`));
  }
  for (const key of Object.keys(raw.prices)) {
    const slash = key.indexOf('/');
    if (slash <= 0 || slash === key.length - 1) {
      out.push(problem(lineOf, ['prices', key], 'price keys are vendor/model'));
    } else if (!Object.hasOwn(raw.vendors, key.slice(0, slash))) {
      out.push(problem(lineOf, ['prices', key], `unknown vendor ${key.slice(0, slash)}`));
    }
  }
  return out;
}

/** `hashes[i]` is the hash of keys[i], or null when that key is dropped (its ${VAR} is unset). */
function checkKeys(raw: RawConfig, hashes: readonly (string | null)[], lineOf: LineOf): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const names = new Map<string, number>();
  const values = new Map<string, number>();
  raw.keys.forEach((k, i) => {
    if (k.app !== undefined && !Object.hasOwn(raw.apps, k.app)) out.push(problem(lineOf, ['keys', i, 'app'], `unknown app ${k.app}`));
    k.models?.forEach((m, j) => {
      if (!Object.hasOwn(raw.models, m)) out.push(problem(lineOf, ['keys', i, 'models', j], `unknown model ${m}`));
    });
    const sameName = names.get(k.name);
    if (sameName !== undefined) out.push(problem(lineOf, ['keys', i, 'name'], `duplicate key name ${k.name} (also keys[${sameName}])`));
    else names.set(k.name, i);
    const hash = hashes[i];
    if (hash === null || hash === undefined) return;
    // Two names for one secret would make identify() ambiguous; say where, never what.
    const sameValue = values.get(hash);
    if (sameValue !== undefined) out.push(problem(lineOf, ['keys', i, 'key'], `same key value as keys[${sameValue}]`));
    else values.set(hash, i);
  });
  return out;
}

export function checkReferences(raw: RawConfig, keyHashes: readonly (string | null)[], lineOf: LineOf): ConfigProblem[] {
  return [...checkNamed(raw, lineOf), ...checkKeys(raw, keyHashes, lineOf)];
}
