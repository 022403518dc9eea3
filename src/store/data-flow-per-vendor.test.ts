// Migration 013: the data-flow record keyed by (request, vendor). Rows of the one-row-per-request schema survive
// the rebuild; a request sent to two vendors keeps both rows; a replayed row is still ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.ts';
import { migrate } from './sqlite/migrate.ts';
import { SqliteDataFlows } from './sqlite/data-flows.ts';
import { sampleFlow } from './sample-flows.fixture.ts';

test('013 keeps old rows and records one flow per vendor of a request', () => {
  const db = new Database(':memory:');
  try {
    migrate(db, SQLITE_MIGRATIONS.filter((m) => m.version < 13));
    const old = sampleFlow(1);
    new SqliteDataFlows(db).insert(old);
    migrate(db, SQLITE_MIGRATIONS);
    const flows = new SqliteDataFlows(db);
    assert.deepEqual(flows.byRequest(old.requestId), old);

    const first = sampleFlow(2, { vendor: 'openai', action: 'redact' });
    const second = sampleFlow(2, { vendor: 'anthropic', action: 'allow' });
    flows.insert(first);
    flows.insert(second);
    flows.insert(first); // a journal replay
    assert.deepEqual(flows.allByRequest(first.requestId), [first, second]);
    assert.deepEqual(flows.byRequest(first.requestId), second);
    assert.equal(flows.count(0), 2, 'requests, not rows');
    const blocked = sampleFlow(3, { vendor: null, action: 'block' });
    flows.insert(blocked);
    flows.insert(blocked);
    assert.deepEqual(flows.allByRequest(blocked.requestId), [blocked]);
    const personal = flows.aggregate(0).filter((a) => a.dataClass === 'personal');
    assert.deepEqual(
      personal.map((a) => [a.vendor, a.action, a.requests]),
      [['anthropic', 'allow', 1], ['openai', 'pseudonymize', 1], ['openai', 'redact', 1], [null, 'block', 1]],
    );
  } finally {
    db.close();
  }
});
