// What every `airlock report …` shares: the flags, their errors, and the exit codes (2 for usage, 1 for a
// config or store problem, 0 when the report printed).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.ts';
import { emit, type ReportIo } from './report-io.ts';
import { ParamError } from '../reports/param-error.ts';
import { PeriodError } from '../reports/period.ts';

export class UsageError extends Error {}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

export type ReportFlags<K extends string> = Record<K, string> & { config?: string; store?: string };

/**
 * The report's own string flags (each with a default) plus --config, --store and --help; 'help' when asked.
 * Flags named in `repeatable` may be given any number of times and arrive as arrays (empty when absent).
 */
export function reportFlags<K extends string, R extends string = never>(
  argv: string[],
  own: Record<K, string>,
  repeatable: readonly R[] = [],
): (ReportFlags<K> & Record<R, string[]>) | 'help' {
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | string[]; short?: string; multiple?: boolean }> = {
    config: { type: 'string', short: 'c' },
    store: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, def] of Object.entries<string>(own)) options[name] = { type: 'string', default: def };
  for (const name of repeatable) options[name] = { type: 'string', multiple: true, default: [] };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help === true) return 'help';
  if (values.config !== undefined && values.store !== undefined) throw new UsageError('give --config or --store, not both');
  return values as ReportFlags<K> & Record<R, string[]>;
}

/** Parses, then runs, mapping each failure to its exit code and message. */
export async function runReport<A>(name: string, usage: string, io: ReportIo, parse: () => A | 'help', run: (args: A) => string | Promise<string>): Promise<number> {
  let args: A | 'help';
  try {
    args = parse();
  } catch (err) {
    if (err instanceof UsageError || err instanceof PeriodError || err instanceof ParamError) {
      await emit(io.stderr, `airlock report ${name}: ${err.message}\n${usage}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      await emit(io.stderr, `${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (args === 'help') {
    await emit(io.stdout, usage);
    return 0;
  }
  let text: string;
  try {
    text = await run(args);
  } catch (err) {
    await emit(io.stderr, `airlock report ${name}: ${(err as Error).message}\n`);
    return 1;
  }
  await emit(io.stdout, text);
  return 0;
}
