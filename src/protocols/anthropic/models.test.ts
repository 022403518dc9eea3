// Anthropic's model pages: limit, after_id, before_id, and both cursors at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../../core/errors.ts';
import { renderModelPage } from './models.ts';

const T = { timeout: 5_000 };
const NAMES = ['a', 'b', 'c', 'd', 'e'];
const AT = '2026-11-28T00:00:00.000Z';
const page = (query: string): { ids: string[]; has_more: unknown; first_id: unknown; last_id: unknown } => {
  const p = renderModelPage(NAMES, AT, new URLSearchParams(query)) as { data: { id: string }[]; has_more: unknown; first_id: unknown; last_id: unknown };
  return { ids: p.data.map((m) => m.id), has_more: p.has_more, first_id: p.first_id, last_id: p.last_id };
};

test('forward pages: limit and after_id', T, () => {
  assert.deepEqual(page(''), { ids: NAMES, has_more: false, first_id: 'a', last_id: 'e' });
  assert.deepEqual(page('limit=2'), { ids: ['a', 'b'], has_more: true, first_id: 'a', last_id: 'b' });
  assert.deepEqual(page('limit=2&after_id=d'), { ids: ['e'], has_more: false, first_id: 'e', last_id: 'e' });
  assert.deepEqual(page('after_id=e'), { ids: [], has_more: false, first_id: null, last_id: null });
});

test('backward pages: before_id takes the models just before the cursor', T, () => {
  assert.deepEqual(page('limit=2&before_id=e'), { ids: ['c', 'd'], has_more: true, first_id: 'c', last_id: 'd' });
  assert.deepEqual(page('limit=2&before_id=b'), { ids: ['a'], has_more: false, first_id: 'a', last_id: 'a' });
  // both cursors: the models between them, from the front
  assert.deepEqual(page('after_id=a&before_id=e&limit=2'), { ids: ['b', 'c'], has_more: true, first_id: 'b', last_id: 'c' });
});

test('a cursor naming no model, or a limit out of 1..1000, is the caller\'s error', T, () => {
  for (const [query, param] of [['after_id=z', 'after_id'], ['before_id=z', 'before_id'], ['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=2.5', 'limit']]) {
    assert.throws(() => page(query as string), (err: unknown) => err instanceof AirlockError && err.code === 'invalid_request' && err.param === param, query);
  }
});
