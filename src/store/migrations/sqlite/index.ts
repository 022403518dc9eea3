// Every SQLite schema change, in order. A migration is never edited once released: add the next number.
import { requestLog001 } from './001-request-log.ts';
import { register002 } from './002-register.ts';
import { dataFlow003 } from './003-data-flow.ts';
import { priceSource004 } from './004-price-source.ts';
import { drillRecord007 } from './007-drill-record.ts';
import { costAlerts008 } from './008-cost-alerts.ts';
import { dataFlowPerVendor013 } from './013-data-flow-per-vendor.ts';
import { requestContent014 } from './014-request-content.ts';
import { virtualKeys015 } from './015-virtual-keys.ts';
import { failedCost016 } from './016-failed-cost.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [requestLog001, register002, dataFlow003, priceSource004, drillRecord007, costAlerts008, dataFlowPerVendor013, requestContent014, virtualKeys015, failedCost016];
