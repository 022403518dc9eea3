// Turns a zod failure into the 400 an OpenAI SDK expects: one message naming the field by its path
// (`messages[2].content`), never quoting the value, which may hold personal data.
import type { z } from 'zod';
import { AirlockError } from '../../core/errors.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];
interface Found {
  issue: Issue;
  path: Path;
  message?: string;
}

export function paramPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Inside a union, the branch that got furthest before failing says the most about what the caller meant. */
function deepest(issue: Issue, prefix: Path): Found {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: Found | null = null;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first === undefined) continue;
    const candidate = deepest(first, path);
    if (best === null || candidate.path.length > best.path.length) best = candidate;
  }
  if (best !== null && best.path.length > path.length) return best;
  // Every branch failed at the union's own level: list what each would have accepted.
  const options = issue.errors.flatMap((branch) => (branch[0] === undefined ? [] : [branch[0].message]));
  return { issue, path, message: options.join('; or ') };
}

export function requestError(error: z.ZodError): AirlockError {
  const first = error.issues[0];
  if (first === undefined) return new AirlockError('invalid_request', 'invalid request body');
  const found = deepest(first, []);
  const param = paramPath(found.path);
  const detail = found.message ?? found.issue.message;
  const message = param === '' ? `invalid request body: ${detail}` : `invalid value for '${param}': ${detail}`;
  return new AirlockError('invalid_request', message, { param: param === '' ? null : param });
}

export function unsupported(param: string, what: string): AirlockError {
  return new AirlockError('unsupported_parameter', `'${param}': ${what} is not supported by Airlock`, { param });
}
