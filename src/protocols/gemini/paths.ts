// The Gemini API's resource paths as callers send them: `/{v1beta|v1}/models/{model}:{method}`. @google/genai 2.x
// calls v1beta and 3.x calls v1 (PROTOCOLS.md §2), so both name the same methods here. The model is the logical
// model's name, percent-decoded (the SDK escapes nothing, REST callers may).
import { AirlockError } from '../../core/errors.ts';

export const GEMINI_METHODS = ['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents'] as const;
export type GeminiMethod = (typeof GEMINI_METHODS)[number];

export interface GeminiCall {
  model: string;
  method: GeminiMethod;
}

const PREFIX = /^\/v1(?:beta)?\/(?:models|tunedModels)\//;
const METHODS: ReadonlySet<string> = new Set(GEMINI_METHODS);

/** `null`: not a model method call (a model lookup, or another API). Throws for a method Airlock does not serve. */
export function geminiCall(path: string): GeminiCall | null {
  const prefix = PREFIX.exec(path);
  if (prefix === null) return null;
  const rest = path.slice(prefix[0].length);
  const colon = rest.lastIndexOf(':');
  if (colon === -1) return null;
  const method = rest.slice(colon + 1);
  if (!METHODS.has(method)) throw new AirlockError('not_found', `no route for models/…:${method.slice(0, 60)}: Airlock serves ${GEMINI_METHODS.join(', ')}`);
  return { model: decodeModel(rest.slice(0, colon)), method: method as GeminiMethod };
}

function decodeModel(raw: string): string {
  let model: string;
  try {
    model = decodeURIComponent(raw);
  } catch {
    throw new AirlockError('invalid_request', 'the model in the path is not valid percent-encoding', { param: 'model' });
  }
  if (model === '') throw new AirlockError('invalid_request', 'the path names no model', { param: 'model' });
  return model;
}
