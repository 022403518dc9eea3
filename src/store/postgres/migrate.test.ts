import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.ts';
import { openPgPool } from './connect.ts';
import { migratePg } from './migrate.ts';
import { freshSchema } from './pg-schema.fixture.ts';

test('postgres: three instances migrating one fresh schema at once all start; the schema is made once', { timeout: 20_000 }, async (t) => {
  const { url } = await freshSchema(t);
  const pools = [openPgPool(url), openPgPool(url), openPgPool(url)];
  t.after(() => Promise.all(pools.map((p) => p.end())));
  await Promise.all(pools.map((p) => migratePg(p, POSTGRES_MIGRATIONS)));
  const applied = await pools[0]?.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(applied?.rows.map((r) => r.version), POSTGRES_MIGRATIONS.map((m) => m.version));
  // a restart finds nothing to do
  await migratePg(pools[1] as (typeof pools)[number], POSTGRES_MIGRATIONS);
  assert.equal((await pools[0]?.query('SELECT 1 FROM schema_migrations'))?.rowCount, POSTGRES_MIGRATIONS.length);
});

test('postgres: a schema newer than this Airlock is refused, not migrated backwards', { timeout: 20_000 }, async (t) => {
  const { url } = await freshSchema(t);
  const pool = openPgPool(url);
  t.after(() => pool.end());
  await migratePg(pool, POSTGRES_MIGRATIONS);
  await pool.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, $1, 0)', ['from the future']);
  await assert.rejects(() => migratePg(pool, POSTGRES_MIGRATIONS), /schema version 999 is newer than this Airlock/);
});
