// Who called which logical model through which vendor model, over request_log on Postgres — behind
// `airlock report deprecations`. The SQLite store's statement, ordered the same way.
import {
  modelTrafficFromDb, type ModelTraffic, type ModelTrafficDbRow, type ModelTrafficReader,
} from '../sqlite/model-traffic.ts';
import type { Queryable } from './connect.ts';

// COLLATE "C": SQLite orders text by bytes, whatever collation the database was created with.
const SINCE = `
  SELECT app, logical_model, vendor, vendor_model, count(*) AS requests
  FROM request_log WHERE time >= $1
  GROUP BY app, logical_model, vendor, vendor_model
  ORDER BY logical_model COLLATE "C" NULLS LAST, app COLLATE "C" NULLS LAST, vendor COLLATE "C" NULLS LAST,
           vendor_model COLLATE "C" NULLS LAST`;

export class PgModelTraffic implements ModelTrafficReader {
  constructor(private readonly db: Queryable) {}

  async since(since: number): Promise<ModelTraffic[]> {
    return (await this.db.query<ModelTrafficDbRow>(SINCE, [since])).rows.map(modelTrafficFromDb);
  }
}
