import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens, estimateUsage } from './estimate.ts';

/**
 * Deterministic English-like text of made-up words (2–4 syllables), so that few chunks repeat and no tokenizer's
 * chunk cache flatters the throughput (PROTOCOLS.md §3 measured tiktoken's WebAssembly at ~0.6 M tok/s on unseen text).
 */
function prose(bytes: number, seed: number): string {
  const syllables = ['ka', 'ter', 'lo', 'min', 'shu', 'per', 'va', 'dor', 'ne', 'qui', 'bra', 'tel', 'os', 'ga', 'rum',
    'fi', 'zen', 'ct', 'pla', 'ew', 'the', 'ing', 'tion', 'al'];
  let x = seed;
  const next = (n: number): number => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (x >>> 8) % n;
  };
  let out = '';
  while (out.length < bytes) {
    let word = '';
    for (let i = 2 + next(3); i > 0; i--) word += syllables[next(syllables.length)] ?? '';
    out += next(9) === 0 ? `${word}, ` : next(15) === 0 ? `${word}. ` : `${word} `;
  }
  return out;
}

// first in the file: the first countTokens call loads the encoding
test('o200k_base load time and throughput (diagnostic only)', { timeout: 30_000 }, (t) => {
  let started = performance.now();
  assert.equal(countTokens('hello world'), 2);
  t.diagnostic(`tokenizer load + first encode: ${(performance.now() - started).toFixed(1)} ms`);
  countTokens(prose(100_000, 1)); // warm-up
  let tokens = 0;
  started = performance.now();
  for (let seed = 2; seed < 10; seed++) tokens += countTokens(prose(100_000, seed));
  const seconds = (performance.now() - started) / 1000;
  t.diagnostic(`o200k throughput: ${Math.round(tokens / seconds).toLocaleString('en')} tokens/s over ${tokens} tokens (800 KB)`);
});

test('countTokens gives o200k_base counts', { timeout: 10_000 }, () => {
  assert.equal(countTokens(''), 0);
  assert.equal(countTokens('hello world'), 2);
  assert.equal(countTokens('Hello, world!'), 4);
  // special-token text in a prompt is counted as text, never thrown on
  assert.equal(countTokens('a <|endoftext|> b'), 9);
  const long = 'The quick brown fox jumps over the lazy dog. '.repeat(100);
  assert.ok(countTokens(long) >= 900 && countTokens(long) <= 1100);
});

test('estimateUsage sums the inputs and marks the usage as not reported', { timeout: 10_000 }, () => {
  assert.deepEqual(estimateUsage(['hello world', 'hello world'], 'hello'), { input: 4, output: 1, reported: false });
  assert.deepEqual(estimateUsage([], ''), { input: 0, output: 0, reported: false });
});
