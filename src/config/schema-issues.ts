// Zod issues → problems that name the key path and line in the operator's own terms. Values are never echoed:
// the failing value may be an API key.
import type { z } from 'zod';
import { type ConfigProblem, type KeyPath, formatPath } from './config-error.ts';

function kind(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a map';
  return `a ${typeof input}`;
}

function expected(e: string): string {
  if (e === 'object') return 'a map';
  if (e === 'array') return 'a list';
  if (e === 'int') return 'an integer';
  return `a ${e}`;
}

function what(issue: z.core.$ZodIssue): string {
  // a missing key reaches zod as `undefined`, whatever type or enum it expected
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      // our own schema-level messages (e.g. the target short form) beat the generic one
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      return `expected ${expected(issue.expected)}, got ${kind(issue.input)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_key':
      return issue.issues[0]?.message ?? issue.message;
    case 'too_small':
      if (issue.origin === 'array') return issue.message.startsWith('Too small') ? `needs at least ${String(issue.minimum)} entries` : issue.message;
      if (issue.origin === 'string') return 'must not be empty';
      return issue.message.startsWith('Too small') ? `must be at least ${String(issue.minimum)}` : issue.message;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

export function toProblems(issues: readonly z.core.$ZodIssue[], lineOf: (path: KeyPath) => number | null): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ line: lineOf([...path, key]), path: formatPath([...path, key]), what: 'unknown key' });
      }
      continue;
    }
    out.push({ line: lineOf(path), path: formatPath(path), what: what(issue) });
  }
  return out;
}
