// Which prices metered a request: 'config' or 'catalog:<version>' (the bundled catalog's sha256 prefix), so a
// cost stays reproducible after prices change. Null for requests that reached no vendor, and for rows from
// before this column existed.
export const priceSource004 = {
  version: 4,
  name: 'request_log.price_source',
  sql: `ALTER TABLE request_log ADD COLUMN price_source TEXT;`,
};
