// `airlock store copy`: moves a deployment from its SQLite file to Postgres when one process is no longer enough,
// keeping its history: request log, data flows, logged content, vendor reviews and their audit trail, stored keys,
// drills and cost alerts. Postgres' schema starts where SQLite's migrations end (same tables, same columns), so a
// row is copied column for column; only 0/1 becomes a BOOLEAN.
//
// Every row is inserted with ON CONFLICT DO NOTHING: a second run copies only what the first did not, so a copy
// cut short, or one taken while the gateway still ran, is finished by running it again. A row the target already
// has (a review made there since) is kept as it is there.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.ts';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.ts';
import { describePgUrl, openPgPool } from './postgres/connect.ts';
import { insertRows } from './postgres/insert-rows.ts';
import { migratePg } from './postgres/migrate.ts';

/** In an order that keeps each table's rows in their arrival order (Postgres' seq follows the insert order). */
export const COPIED_TABLES = ['vendor_review', 'audit_event', 'virtual_key', 'request_log', 'data_flow', 'request_content', 'drill_record', 'cost_alert'] as const;

/** Postgres-only bookkeeping: filled by defaults on insert */
const PG_ONLY = new Set(['seq', 'xid']);
const BATCH = 1000;

export interface TableCopy {
  table: string;
  /** rows in the SQLite file */
  read: number;
  /** rows inserted; read − copied were in Postgres already */
  copied: number;
}

export interface CopyOptions {
  /** told of each table once it is copied, and of progress within a long one */
  progress?: (table: string, read: number, total: number) => void;
}

function openSource(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new Error(`store ${file} does not exist or cannot be opened`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const has = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (has?.n !== 1) throw new Error(`${file} is not an Airlock store`);
    const version = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get()?.v ?? 0;
    const latest = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
    if (version !== latest) {
      throw new Error(`store ${file} is at schema version ${version}, this Airlock's is ${latest}: start this version's gateway on it once (it migrates at start), then copy`);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The journal beside the file holds records not yet committed to it while its gateway runs, or after a crash. */
export function pendingJournal(file: string): boolean {
  try {
    return statSync(`${file}.journal`).size > 0;
  } catch {
    return false;
  }
}

async function targetColumns(pool: pg.Pool, table: string): Promise<{ name: string; boolean: boolean }[]> {
  // current_schema(): the URL's search_path decides where the store lives, as for every query of the store
  const res = await pool.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
    [table],
  );
  return res.rows.filter((c) => !PG_ONLY.has(c.column_name)).map((c) => ({ name: c.column_name, boolean: c.data_type === 'boolean' }));
}

async function copyTable(source: Database.Database, pool: pg.Pool, table: string, options: CopyOptions): Promise<TableCopy> {
  const columns = await targetColumns(pool, table);
  const own = new Set(source.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name));
  const missing = columns.filter((c) => !own.has(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new Error(`table ${table}: the SQLite file has no ${missing.join(', ')}; the two schemas differ`);
  const total = source.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
  const names = columns.map((c) => c.name);
  // keyset pages by rowid: arrival order, and no statement held open across the awaits
  const page = source.prepare<[number, number], Record<string, unknown>>(`SELECT rowid AS _rowid, ${names.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ?`);
  let after = 0;
  let read = 0;
  let copied = 0;
  for (;;) {
    const rows = page.all(after, BATCH);
    if (rows.length === 0) break;
    const tuples = rows.map((row) => columns.map((c) => (c.boolean && row[c.name] !== null ? row[c.name] !== 0 : row[c.name])));
    copied += await insertRows(pool, table, names, tuples, 'ON CONFLICT DO NOTHING');
    read += rows.length;
    after = Number(rows[rows.length - 1]?._rowid);
    options.progress?.(table, read, total);
  }
  return { table, read, copied };
}

/** Copies every table of the SQLite file at `file` into the Postgres store at `url`, migrating it first. */
export async function copySqliteToPostgres(file: string, url: string, options: CopyOptions = {}): Promise<TableCopy[]> {
  const source = openSource(file);
  const pool = openPgPool(url, { max: 1, statementTimeoutMs: 0 });
  try {
    await migratePg(pool, POSTGRES_MIGRATIONS).catch((err: unknown) => {
      throw new Error(`store ${describePgUrl(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
    const copies: TableCopy[] = [];
    for (const table of COPIED_TABLES) {
      const copy = await copyTable(source, pool, table, options);
      // instances already running on the target re-read the register when its revision moves
      if (table === 'vendor_review' && copy.copied > 0) await pool.query('UPDATE register_revision SET n = n + 1');
      copies.push(copy);
    }
    return copies;
  } finally {
    source.close();
    await pool.end();
  }
}
