// Tests get a Postgres schema of their own in the machine's `test` database, dropped when the test ends, so tests
// running side by side never see each other's rows. The store URL selects it the way libpq does, with
// `options=-c search_path=…`, which is also how an operator puts two Airlock deployments in one database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_BASE_URL = process.env.AIRLOCK_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export function schemaUrl(schema: string): string {
  return `${PG_BASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** A fresh empty schema and the store URL that selects it; dropped with everything in it after the test. */
export async function freshSchema(t: { after(fn: () => Promise<void> | void): void }): Promise<{ schema: string; url: string }> {
  const schema = `airlock_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  t.after(async () => {
    const c = new pg.Client({ connectionString: PG_BASE_URL });
    await c.connect();
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await c.end();
    }
  });
  return { schema, url: schemaUrl(schema) };
}
