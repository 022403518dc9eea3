import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anomalyAt } from './anomaly.ts';

const rule = { baselineHours: 4, k: 2, floorUsd: 1 };

test('an hour above mean + k·stddev of the hours before it and above the floor is an anomaly', { timeout: 5_000 }, () => {
  // baseline 1, 3, 1, 3: mean 2, stddev 1 → threshold 4
  const series = new Map([[96, 1], [97, 3], [98, 1], [99, 3], [100, 4.01]]);
  const found = anomalyAt(series, 100, rule);
  assert.deepEqual(found, { startHour: 100, spendUsd: 4.01, meanUsd: 2, stddevUsd: 1, thresholdUsd: 4 });
  assert.equal(anomalyAt(new Map([...series, [100, 4]]), 100, rule), null, 'at the threshold is not above it');
});

test('the floor keeps a quiet baseline from turning cents into alerts; missing hours count as $0', { timeout: 5_000 }, () => {
  assert.equal(anomalyAt(new Map([[100, 0.9]]), 100, rule), null);
  assert.equal(anomalyAt(new Map([[100, 1.5]]), 100, rule)?.thresholdUsd, 0);
});

test('an unbroken run of anomalous hours is one episode, keyed by its first hour', { timeout: 5_000 }, () => {
  const series = new Map([[90, 1], [91, 1], [92, 1], [93, 1], [94, 1], [95, 1], [96, 1], [97, 1], [98, 20], [99, 60], [100, 200]]);
  assert.equal(anomalyAt(series, 98, rule)?.startHour, 98);
  assert.equal(anomalyAt(series, 99, rule)?.startHour, 98);
  assert.equal(anomalyAt(series, 100, rule)?.startHour, 98);
  // a normal hour ends the episode: the next spike is a new one
  const later = new Map([...series, [101, 0], [102, 0], [103, 0], [104, 0], [105, 0], [106, 5]]);
  assert.equal(anomalyAt(later, 106, rule)?.startHour, 106);
});
