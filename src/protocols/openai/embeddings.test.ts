import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError } from '../../core/errors.ts';
import { openaiEmbeddingsInbound, parseEmbeddingsRequest, renderEmbeddings } from './embeddings.ts';
import { decodeEmbeddings, encodeEmbeddings } from './embeddings-out.ts';
import { decodeFloat32Base64, encodeFloat32Base64 } from './float32.ts';
import { recordingJson } from './recordings.fixture.ts';

const FLOATS = recordingJson('embeddings.json') as { data: { embedding: number[] }[] };

test('parse: string or string list, dimensions, format, the rest passed through', { timeout: 1000 }, () => {
  assert.deepEqual(parseEmbeddingsRequest({ model: 'embed', input: 'one', encoding_format: 'base64', user: 'u1', dimensions: 8 }), {
    model: 'embed',
    input: ['one'],
    dimensions: 8,
    encodingFormat: 'base64',
    passthrough: { protocol: 'openai', fields: { user: 'u1' } },
  });
  assert.deepEqual(parseEmbeddingsRequest({ model: 'embed', input: ['a', 'b'] }).input, ['a', 'b']);
});

test('parse: token arrays are unsupported, bad fields are named', { timeout: 1000 }, () => {
  const fails = (body: unknown, code: string, param: string): void => {
    assert.throws(
      () => parseEmbeddingsRequest(body),
      (err: unknown) => err instanceof AirlockError && err.code === code && err.param === param,
    );
  };
  fails({ model: 'e', input: [1, 2, 3] }, 'unsupported_parameter', 'input');
  fails({ model: 'e', input: [[1, 2], [3]] }, 'unsupported_parameter', 'input');
  fails({ model: 'e', input: [] }, 'invalid_request', 'input');
  fails({ model: 'e', input: 5 }, 'invalid_request', 'input');
  fails({ input: 'x' }, 'invalid_request', 'model');
  fails({ model: 'e', input: 'x', encoding_format: 'hex' }, 'invalid_request', 'encoding_format');
  fails({ model: 'e', input: 'x', dimensions: 0 }, 'invalid_request', 'dimensions');
});

test('outbound: floats are always asked for; the float and base64 recordings decode alike', { timeout: 1000 }, () => {
  const req = parseEmbeddingsRequest({ model: 'embed', input: ['one', 'two'], encoding_format: 'base64', user: 'u', dimensions: 8 });
  assert.deepEqual(encodeEmbeddings(req, 'text-embedding-3-small'), {
    path: '/embeddings',
    headers: {},
    body: { model: 'text-embedding-3-small', input: ['one', 'two'], encoding_format: 'float', dimensions: 8, user: 'u' },
  });
  const floats = decodeEmbeddings(recordingJson('embeddings.json'));
  assert.deepEqual(floats.usage, { input: 4, output: 0, reported: true });
  assert.equal(floats.model, 'text-embedding-3-small');
  assert.deepEqual(floats.vectors, FLOATS.data.map((d) => d.embedding));
  const b64 = decodeEmbeddings(recordingJson('embeddings-base64.json'));
  assert.deepEqual(b64.vectors, floats.vectors.map((v) => v.map((x) => Math.fround(x))));
  assert.throws(() => decodeEmbeddings({ data: 'x' }), (err: unknown) => err instanceof AirlockError && err.code === 'upstream_malformed');
  assert.throws(() => decodeEmbeddings({ data: [{ embedding: 'AAA' }] }), (err: unknown) => err instanceof AirlockError && err.code === 'upstream_malformed');
});

test('outbound: vectors come back in input order; missing usage is unknown', { timeout: 1000 }, () => {
  const res = decodeEmbeddings({ data: [{ index: 1, embedding: [2] }, { index: 0, embedding: [1] }] });
  assert.deepEqual(res.vectors, [[1], [2]]);
  assert.equal(res.usage, null);
});

test('render: floats by default, base64 float32 LE when asked (what the openai SDK decodes)', { timeout: 1000 }, () => {
  const res = { model: 'vendor', vectors: [[0.5, -1.25], [3, 0]], usage: { input: 4, output: 0, reported: true } };
  assert.deepEqual(openaiEmbeddingsInbound.render(res, { model: 'embed' }), {
    object: 'list',
    data: [
      { object: 'embedding', index: 0, embedding: [0.5, -1.25] },
      { object: 'embedding', index: 1, embedding: [3, 0] },
    ],
    model: 'embed',
    usage: { prompt_tokens: 4, total_tokens: 4 },
  });
  const b64 = renderEmbeddings(res, { model: 'embed', encodingFormat: 'base64' }) as { data: { embedding: string }[] };
  const buf = Buffer.from(b64.data[0]?.embedding ?? '', 'base64');
  // Exactly what openai-node's toFloat32Array does.
  assert.deepEqual(Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4)), [0.5, -1.25]);
  assert.deepEqual(decodeFloat32Base64(encodeFloat32Base64([0.1])), [Math.fround(0.1)]);
});
