// Data-flow rows for the store and report tests; request ids match sampleRow's, as the pipeline's would.
import type { DataFlowRow } from '../pipeline/ports.ts';
import { sampleRow } from './sample-rows.fixture.ts';

export function sampleFlow(i: number, overrides: Partial<DataFlowRow> = {}): DataFlowRow {
  return {
    requestId: sampleRow(i).requestId,
    time: 1_767_225_600_000 + i,
    app: 'helpdesk',
    team: 'support',
    logicalModel: 'chat',
    vendor: 'openai',
    region: 'us',
    termsVersion: '2026-01-01',
    classes: { personal: 1 + (i % 3) },
    action: 'pseudonymize',
    ...overrides,
  };
}

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/**
 * A small month of traffic with several vendors, classes and actions, and the aggregate it must give.
 * Times are hours after 2026-01-01T00:00Z.
 */
export function seededFlows(): DataFlowRow[] {
  const row = (n: number, hours: number, o: Partial<DataFlowRow>): DataFlowRow => sampleFlow(n, { time: T0 + hours * HOUR, ...o });
  return [
    // openai, personal pseudonymized: 3 requests, 2 + 1 + 4 values
    row(1, 1, { classes: { personal: 2 } }),
    row(2, 5, { classes: { personal: 1 } }),
    row(3, 30, { classes: { personal: 4 } }),
    // openai, nothing sensitive: 2 requests → class none
    row(4, 2, { classes: {}, action: 'allow' }),
    row(5, 40, { classes: {}, action: 'allow' }),
    // openai, personal and payment in one request: counted in both classes
    row(6, 50, { classes: { personal: 1, payment: 2 }, action: 'redact' }),
    // onprem rerouted: confidential (declared without a value) and special
    row(7, 60, { vendor: 'onprem', region: 'internal', termsVersion: null, classes: { confidential: 0 }, action: 'reroute' }),
    row(8, 61, { vendor: 'onprem', region: 'internal', termsVersion: null, classes: { special: 1 }, action: 'reroute', app: 'hr', team: 'people' }),
    // blocked before any vendor: credentials
    row(9, 70, { vendor: null, region: null, termsVersion: null, classes: { credentials: 1 }, action: 'block' }),
    // anthropic, another terms version
    row(10, 80, { vendor: 'anthropic', region: 'us', termsVersion: '2025-09-01', classes: { internal: 3 }, action: 'allow' }),
  ];
}

export const SEEDED_T0 = T0;
export const SEEDED_HOUR = HOUR;
