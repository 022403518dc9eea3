// Zod shapes of what the Gemini API answers (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse,
// typed in @google/genai `types.ts`). Objects are loose and most fields optional: proto3 JSON omits default values
// (index 0, empty lists), and the API adds fields (groundingMetadata, urlContextMetadata, …) faster than Airlock reads them.
import { z } from 'zod';
import { AirlockError } from '../../core/errors.ts';

const count = z.number().int().nonnegative().nullish();

export const usageSchema = z.looseObject({
  promptTokenCount: count,
  candidatesTokenCount: count,
  cachedContentTokenCount: count,
  thoughtsTokenCount: count,
  toolUsePromptTokenCount: count,
  totalTokenCount: count,
});
export type WireUsage = z.output<typeof usageSchema>;

const functionCall = z.looseObject({
  id: z.string().nullish(),
  name: z.string().min(1),
  args: z.record(z.string(), z.json()).nullish(),
});

// inlineData, executableCode, codeExecutionResult and other parts have no canonical form and are read as nothing
export const partSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  functionCall: functionCall.nullish(),
});
export type WirePart = z.output<typeof partSchema>;

export const candidateSchema = z.looseObject({
  content: z.looseObject({ role: z.string().nullish(), parts: z.array(partSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().int().nonnegative().nullish(),
});
export type WireCandidate = z.output<typeof candidateSchema>;

export const responseSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: usageSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});
export type WireResponse = z.output<typeof responseSchema>;

/** google.rpc.Status as the API serializes it (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes). */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.number().int().nullish(),
    message: z.string().nullish(),
    status: z.string().nullish(),
    details: z.array(z.looseObject({ '@type': z.string().nullish() })).nullish(),
  }),
});
export type WireError = z.output<typeof errorBodySchema>['error'];

export const embedResponseSchema = z.looseObject({
  embeddings: z.array(z.looseObject({ values: z.array(z.number()) })),
});

/** Parses a vendor answer or throws upstream_malformed naming the field; zod never echoes the value it got. */
export function parseVendor<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol').join('.');
  const message = issue?.message ?? 'invalid value';
  throw new AirlockError('upstream_malformed', `the vendor's answer is malformed (${path === '' ? message : `${path}: ${message}`})`);
}
