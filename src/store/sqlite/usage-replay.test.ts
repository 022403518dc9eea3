import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { SqliteUsageReplay } from './usage-replay.ts';

// Just the columns the query reads, so both store shapes (with and without price_source) can be tried.
function db(withSource: boolean): Database.Database {
  const d = new Database(':memory:');
  d.exec(`CREATE TABLE request_log (time INTEGER, logical_model TEXT, vendor TEXT, vendor_model TEXT, input_tokens INTEGER,
    output_tokens INTEGER, cache_read_tokens INTEGER, cost_usd REAL${withSource ? ', price_source TEXT' : ''})`);
  const insert = d.prepare('INSERT INTO request_log (time, logical_model, vendor, vendor_model, input_tokens, output_tokens, cache_read_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  insert.run(10, 'chat', 'openai', 'm', 100, 50, 20, 0.5);
  insert.run(11, 'chat', 'openai', 'm', 10, 5, null, null);
  insert.run(12, 'chat', 'openai', 'm', 1, 1, null, 0);
  insert.run(13, 'chat', null, null, null, null, null, null);
  insert.run(1, 'chat', 'openai', 'm', 1000, 1000, null, 9);
  if (withSource) d.exec("UPDATE request_log SET price_source = CASE time WHEN 12 THEN 'unpriced' WHEN 10 THEN 'config' END");
  return d;
}

test('usage replay: tokens grouped per logical model and vendor model; never-priced rows summed apart', { timeout: 10_000 }, () => {
  for (const withSource of [false, true]) {
    const d = db(withSource);
    const groups = new SqliteUsageReplay(d).usage(10);
    d.close();
    // row 12 was metered at zero for want of a price: never priced when the store says so
    const unpriced = withSource ? { requests: 2, inputTokens: 11, outputTokens: 6, cacheReadTokens: 0 } : { requests: 1, inputTokens: 10, outputTokens: 5, cacheReadTokens: 0 };
    assert.deepEqual(groups, [
      { logicalModel: 'chat', vendor: 'openai', vendorModel: 'm', requests: 3, inputTokens: 111, outputTokens: 56, cacheReadTokens: 20, costUsd: 0.5, unpriced },
    ]);
  }
});
