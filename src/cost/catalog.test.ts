import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG_FILE, loadCatalog, parseCatalog } from './catalog.ts';
import { costUsd } from './price.ts';

const FILE = fileURLToPath(new URL(`../../data/catalog/${CATALOG_FILE}`, import.meta.url));

test('the bundled catalog loads once, with every model entry and a sha256 version', { timeout: 10_000 }, (t) => {
  const started = performance.now();
  const catalog = loadCatalog();
  const ms = performance.now() - started;
  t.diagnostic(`catalog load + parse + index: ${ms.toFixed(1)} ms; ${catalog.models} models, ${catalog.size} with token prices`);
  assert.ok(catalog.models >= 2_900 && catalog.models <= 3_200, `model entries: ${catalog.models}`);
  assert.ok(catalog.size >= 2_300 && catalog.size <= catalog.models, `priced entries: ${catalog.size}`);
  const sha = createHash('sha256').update(readFileSync(FILE)).digest('hex');
  assert.equal(catalog.version, sha.slice(0, 12));
  assert.match(catalog.version, /^[0-9a-f]{12}$/);
  assert.equal(loadCatalog(), catalog, 'parsed once per directory');
});

test('known first-party prices, in USD per million tokens', { timeout: 5_000 }, () => {
  const catalog = loadCatalog();
  assert.deepEqual(catalog.lookup('openai', 'gpt-4o-mini'), {
    key: 'gpt-4o-mini', input: 0.15, output: 0.6, cacheRead: 0.075, maxInput: 128_000, maxOutput: 16_384,
  });
  assert.deepEqual(catalog.lookup('anthropic', 'claude-haiku-4-5-20251001'), {
    key: 'claude-haiku-4-5-20251001', input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25, maxInput: 200_000, maxOutput: 64_000,
  });
  assert.deepEqual(catalog.lookup('gemini', 'gemini-2.0-flash'), {
    key: 'gemini/gemini-2.0-flash', input: 0.1, output: 0.4, cacheRead: 0.025, maxInput: 1_048_576, maxOutput: 8_192,
    deprecation: '2026-06-01',
  });
  // legacy completions models sit under litellm's text-completion-openai provider
  assert.equal(catalog.lookup('openai', 'gpt-3.5-turbo-instruct')?.input, 1.5);
  assert.equal(catalog.lookup('anthropic', 'claude-sonnet-4-5')?.cacheRead, 0.3);
});

test('lookup fallbacks: provider must match, provider/ prefix, snapshot date stripped', { timeout: 5_000 }, () => {
  const catalog = loadCatalog();
  // a bare key of another channel is not used: gemini-2.0-flash bare is the Vertex AI entry
  assert.equal(catalog.lookup('gemini', 'gemini-2.0-flash')?.key, 'gemini/gemini-2.0-flash');
  assert.equal(catalog.lookup('openai', 'gemini-2.0-flash'), undefined);
  assert.equal(catalog.lookup('openai', 'claude-haiku-4-5'), undefined);
  assert.equal(catalog.lookup('anthropic', 'gpt-4o-mini'), undefined);
  // an exact dated key wins over its alias
  assert.equal(catalog.lookup('openai', 'gpt-4o-mini-2024-07-18')?.key, 'gpt-4o-mini-2024-07-18');
  // a snapshot the catalog does not list yet is priced as its alias, and says so
  assert.equal(catalog.lookup('openai', 'gpt-4o-mini-2099-01-01')?.key, 'gpt-4o-mini');
  assert.equal(catalog.lookup('anthropic', 'claude-haiku-4-5-20991231')?.key, 'claude-haiku-4-5');
  // retired models are removed from litellm rather than kept with a past date
  assert.equal(catalog.lookup('anthropic', 'claude-3-5-haiku-20241022'), undefined);
  assert.equal(catalog.lookup('openai', 'no-such-model'), undefined);
});

test('parseCatalog skips non-models, unpriced entries and rounds float context sizes', { timeout: 5_000 }, () => {
  const json = `{
    "sample_spec": { "litellm_provider": "openai", "input_cost_per_token": 0, "output_cost_per_token": 0,
                     "max_input_tokens": "max input tokens, if the provider specifies it" },
    "fallback_generalizations": { "rules": [] },
    "big": { "litellm_provider": "openai", "input_cost_per_token": 2e-7, "output_cost_per_token": 5e-7,
             "max_input_tokens": 2000000.0, "max_output_tokens": "30000", "deprecation_date": "soon" },
    "image": { "litellm_provider": "openai", "input_cost_per_token": 5e-6, "mode": "image_generation" },
    "odd": { "litellm_provider": "openai", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
             "max_input_tokens": "lots" }
  }`;
  const catalog = parseCatalog(json);
  assert.equal(catalog.models, 3);
  assert.equal(catalog.size, 2);
  assert.deepEqual(catalog.lookup('openai', 'big'), { key: 'big', input: 0.2, output: 0.5, maxInput: 2_000_000, maxOutput: 30_000 });
  assert.equal(catalog.lookup('openai', 'sample_spec'), undefined);
  assert.equal(catalog.lookup('openai', 'image'), undefined, 'unknown output price is not zero');
  assert.deepEqual(catalog.lookup('openai', 'odd'), { key: 'odd', input: 1, output: 2 });
  assert.throws(() => parseCatalog('[1]'), /not a JSON object/);
  assert.throws(() => parseCatalog('{'), /not JSON/);
  assert.throws(() => loadCatalog('/nonexistent-dir'), /cannot be read/);
});

test('costUsd over catalog prices charges cached tokens at the cache prices', { timeout: 5_000 }, () => {
  const catalog = loadCatalog();
  const mini = catalog.lookup('openai', 'gpt-4o-mini');
  // 6,000 plain × 0.15 + 4,000 cache reads × 0.075 + 500 out × 0.6 = 1,500 micro-USD
  const miniCost = costUsd({ input: 10_000, cacheRead: 4_000, output: 500, reported: true }, mini);
  assert.ok(Math.abs((miniCost ?? NaN) - 0.0015) < 1e-12, `gpt-4o-mini cost ${miniCost}`);
  const haiku = catalog.lookup('anthropic', 'claude-haiku-4-5');
  // 2,000 plain × 1 + 8,000 reads × 0.1 + 2,000 writes × 1.25 + 1,000 out × 5 = 10,300 micro-USD
  const haikuCost = costUsd({ input: 12_000, cacheRead: 8_000, cacheWrite: 2_000, output: 1_000, reported: true }, haiku);
  assert.ok(Math.abs((haikuCost ?? NaN) - 0.0103) < 1e-12, `claude-haiku-4-5 cost ${haikuCost}`);
});
