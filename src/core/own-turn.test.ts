import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inOwnTurn } from './own-turn.ts';

const busy = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('queued pieces run in order, each in its own turn, with due timers run between them', { timeout: 5_000 }, async () => {
  const log: string[] = [];
  const pieces = ['a', 'b', 'c'].map((name) =>
    inOwnTurn(() => {
      // due by the time the piece ends: it runs before the next piece only if that piece waits for a turn of its own
      setTimeout(() => log.push(`timer after ${name}`), 1);
      log.push(name);
      busy(5);
      return name.toUpperCase();
    }),
  );
  assert.deepEqual(await Promise.all(pieces), ['A', 'B', 'C']);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(log, ['a', 'timer after a', 'b', 'timer after b', 'c', 'timer after c']);
});

test('a piece that throws rejects its own promise only', { timeout: 5_000 }, async () => {
  const failed = inOwnTurn(() => {
    throw new Error('no count');
  });
  const next = inOwnTurn(() => 2);
  await assert.rejects(failed, /no count/);
  assert.equal(await next, 2);
});
