// `airlock store copy`: a deployment's history from its SQLite file into Postgres (store/copy.ts), for the move
// from one process to several. Prints each table's rows as it goes and a summary; safe to run again.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.ts';
import { parseStoreUrl } from '../store/open.ts';
import { copySqliteToPostgres, pendingJournal, type TableCopy } from '../store/copy.ts';
import { describePgUrl } from '../store/postgres/connect.ts';
import { renderTable } from './report-format.ts';
import { reportConfig } from './report-source.ts';

const USAGE = `usage: airlock store copy --to postgres://… [--from sqlite:FILE | --config FILE]
  --to      the Postgres store to fill (migrated first); put the same URL in the config's store: afterwards
  --from    the SQLite store to read (default: the store: of --config, ./airlock.yaml or the built-in demo)
Copies the request log, data flows, logged content, vendor reviews and their audit trail, stored keys, drills and
cost alerts. Rows the target already has are left as they are there, so running it again copies only what is new:
stop the gateway, copy (again), then start it on Postgres.
`;

function fail(message: string, code = 2): number {
  process.stderr.write(`airlock store: ${message}\n`);
  return code;
}

function summary(copies: readonly TableCopy[], from: string, to: string): string {
  const rows = copies.map((c) => [c.table, String(c.read), String(c.copied), String(c.read - c.copied)]);
  const copied = copies.reduce((n, c) => n + c.copied, 0);
  const table = renderTable([{ title: 'table' }, { title: 'rows', align: 'right' }, { title: 'copied', align: 'right' }, { title: 'already there', align: 'right' }], rows);
  return `copied ${copied} rows from ${from} to ${to}\n${table}`;
}

export async function storeCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (sub !== 'copy') return fail(sub === undefined ? `a subcommand is needed\n${USAGE}` : `unknown subcommand '${sub}'\n${USAGE}`);
  let values: { to?: string; from?: string; config?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: rest, options: { to: { type: 'string' }, from: { type: 'string' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.to === undefined) return fail(`--to postgres://… is required\n${USAGE}`);
  if (values.from !== undefined && values.config !== undefined) return fail('give --from or --config, not both');
  let from: string;
  try {
    from = values.from ?? reportConfig(values.config, process.env).store;
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message, 1);
    throw err;
  }
  const source = parseStoreUrl(from);
  const target = parseStoreUrl(values.to);
  if (source.kind !== 'sqlite' || source.memory) return fail(`--from must be a SQLite file (sqlite:FILE); got ${source.kind === 'postgres' ? describePgUrl(from) : from}`);
  if (target.kind !== 'postgres') return fail('--to must be a Postgres URL (postgres://…)');
  const to = describePgUrl(values.to);
  if (pendingJournal(source.file)) {
    process.stderr.write(`airlock store: ${source.file}.journal holds records not yet in the file (a gateway runs on it, or crashed): they are not copied; stop the gateway and copy again to take them\n`);
  }
  const tty = process.stderr.isTTY === true;
  try {
    const copies = await copySqliteToPostgres(source.file, values.to, {
      progress: (table, read, total) => {
        if (tty) process.stderr.write(`\r${table}: ${read} of ${total}\u001b[K${read === total ? '\n' : ''}`);
      },
    });
    process.stdout.write(summary(copies, from, to));
    return 0;
  } catch (err) {
    return fail((err as Error).message, 1);
  }
}
