import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.ts';
import { loadCatalog } from './catalog.ts';
import { costUsd } from './price.ts';
import { createPriceSource } from './pricing.ts';

const YAML = `
vendors:
  openai: { protocol: openai, base_url: "https://api.openai.com/v1" }
  anthropic: { protocol: anthropic, base_url: "https://api.anthropic.com" }
  google: { protocol: gemini, base_url: "https://generativelanguage.googleapis.com" }
  onprem: { protocol: openai, base_url: "http://127.0.0.1:11434/v1" }
models:
  chat: { targets: [openai/gpt-4o-mini, anthropic/claude-3-5-haiku-20241022, onprem/llama3.1:8b] }
  fast: { targets: [google/gemini-2.0-flash, openai/gpt-4o-mini-2024-07-18, onprem/mystery] }
prices:
  onprem/llama3.1:8b: { input: 0, output: 0 }
  openai/gpt-4o-mini-2024-07-18: { input: 0.1, output: 0.5 }
`;

const source = createPriceSource(parseConfig(YAML, 'pricing.yaml', {}), loadCatalog());

test('catalog prices configured targets; config prices override the catalog', { timeout: 5_000 }, () => {
  assert.deepEqual(source.price('openai', 'openai', 'gpt-4o-mini'), {
    source: 'catalog', price: { input: 0.15, output: 0.6, cacheRead: 0.075 },
  });
  assert.deepEqual(source.price('google', 'gemini', 'gemini-2.0-flash'), {
    source: 'catalog', price: { input: 0.1, output: 0.4, cacheRead: 0.025 },
  });
  // the catalog has this snapshot at 0.15/0.6; the config's price wins, whole (no catalog cache price merged in)
  assert.deepEqual(source.price('openai', 'openai', 'gpt-4o-mini-2024-07-18'), { source: 'config', price: { input: 0.1, output: 0.5 } });
  // a zero price stated in config is a price, not a missing one
  assert.deepEqual(source.price('onprem', 'openai', 'llama3.1:8b'), { source: 'config', price: { input: 0, output: 0 } });
  // the same model id at another vendor of the same protocol is still the first-party catalog price
  assert.equal(source.price('onprem', 'openai', 'gpt-4o-mini')?.source, 'catalog');
  // a (vendor, model) outside config.models is resolved on demand
  assert.deepEqual(source.price('anthropic', 'anthropic', 'claude-haiku-4-5'), {
    source: 'catalog', price: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  });
});

test('a model priced by neither is undefined and listed in warnings()', { timeout: 5_000 }, () => {
  assert.equal(source.price('anthropic', 'anthropic', 'claude-3-5-haiku-20241022'), undefined);
  assert.equal(source.price('onprem', 'openai', 'mystery'), undefined);
  assert.equal(source.price('nowhere', 'openai', 'nothing'), undefined);
  assert.equal(costUsd({ input: 10, output: 10, reported: true }, source.price('onprem', 'openai', 'mystery')?.price), null);
  assert.deepEqual(source.warnings(), [
    'model claude-3-5-haiku-20241022 of vendor anthropic has no price in the catalog or config: it is metered at zero ' +
      `(recorded with price source 'unpriced'); add prices["anthropic/claude-3-5-haiku-20241022"] to the config`,
    'model mystery of vendor onprem has no price in the catalog or config: it is metered at zero ' +
      `(recorded with price source 'unpriced'); add prices["onprem/mystery"] to the config`,
  ]);
  source.warnings().pop();
  assert.equal(source.warnings().length, 2, 'warnings() returns a copy');
});

test('priced results cannot be mutated by a caller', { timeout: 5_000 }, () => {
  const priced = source.price('openai', 'openai', 'gpt-4o-mini');
  assert.ok(priced !== undefined);
  assert.throws(() => {
    priced.price.input = 0;
  }, TypeError);
  assert.equal(source.price('openai', 'openai', 'gpt-4o-mini')?.price.input, 0.15);
});

test('price() on a precomputed target is a map lookup', { timeout: 5_000 }, (t) => {
  const n = 200_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) source.price('openai', 'openai', 'gpt-4o-mini');
  const ns = ((performance.now() - started) * 1e6) / n;
  t.diagnostic(`price(): ${ns.toFixed(0)} ns per call`);
  assert.ok(ns < 20_000);
});
