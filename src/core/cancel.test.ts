import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cancel } from './cancel.ts';

test('abort runs each listener once with the reason; an unsubscribed one not at all', () => {
  const c = new Cancel();
  const seen: unknown[] = [];
  c.onAbort((r) => seen.push(['a', r]));
  const off = c.onAbort((r) => seen.push(['b', r]));
  c.onAbort((r) => seen.push(['c', r]));
  off();
  const reason = new Error('client closed');
  c.abort(reason);
  c.abort(new Error('again'));
  assert.deepEqual(seen, [['a', reason], ['c', reason]]);
  assert.equal(c.aborted, true);
  assert.equal(c.error(), reason);
});

test('a listener added after the abort runs at once', () => {
  const c = new Cancel();
  c.abort('gone');
  let got: unknown = null;
  c.onAbort((r) => (got = r));
  assert.equal(got, 'gone');
  assert.equal(c.error().message, 'aborted', 'a non-Error reason becomes an Error for rejections');
});

test('its AbortSignal, made on first use, follows the abort both before and after', async () => {
  const before = new Cancel();
  const pending = sleep(10_000, undefined, { signal: before.signal });
  before.abort(new Error('stop'));
  await assert.rejects(pending, { name: 'AbortError' });
  const after = new Cancel();
  after.abort(new Error('stopped'));
  assert.equal(after.signal.aborted, true);
  assert.equal((after.signal.reason as Error).message, 'stopped');
});
