import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../../core/errors.ts';
import { parseEmbed, renderEmbed } from './embed-in.ts';
import { encodeEmbeddings } from './embeddings.ts';

const content = (...texts: string[]) => ({ parts: texts.map((text) => ({ text })) });

test('embedContent and batchEmbedContents → canonical, parts of one content joined', () => {
  assert.deepEqual(parseEmbed({ content: content('one', 'two') }, 'embed', false), { model: 'embed', input: ['one\ntwo'], passthrough: { protocol: 'gemini', fields: {} } });
  const batch = parseEmbed(
    { requests: [{ model: 'models/embed', content: content('a'), taskType: 'RETRIEVAL_DOCUMENT', title: 'A', outputDimensionality: 8 }, { content: content('b'), taskType: 'RETRIEVAL_DOCUMENT', outputDimensionality: 8 }] },
    'embed',
    true,
  );
  assert.deepEqual(batch, { model: 'embed', input: ['a', 'b'], dimensions: 8, passthrough: { protocol: 'gemini', fields: { taskType: 'RETRIEVAL_DOCUMENT', titles: ['A', null] } } });
  // to a Gemini vendor, the task and the titles go back where they came from
  const out = encodeEmbeddings(batch, 'text-embedding-004').body as { requests: Record<string, unknown>[] };
  assert.deepEqual(out.requests[0], { model: 'models/text-embedding-004', content: content('a'), outputDimensionality: 8, taskType: 'RETRIEVAL_DOCUMENT', title: 'A' });
  assert.deepEqual(out.requests[1], { model: 'models/text-embedding-004', content: content('b'), outputDimensionality: 8, taskType: 'RETRIEVAL_DOCUMENT' });
});

test('embeddings: what one canonical request cannot hold, and malformed bodies, are named', () => {
  const err = (f: () => unknown, param: string) => assert.throws(f, (e: unknown) => e instanceof AirlockError && e.param === param, param);
  err(() => parseEmbed({ requests: [{ content: content('a'), outputDimensionality: 8 }, { content: content('b') }] }, 'm', true), 'requests.1.outputDimensionality');
  err(() => parseEmbed({ requests: [{ content: content('a') }, { content: content('b'), taskType: 'CLUSTERING' }] }, 'm', true), 'requests.1.taskType');
  assert.throws(() => parseEmbed({ content: { parts: [{ inlineData: { mimeType: 'image/png', data: '' } }] } }, 'm', false), AirlockError);
  assert.throws(() => parseEmbed({ requests: [] }, 'm', true), AirlockError);
  assert.throws(() => parseEmbed('text', 'm', false), AirlockError);
});

test('embeddings rendered in the shape of the method called', () => {
  const res = { model: '', vectors: [[0.5, 1], [2, 3]], usage: null };
  assert.deepEqual(renderEmbed(res, true), { embeddings: [{ values: [0.5, 1] }, { values: [2, 3] }] });
  assert.deepEqual(renderEmbed({ ...res, vectors: [[0.5, 1]] }, false), { embedding: { values: [0.5, 1] } });
});
