// Embeddings through `:batchEmbedContents` (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents):
// one request per input, answered in order. The API reports no token counts here, so usage is unknown, not zero.
import type { EmbeddingsRequest, EmbeddingsResponse } from '../../core/canonical.ts';
import type { JsonObject } from '../../core/json.ts';
import type { OutboundRequest } from '../types.ts';
import { modelResource } from './outbound.ts';
import { embedResponseSchema, parseVendor } from './schema.ts';

export function encodeEmbeddings(req: EmbeddingsRequest, vendorModel: string): OutboundRequest {
  const model = modelResource(vendorModel);
  // a Gemini caller's task and titles (embed-in.ts); other callers have none
  const own = req.passthrough.protocol === 'gemini' ? req.passthrough.fields : {};
  const titles = Array.isArray(own.titles) ? own.titles : [];
  // each request must name the same model as the URL
  const requests = req.input.map((text, i): JsonObject => {
    const r: JsonObject = { model, content: { parts: [{ text }] } };
    if (req.dimensions !== undefined) r.outputDimensionality = req.dimensions;
    if (typeof own.taskType === 'string') r.taskType = own.taskType;
    const title = titles[i];
    if (typeof title === 'string') r.title = title;
    return r;
  });
  return { path: `/v1beta/${model}:batchEmbedContents`, headers: {}, body: { requests } };
}

/** The answer names no model; the pipeline knows which target it asked. */
export function decodeEmbeddings(body: unknown): EmbeddingsResponse {
  const res = parseVendor(embedResponseSchema, body);
  return { model: '', vectors: res.embeddings.map((e) => e.values), usage: null };
}
