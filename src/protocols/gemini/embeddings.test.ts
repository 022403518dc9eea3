import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AirlockError } from '../../core/errors.ts';
import { decodeEmbeddings, encodeEmbeddings } from './embeddings.ts';

const T = { timeout: 5_000 };

test('encode: one request per input, each naming the URL\'s model', T, () => {
  const out = encodeEmbeddings({ model: 'embed', input: ['a', 'b'], dimensions: 8, passthrough: { protocol: 'openai', fields: {} } }, 'gemini-embedding-001');
  assert.deepEqual(out, {
    path: '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    headers: {},
    body: { requests: [
      { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] }, outputDimensionality: 8 },
      { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] }, outputDimensionality: 8 },
    ] },
  });
  const plain = encodeEmbeddings({ model: 'embed', input: ['a'], passthrough: { protocol: 'openai', fields: {} } }, 'models/text-embedding-004');
  assert.equal(plain.path, '/v1beta/models/text-embedding-004:batchEmbedContents');
  assert.deepEqual(plain.body, { requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] } }] });
});

test('decode batch-embed.json: vectors in order, usage unknown', T, () => {
  const body: unknown = JSON.parse(readFileSync(new URL('../../simulator/recordings/gemini/batch-embed.json', import.meta.url), 'utf8'));
  const res = decodeEmbeddings(body);
  assert.equal(res.vectors.length, 2);
  assert.equal(res.vectors[0]?.length, 8);
  assert.equal(res.vectors[1]?.[0], -0.010856515);
  assert.equal(res.usage, null);
});

test('decode: malformed answers are upstream_malformed', T, () => {
  for (const body of [null, {}, { embeddings: [{ values: ['x'] }] }]) {
    assert.throws(() => decodeEmbeddings(body), (e: unknown) => e instanceof AirlockError && e.code === 'upstream_malformed');
  }
});
