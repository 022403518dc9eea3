// One pg.Pool per store URL. Postgres hands BIGINT, NUMERIC and XID8 back as strings (they may not fit a double);
// every one Airlock stores or sums is an epoch-ms time, a token count, a sequence number, a USD sum or a transaction
// id, all far below 2^53, so this pool parses them as numbers: per pool, not through pg's global type registry,
// which other code in the process may use.
import pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;
const XID8 = 5069;

export interface PgOptions {
  /** the most connections this pool opens (default 4: one flusher, admin reads, the register's checks) */
  max?: number;
  /** ms to wait for a connection before a query fails (default 5000) */
  connectTimeoutMs?: number;
  /** ms a statement may run before the server cancels it (default 30000; reports over long periods take a while) */
  statementTimeoutMs?: number;
}

/** The part of pg.Pool and pg.PoolClient the store modules use, so they run inside a transaction or not. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export function openPgPool(url: string, options: PgOptions = {}): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8, (v: string) => Number(v));
  types.setTypeParser(NUMERIC, (v: string) => Number(v));
  // 64-bit transaction ids (epoch << 32 | xid): far below 2^53 until a cluster has wrapped its xids ~2 million times
  types.setTypeParser(XID8, (v: string) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: 'airlock',
    types,
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, that would end the process.
  // The next query on a fresh connection reports the failure where someone handles it.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` in one transaction on one connection: all of it commits, or none of it. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client whose connection breaks emits 'error' besides failing its query, and the pool listens
  // only to idle ones: unheard, that event would end the process. The failed query reports it.
  const ignore = (): void => undefined;
  client.on('error', ignore);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
    });
    throw err;
  } finally {
    client.off('error', ignore);
    // a connection that could not even roll back is discarded, not handed to the next caller
    client.release(broken);
  }
}

/** A store URL for messages: host, port, database and schema, never the user's name or password. */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    const schema = /search_path\s*=\s*([\w$]+)/.exec(u.searchParams.get('options') ?? '')?.[1];
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}${schema === undefined ? '' : ` (schema ${schema})`}`;
  } catch {
    return 'postgres://…';
  }
}
