// Typing for positional INSERTs: a row's values as a tuple in the order of its column list, so a value put in the
// wrong place fails the build where its type differs. Also the helpers both stores' row mappings share.

/** The tuple of R's values for the columns C, in C's order. */
export type PositionalParams<R, C extends readonly (keyof R)[]> = { -readonly [K in keyof C]: R[C[K] & keyof R] };

/** R's values for the columns C, in C's order: named parameters turned positional. */
export function positional<R, C extends readonly (keyof R)[]>(row: R, columns: C): PositionalParams<R, C> {
  return columns.map((c) => row[c]) as PositionalParams<R, C>;
}

/** A boolean as a parameter: better-sqlite3 cannot bind a JS boolean, and Postgres takes 1/0 for a BOOLEAN. */
export function bit(b: boolean): 0 | 1 {
  return b ? 1 : 0;
}

/** A boolean column as read: SQLite stores 0/1, Postgres hands back true/false. */
export function isSet(v: number | boolean): boolean {
  return v === 1 || v === true;
}
