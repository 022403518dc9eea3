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
