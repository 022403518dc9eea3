// Canonical embeddings ⇄ an OpenAI-protocol vendor's POST {base}/embeddings.
import type { EmbeddingsRequest, EmbeddingsResponse } from '../../core/canonical.ts';
import type { JsonObject } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';
import { malformed } from './decode.ts';
import { decodeFloat32Base64 } from './float32.ts';
import { vendorEmbeddings } from './vendor-schema.ts';

export function encodeEmbeddings(req: EmbeddingsRequest, vendorModel: string): OutboundRequest {
  // Always floats upstream: the caller's format is applied when Airlock renders its own answer.
  const body: JsonObject = { model: vendorModel, input: req.input, encoding_format: 'float' };
  if (req.dimensions !== undefined) body.dimensions = req.dimensions;
  if (req.passthrough.protocol === 'openai') {
    for (const [key, value] of Object.entries(req.passthrough.fields)) {
      if (!(key in body)) body[key] = value;
    }
  }
  return { path: '/embeddings', headers: {}, body };
}

export function decodeEmbeddings(body: unknown): EmbeddingsResponse {
  const parsed = vendorEmbeddings.safeParse(body);
  if (!parsed.success) throw malformed('an embeddings list', parsed.error);
  const b = parsed.data;
  // `index` orders the vectors as the inputs were; the spec does not promise `data` arrives in that order.
  const items = b.data.map((d, i) => ({ index: d.index ?? i, embedding: d.embedding })).sort((x, y) => x.index - y.index);
  const vectors = items.map((d) => {
    if (typeof d.embedding !== 'string') return d.embedding;
    const decoded = decodeFloat32Base64(d.embedding);
    if (decoded === null) throw malformed('a base64 embedding');
    return decoded;
  });
  const input = b.usage?.prompt_tokens;
  return { model: b.model ?? '', vectors, usage: input == null ? null : { input, output: 0, reported: true } };
}
