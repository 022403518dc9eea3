// Virtual keys made with `airlock keys create`, beside the config's. Only the key's sha256 is kept: the plain key
// is shown once to whoever created it. A revoked key stays (revoked_at set) so its name is never reused.
export const virtualKeys015 = {
  version: 15,
  name: 'virtual_keys',
  sql: `
    CREATE TABLE virtual_key (
      name       TEXT PRIMARY KEY,
      hash       TEXT NOT NULL UNIQUE,
      app        TEXT NOT NULL,
      models     TEXT,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
  `,
};
