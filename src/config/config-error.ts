// One problem found in a config file, and the error that carries all of them: operators fix a file in one pass
// instead of restarting once per mistake.

/** a key path as YAML spells it: map keys and sequence indices */
export type KeyPath = readonly (string | number)[];

export interface ConfigProblem {
  line: number | null;
  /** e.g. `vendors.openai.api_key`, `keys[0].key` */
  path: string;
  what: string;
}

export function formatPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export function formatProblem(file: string, p: ConfigProblem): string {
  const where = p.line === null ? file : `${file}:${p.line}`;
  return p.path === '' ? `${where}: ${p.what}` : `${where}: ${p.path}: ${p.what}`;
}

export class ConfigError extends Error {
  readonly file: string;
  /** of the first problem (by line) */
  readonly line: number | null;
  readonly path: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: ConfigProblem[]) {
    const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    super(sorted.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'ConfigError';
    this.file = file;
    this.problems = sorted;
    this.line = sorted[0]?.line ?? null;
    this.path = sorted[0]?.path ?? '';
  }
}
