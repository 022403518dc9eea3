// A Postgres store: one pool per process, shared by the record backend, the register, drills, keys and readers.
// Each instance keeps its own journal on local disk in front of the shared tables, so an answer never waits for
// the database and nothing answered is lost while it is out of reach.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import { assembleStore, type OpenedRegisterState, type Store, type StoreOptions } from '../open.ts';
import { DurableQueue } from '../queue/durable-queue.ts';
import type { StoreReader } from '../reader.ts';
import type { VirtualKeyStore } from '../sqlite/virtual-keys.ts';
import { describePgUrl, openPgPool } from './connect.ts';
import { PgDrillRecordStore } from './drill-records.ts';
import { migratePg } from './migrate.ts';
import { PgStore } from './pg-store.ts';
import { pgReaders } from './readers.ts';
import { PgRegisterState } from './register-state.ts';
import { PgVirtualKeys } from './virtual-keys.ts';

/** The error a failed connection or migration gives, naming the database but never the password in its URL. */
function storeError(url: string, err: unknown): Error {
  return new Error(`store ${describePgUrl(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

async function migrated(url: string): Promise<pg.Pool> {
  const pool = openPgPool(url);
  try {
    await migratePg(pool, POSTGRES_MIGRATIONS);
    return pool;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw storeError(url, err);
  }
}

/** Where this instance journals: named by its listen address, so a restart on it commits what was left. */
function journalPath(options: StoreOptions): { file: string; ephemeral: boolean } {
  const instance = options.instance ?? null;
  if (instance === null) {
    return { file: path.join(options.journalDir ?? os.tmpdir(), `airlock-${process.pid}-${randomBytes(6).toString('hex')}.journal`), ephemeral: true };
  }
  return { file: path.resolve(options.journalDir ?? '.', `airlock-${instance.replace(/[^A-Za-z0-9.-]/g, '_')}.journal`), ephemeral: false };
}

export async function openPgStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const pool = openPgPool(url);
  let db: PgStore;
  let queue: DurableQueue;
  try {
    // migrates, as migrated() does for the CLI's pools
    db = await PgStore.onPool(pool).catch((err: unknown) => {
      throw storeError(url, err);
    });
    const journal = journalPath(options);
    queue = new DurableQueue({
      journalPath: journal.file,
      backend: db,
      flushIntervalMs: options.flushIntervalMs,
      fsyncIntervalMs: options.fsyncIntervalMs ?? 0,
      ephemeral: journal.ephemeral,
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return assembleStore({
    db, queue, registerState: new PgRegisterState(pool), drills: new PgDrillRecordStore(pool),
    // the queue's last drain commits through the pool, so the pool ends after it
    release: async () => {
      await db.close();
      await pool.end();
    },
  });
}

export async function openPgRegisterState(url: string, mustExist: boolean): Promise<OpenedRegisterState> {
  const pool = mustExist ? await existing(url) : await migrated(url);
  return { state: new PgRegisterState(pool), close: () => pool.end() };
}

export async function openPgVirtualKeys(url: string): Promise<VirtualKeyStore> {
  return new PgVirtualKeys(await migrated(url), true);
}

/** A pool on a database an Airlock gateway has set up; a report never creates or migrates one. */
async function existing(url: string): Promise<pg.Pool> {
  const pool = openPgPool(url);
  try {
    // to_regclass looks the names up on the URL's search_path, as every query of the store does
    const found = await pool.query<{ migrations: string | null; log: string | null }>("SELECT to_regclass('schema_migrations')::text AS migrations, to_regclass('request_log')::text AS log");
    const row = found.rows[0];
    if (row?.migrations == null || row.log == null) throw new Error('is not an Airlock store (has a gateway run with this config?)');
    return pool;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw storeError(url, err);
  }
}

export async function openPgStoreReader(url: string): Promise<StoreReader> {
  const pool = await existing(url);
  return { ...pgReaders(pool), close: () => pool.end() };
}
