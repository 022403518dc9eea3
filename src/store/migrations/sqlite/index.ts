// Every SQLite schema change, in order. A migration is never edited once released: add the next number.
import { requestLog001 } from './001-request-log.ts';
import { register002 } from './002-register.ts';
import { dataFlow003 } from './003-data-flow.ts';
import { priceSource004 } from './004-price-source.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [requestLog001, register002, dataFlow003, priceSource004];
