import assert from 'node:assert/strict';
import test from 'node:test';
import type { DataFlowRow, RecordSink, RequestLogRow } from '../pipeline/ports.ts';
import { systemClock } from '../core/clock.ts';
import { Breakers } from '../routing/breaker.ts';
import { sampleRow } from '../store/sample-rows.fixture.ts';
import { GatewayMetrics } from './metrics.ts';

function setup(knownModel?: (name: string) => boolean): { metrics: GatewayMetrics; sink: RecordSink; stored: RequestLogRow[] } {
  const stored: RequestLogRow[] = [];
  const inner: RecordSink = {
    write: (row: RequestLogRow, _flow?: DataFlowRow) => void stored.push(row),
    writeFlow: () => undefined,
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const metrics = new GatewayMetrics({ breakers: new Breakers({}, systemClock), ...(knownModel === undefined ? {} : { knownModel }) });
  return { metrics, sink: metrics.observe(inner), stored };
}

const line = (text: string, series: string): number | undefined => {
  const escaped = series.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
};

test('metrics: rows are summed per label set, and a scrape counts every row written before it', { timeout: 10_000 }, async () => {
  const { metrics, sink, stored } = setup();
  for (let i = 0; i < 7; i++) sink.write(sampleRow(i, { inputTokens: 100, outputTokens: 10 + i, costUsd: 0.5 }));
  sink.write(sampleRow(7, { status: 429, errorCode: 'rate_limited', vendor: null, vendorModel: null, inputTokens: null, outputTokens: null, costUsd: null, attempts: 3 }));
  assert.equal(stored.length, 8, 'every row reaches the store at once');
  const text = await metrics.scrape();
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="chat",vendor="openai",status="200",code=""}'), 7);
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="chat",vendor="",status="429",code="rate_limited"}'), 1);
  assert.equal(line(text, 'airlock_tokens_total{vendor="openai",model="gpt-4o-mini-2024-07-18",kind="input"}'), 700);
  assert.equal(line(text, 'airlock_tokens_total{vendor="openai",model="gpt-4o-mini-2024-07-18",kind="output"}'), 7 * 10 + 21);
  assert.equal(line(text, 'airlock_cost_usd_total{vendor="openai",model="gpt-4o-mini-2024-07-18"}'), 3.5);
  assert.equal(line(text, 'airlock_fallback_requests_total{model="chat"}'), 1);
  assert.equal(line(text, 'airlock_request_duration_seconds_count{route="chat.completions",vendor="openai"}'), 7);
  assert.equal(line(text, 'airlock_request_duration_seconds_count{route="chat.completions",vendor=""}'), 1);
});

test('metrics: label values that would run together when joined stay apart', { timeout: 10_000 }, async () => {
  const { metrics, sink } = setup();
  // joined with a plain separator, ("a\nb", "") and ("a", "b") would make one key; a caller chooses the model name
  sink.write(sampleRow(1, { logicalModel: 'a\nb', vendor: 'v', vendorModel: '' }));
  sink.write(sampleRow(2, { logicalModel: 'a', vendor: 'b\nv', vendorModel: '' }));
  sink.write(sampleRow(3, { logicalModel: '1:a', vendor: 'v', vendorModel: '' }));
  const text = await metrics.scrape();
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="a\\nb",vendor="v",status="200",code=""}'), 1);
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="a",vendor="b\\nv",status="200",code=""}'), 1);
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="1:a",vendor="v",status="200",code=""}'), 1);
});

test('metrics: a long run of rows is counted at the next turn of the event loop, not on the answer\'s path', { timeout: 10_000 }, async () => {
  const { metrics, sink } = setup();
  const series = 'airlock_requests_total{route="chat.completions",model="chat",vendor="openai",status="200",code=""}';
  for (let i = 0; i < 1024; i++) sink.write(sampleRow(i));
  // the registry read directly, as a scrape would without draining: nothing is counted inside write()
  assert.equal(line(await metrics.registry.metrics(), series), undefined);
  // well before the 100 ms timer: the 1024th row scheduled the batch for the next turn
  await new Promise((r) => setImmediate(r));
  const text = await metrics.registry.metrics();
  assert.equal(line(text, series), 1024);
});

test('metrics: rows nobody scrapes are counted within the tally interval', { timeout: 10_000 }, async () => {
  const { metrics, sink } = setup();
  sink.write(sampleRow(1));
  assert.equal(line(await metrics.registry.metrics(), 'airlock_requests_total{route="chat.completions",model="chat",vendor="openai",status="200",code=""}'), undefined);
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(line(await metrics.registry.metrics(), 'airlock_requests_total{route="chat.completions",model="chat",vendor="openai",status="200",code=""}'), 1);
});

test('metrics: a model name the config does not know is counted under model ""', { timeout: 10_000 }, async () => {
  const { metrics, sink } = setup((name) => name === 'chat');
  sink.write(sampleRow(1));
  for (let i = 0; i < 3; i++) sink.write(sampleRow(2 + i, { logicalModel: `made-up-${i}`, vendor: null, vendorModel: null, status: 404, errorCode: 'model_not_found', attempts: 0 }));
  const text = await metrics.scrape();
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="chat",vendor="openai",status="200",code=""}'), 1);
  assert.equal(line(text, 'airlock_requests_total{route="chat.completions",model="",vendor="",status="404",code="model_not_found"}'), 3);
  assert.doesNotMatch(text, /made-up/);
});
