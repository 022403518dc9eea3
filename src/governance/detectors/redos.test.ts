// Inputs that once made a detector's regex backtrack exponentially. Inspection runs on the event loop, so one such
// prompt would stall every request of the process: each must finish in a few milliseconds, far under the bound here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { createDetector } from '../detect.ts';

const detect = createDetector([]);

const INPUTS = [
  // an address line followed on the same line by a run of capitals (SAME_LINE split it every way it could)
  'please return to unit 4719 box 7394\ndpo ap 7094YBEGAN THE PROCESS OF WITHDRAWAL BY INVOKING ARTICLE 50 OF THE TREATY ON EUROPEAN UNION',
  `221 Baker Street ${'ABCDEFGHIJ'.repeat(8)}`,
  `Apt. 4B, ${'AB '.repeat(30)}x`,
  `PSC 6293, Box ${'1234'.repeat(20)}`,
];

test('no detector backtracks exponentially on address continuations', () => {
  for (const text of INPUTS) {
    const started = performance.now();
    detect(text);
    const ms = performance.now() - started;
    assert.ok(ms < 250, `${ms.toFixed(0)} ms for ${JSON.stringify(text.slice(0, 40))}`);
  }
});
