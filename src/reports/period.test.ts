import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSince, PeriodError } from './period.ts';

const NOW = Date.UTC(2026, 0, 31, 12, 0, 0);

test('--since: durations back from now, UTC dates and ISO instants', { timeout: 1000 }, () => {
  assert.equal(parseSince('30d', NOW), NOW - 30 * 86_400_000);
  assert.equal(parseSince('12h', NOW), NOW - 12 * 3_600_000);
  assert.equal(parseSince('90m', NOW), NOW - 90 * 60_000);
  assert.equal(parseSince('2w', NOW), NOW - 14 * 86_400_000);
  assert.equal(parseSince('2026-01-01', NOW), Date.UTC(2026, 0, 1));
  assert.equal(parseSince('2024-02-29', NOW), Date.UTC(2024, 1, 29));
  assert.equal(parseSince('2026-01-10T09:30:00Z', NOW), Date.UTC(2026, 0, 10, 9, 30));
  assert.equal(parseSince('2026-01-10T09:30+02:00', NOW), Date.UTC(2026, 0, 10, 7, 30));
  assert.equal(parseSince(' 7d ', NOW), NOW - 7 * 86_400_000);
});

test('--since: anything else is refused with the accepted forms', { timeout: 1000 }, () => {
  for (const bad of ['', '30', 'd', '0d', '30x', '-5d', '1.5d', 'yesterday', '2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '2026-01-10T09:30:00', '2026-01-10 09:30Z']) {
    assert.throws(() => parseSince(bad, NOW), (err: Error) => err instanceof PeriodError && err.message.includes('a duration like 30d') && err.message.includes(`'${bad}'`), bad);
  }
  assert.throws(() => parseSince('2026-02-01', NOW), { message: '--since 2026-02-01 is in the future' });
});
