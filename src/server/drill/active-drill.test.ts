// The drill's own bookkeeping: which live requests a share picks, and how request-log rows become the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../../core/ids.ts';
import type { RequestLogRow } from '../../pipeline/ports.ts';
import { ActiveDrill } from './active-drill.ts';

const spec = (share: number) => ({ vendor: 'v', fault: 'errors' as const, share, canary: false, durationMs: 1000, latencyMs: 0 });

function row(over: Partial<RequestLogRow>): RequestLogRow {
  return {
    requestId: newId('r'), time: 0, keyName: 'k', app: 'a', team: null, route: 'chat.completions', logicalModel: 'chat', vendor: 'v',
    vendorModel: 'm', status: 200, errorCode: null, attempts: 1, stream: false, latencyMs: 10, ttfbMs: 5, inputTokens: null,
    outputTokens: null, cacheReadTokens: null, usageReported: null, costUsd: null, ...over,
  };
}

test('a share picks about that share of request ids, even ids that differ only in their last characters', { timeout: 5000 }, () => {
  for (const share of [0.1, 0.5, 0.9]) {
    const drill = new ActiveDrill('d', spec(share), ['chat'], ['chat']);
    const ids = Array.from({ length: 20_000 }, () => newId(''));
    const picked = ids.filter((id) => drill.hits(id)).length / ids.length;
    assert.ok(Math.abs(picked - share) < 0.02, `share ${share}: picked ${picked}`);
    // the same request is always picked alike, so its retries fail alike
    assert.ok(ids.every((id) => drill.hits(id) === drill.hits(id)));
  }
  assert.equal(new ActiveDrill('d', spec(0), ['chat'], ['chat']).hits('anything'), false);
});

test('rows become the record: affected or not, answered by whom, caller errors, added latency', { timeout: 5000 }, () => {
  const drill = new ActiveDrill('d', { ...spec(0), canary: true }, ['chat', 'solo'], ['chat', 'solo']);
  const canary = drill.canaryKeyName;
  // baseline canaries, before the fault is live: not affected
  drill.observe(row({ keyName: canary, latencyMs: 10 }));
  drill.observe(row({ keyName: canary, latencyMs: 14 }));
  drill.phase = 'fault';
  // an injected fault that the fallback absorbed, one picked canary the open breaker skipped, a stream cut
  const injected = row({ keyName: canary, vendor: 'w', latencyMs: 40 });
  drill.affected.add(injected.requestId);
  drill.observe(injected);
  drill.observe(row({ keyName: canary, vendor: 'w', latencyMs: 30 }));
  drill.observe(row({ keyName: canary, errorCode: 'stream_interrupted', latencyMs: 5 }));
  drill.observe(row({ keyName: canary, logicalModel: 'solo', vendor: null, status: 503, errorCode: 'all_targets_failed' }));
  drill.observe(row({ logicalModel: 'elsewhere' }));
  const record = drill.snapshot(1000, 'duration');
  assert.equal(record.result, 'failed');
  const chat = record.models.find((m) => m.model === 'chat');
  assert.deepEqual(chat, {
    model: 'chat', requests: 5, canaries: 5, affected: 3, answered: 2, keptAnswering: false,
    answeredBy: { w: 2 }, callerErrors: { stream_interrupted: 1 }, baselineMs: 12, affectedMs: 35, addedLatencyMs: 23,
  });
  assert.equal(drill.affected.size, 0, 'an observed request is forgotten');
  const solo = record.models.find((m) => m.model === 'solo');
  assert.deepEqual(solo?.callerErrors, { all_targets_failed: 1 });
  assert.equal(solo?.baselineMs, null);
});
