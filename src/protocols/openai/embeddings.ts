// POST /v1/embeddings, the one embeddings wire format Airlock accepts (CreateEmbeddingRequest / CreateEmbeddingResponse).
import type { EmbeddingsRequest, EmbeddingsResponse } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject, type JsonObject } from '../../core/json.ts';
import type { EmbeddingsInbound } from '../types.ts';
import { encodeFloat32Base64 } from './float32.ts';
import { passthroughFields } from './parse.ts';
import { requestError, unsupported } from './request-error.ts';
import { CANONICAL_EMBEDDINGS_KEYS, embeddingsRequestSchema } from './schema.ts';

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (!isObject(body)) throw new AirlockError('invalid_request', 'the request body must be a JSON object');
  const result = embeddingsRequestSchema.safeParse(body);
  if (!result.success) throw requestError(result.error);
  const b = result.data;
  const input = typeof b.input === 'string' ? [b.input] : b.input;
  if (!input.every((x): x is string => typeof x === 'string')) {
    // Token ids only mean something to one tokenizer; Airlock may route to a vendor with another.
    throw unsupported('input', 'token-array input');
  }
  if (input.length === 0) throw new AirlockError('invalid_request', "invalid value for 'input': expected at least one string", { param: 'input' });
  return {
    model: b.model,
    input,
    ...(b.dimensions == null ? {} : { dimensions: b.dimensions }),
    ...(b.encoding_format == null ? {} : { encodingFormat: b.encoding_format }),
    passthrough: { protocol: 'openai', fields: passthroughFields(body, CANONICAL_EMBEDDINGS_KEYS) },
  };
}

export interface EmbeddingsRenderMeta {
  model: string;
  /** the caller's `encoding_format`; base64 is what the openai SDK asks for unless told otherwise */
  encodingFormat?: 'float' | 'base64';
}

export function renderEmbeddings(res: EmbeddingsResponse, meta: EmbeddingsRenderMeta): JsonObject {
  const base64 = meta.encodingFormat === 'base64';
  const input = res.usage?.input ?? 0;
  return {
    object: 'list',
    data: res.vectors.map((v, index) => ({ object: 'embedding', index, embedding: base64 ? encodeFloat32Base64(v) : v })),
    model: meta.model,
    usage: { prompt_tokens: input, total_tokens: input },
  };
}

export const openaiEmbeddingsInbound: EmbeddingsInbound & { render(res: EmbeddingsResponse, meta: EmbeddingsRenderMeta): JsonObject } = {
  parse: parseEmbeddingsRequest,
  render: renderEmbeddings,
};
