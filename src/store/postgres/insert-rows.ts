// Multi-row INSERTs: one round trip per statement instead of per row, which is what makes a networked commit of
// thousands of journal records fast. Postgres binds at most 65,535 parameters per statement, so rows are split.
import type { Queryable } from './connect.ts';

const MAX_PARAMS = 65_535;
/** past a thousand rows a statement gets no faster, only its parse and plan larger */
const MAX_ROWS = 1000;

/**
 * INSERTs `rows` (each a tuple in `columns` order) with `conflict` appended (e.g. `ON CONFLICT (id) DO NOTHING`),
 * and answers how many were inserted (fewer when the conflict clause skipped some).
 * Not atomic across statements by itself: run it inside a transaction when all or none must be stored.
 */
export async function insertRows(
  db: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  conflict: string,
): Promise<number> {
  let inserted = 0;
  const perStatement = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const first = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    const res = await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${conflict}`, values);
    inserted += res.rowCount ?? 0;
  }
  return inserted;
}
