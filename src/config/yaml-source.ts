// Parses the YAML, remembers the line of every key path, and interpolates `${VAR}` on the parsed scalar nodes
// (never the raw text), so a variable's value stays one string however many colons or newlines it holds.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Scalar, type YAMLError } from 'yaml';
import { type ConfigProblem, type KeyPath, formatPath } from './config-error.ts';
import { hasReference, interpolate, shieldReferences } from './interpolate.ts';

export interface UnsetVariable {
  path: KeyPath;
  line: number | null;
  name: string;
  reason: 'not set' | 'empty';
}

export interface YamlSource {
  data: unknown;
  lineOf: (path: KeyPath) => number | null;
  unset: UnsetVariable[];
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

// Free-form text fields. YAML's core schema would read `version: 2026.1` or `model: 3.5` as numbers (and
// `1.10` as 1.1), so a plain scalar here keeps the exact characters the operator typed.
const STRING_FIELDS: readonly (readonly string[])[] = [
  ['admin_token'],
  ['vendors', '*', 'api_key'],
  ['vendors', '*', 'region'],
  ['vendors', '*', 'headers', '*'],
  ['vendors', '*', 'terms', 'version'],
  ['vendors', '*', 'terms', 'subprocessors'],
  ['vendors', '*', 'review', 'reviewer'],
  ['vendors', '*', 'review', 'by'],
  ['vendors', '*', 'review', 'date'],
  ['vendors', '*', 'review', 'expires'],
  ['models', '*', 'targets', '*'],
  ['models', '*', 'targets', '*', 'model'],
  ['keys', '*', 'name'],
  ['keys', '*', 'key'],
];

function isStringField(path: KeyPath): boolean {
  return STRING_FIELDS.some((p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === path[i]));
}

// After interpolation a plain scalar gets the type YAML would have given the same characters, so
// `port: ${PORT:-8080}` is a number. Only numbers and booleans: a value can never become a map or list.
function retype(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}


export function readYaml(text: string, env: NodeJS.ProcessEnv): YamlSource {
  const counter = new LineCounter();
  const shield = shieldReferences(text);
  const doc = parseDocument(shield.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  const lines = new Map<string, number>();
  const out: YamlSource = { data: {}, lineOf, unset: [], problems: [], warnings: [] };

  function lineOf(path: KeyPath): number | null {
    for (let n = path.length; n > 0; n--) {
      const line = lines.get(JSON.stringify(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return null;
  }

  const scalar = (node: Scalar, path: KeyPath): void => {
    const line = node.range ? lineAt(node.range[0]) : lineOf(path);
    if (typeof node.value === 'string') node.value = shield.restore(node.value);
    if (typeof node.value === 'string' && hasReference(node.value)) {
      const r = interpolate(node.value, env);
      for (const m of r.missing) out.unset.push({ path, line, name: m.name, reason: m.reason });
      if (r.malformed !== null) out.problems.push({ line, path: formatPath(path), what: r.malformed });
      node.value = node.type === 'PLAIN' && !isStringField(path) ? retype(r.value) : r.value;
    } else if (node.type === 'PLAIN' && typeof node.value !== 'string' && node.value !== null && isStringField(path)) {
      node.value = node.source;
    }
  };

  const walk = (node: unknown, path: KeyPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        // keys are names, not values: they get their original text back but are never interpolated
        if (isScalar(pair.key) && typeof pair.key.value === 'string') pair.key.value = shield.restore(pair.key.value);
        const sub = [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)];
        const range = isScalar(pair.key) ? pair.key.range : undefined;
        if (range) lines.set(JSON.stringify(sub), lineAt(range[0]));
        walk(pair.value, sub);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const range = isScalar(item) || isMap(item) || isSeq(item) ? item.range : undefined;
        if (range) lines.set(JSON.stringify([...path, i]), lineAt(range[0]));
        walk(item, [...path, i]);
      });
    } else if (isScalar(node)) {
      scalar(node, path);
    }
  };

  const located = (e: YAMLError): ConfigProblem => ({ line: lineAt(e.pos[0]), path: '', what: e.message });
  out.problems.push(...doc.errors.map(located));
  out.warnings.push(...doc.warnings.map(located));
  if (doc.errors.length > 0) return out;
  walk(doc.contents, []);
  // maxAliasCount bounds alias expansion ("billion laughs"); an empty file is an empty config.
  try {
    out.data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    out.problems.push({ line: null, path: '', what: err instanceof Error ? err.message : String(err) });
  }
  return out;
}
