// Caller's :embedContent and :batchEmbedContents (what @google/genai's models.embedContent calls) → canonical
// embeddings, and the vectors back in the Gemini API's shapes. taskType and title steer Gemini's embedding models
// only, so they travel in passthrough to Gemini-protocol vendors.
import { z } from 'zod';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { isObject, type JsonObject } from '../../core/json.ts';
import { requestError } from '../openai/request-error.ts';

const contentSchema = z.object({
  role: z.string().optional(),
  parts: z.array(z.object({ text: z.string() }).strict()).min(1),
});

const embedSchema = z
  .object({
    model: z.string().optional(),
    content: contentSchema,
    taskType: z.string().optional(),
    title: z.string().optional(),
    outputDimensionality: z.number().int().positive().optional(),
  })
  .strict();

const batchSchema = z.object({ requests: z.array(embedSchema).min(1) }).strict();

type Embed = z.infer<typeof embedSchema>;

/** `batch`: :batchEmbedContents; otherwise :embedContent. */
export function parseEmbed(body: unknown, model: string, batch: boolean): EmbeddingsRequest {
  if (!isObject(body)) throw new AirlockError('invalid_request', 'the request body must be a JSON object');
  const parsed = batch ? batchSchema.safeParse(body) : embedSchema.safeParse(body);
  if (!parsed.success) throw requestError(parsed.error);
  const requests: Embed[] = 'requests' in parsed.data ? parsed.data.requests : [parsed.data];
  const first = requests[0];
  // one canonical request has one dimension count and one task for every input
  for (const [i, r] of requests.entries()) {
    if (r.outputDimensionality !== first?.outputDimensionality) throw new AirlockError('unsupported_parameter', 'every request in a batch must ask for the same outputDimensionality', { param: `requests.${i}.outputDimensionality` });
    if (r.taskType !== first?.taskType) throw new AirlockError('unsupported_parameter', 'every request in a batch must have the same taskType', { param: `requests.${i}.taskType` });
  }
  const fields: JsonObject = {};
  if (first?.taskType !== undefined) fields.taskType = first.taskType;
  // a title is per document, and means something only with RETRIEVAL_DOCUMENT; the API takes one per request
  const titles = requests.map((r) => r.title ?? null);
  if (titles.some((t) => t !== null)) fields.titles = titles;
  return {
    model,
    // Gemini embeds a content's parts as one text
    input: requests.map((r) => r.content.parts.map((p) => p.text).join('\n')),
    ...(first?.outputDimensionality === undefined ? {} : { dimensions: first.outputDimensionality }),
    passthrough: { protocol: 'gemini', fields },
  };
}

export function renderEmbed(res: EmbeddingsResponse, batch: boolean): JsonObject {
  const embeddings = res.vectors.map((values) => ({ values }));
  return batch ? { embeddings } : { embedding: embeddings[0] ?? { values: [] } };
}
