// Request log rows for the store tests: realistic sizes (~400 bytes as JSON) and every nullable shape.
import type { RequestLogRow } from '../pipeline/ports.ts';

export function sampleRow(i: number, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  return {
    requestId: `req_${String(i).padStart(8, '0')}_Xk2pQ9wLm3Rt`,
    time: 1_767_225_600_000 + i,
    keyName: 'helpdesk-prod',
    app: 'helpdesk',
    team: 'support',
    route: 'chat.completions',
    logicalModel: 'chat',
    vendor: 'openai',
    vendorModel: 'gpt-4o-mini-2024-07-18',
    status: 200,
    errorCode: null,
    attempts: 1,
    stream: i % 2 === 0,
    latencyMs: 812.25,
    ttfbMs: 143.5,
    inputTokens: 1234,
    outputTokens: 567,
    cacheReadTokens: null,
    usageReported: true,
    costUsd: 0.000525,
    ...overrides,
  };
}

/** Rows each store must hand back as written: every field set, every nullable one null, and zeros that are not null. */
export function roundTripRows(): { full: RequestLogRow; empty: RequestLogRow; zero: RequestLogRow } {
  return {
    full: sampleRow(1, { stream: true, usageReported: false, latencyMs: 12.75, ttfbMs: 3.125, cacheReadTokens: 64 }),
    empty: sampleRow(2, {
      keyName: null, app: null, team: null, logicalModel: null, vendor: null, vendorModel: null, status: 401,
      errorCode: 'unauthorized', attempts: 0, stream: false, ttfbMs: null, inputTokens: null, outputTokens: null,
      cacheReadTokens: null, usageReported: null, costUsd: null,
    }),
    zero: sampleRow(3, { inputTokens: 0, outputTokens: 0, costUsd: 0, ttfbMs: 0, usageReported: true }),
  };
}
