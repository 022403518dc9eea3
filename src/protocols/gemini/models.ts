// GET /{v1beta|v1}/models and /models/{model} in the Gemini API's shapes (Model, ListModelsResponse), which
// @google/genai's models.list() pages through with pageSize / pageToken: the logical models a key may use.
import { AirlockError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';

export function renderGeminiModel(id: string): JsonObject {
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    description: 'an Airlock logical model',
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}

/** The page token is the offset of the page's first model, so a token from another list is simply out of range. */
export function renderGeminiModelPage(names: string[], query: URLSearchParams): JsonObject {
  const size = pageSize(query.get('pageSize'));
  const token = query.get('pageToken');
  const from = token === null || token === '' ? 0 : offset(token, names.length);
  const page = names.slice(from, from + size);
  const body: JsonObject = { models: page.map(renderGeminiModel) };
  if (from + size < names.length) body.nextPageToken = Buffer.from(String(from + size)).toString('base64url');
  return body;
}

function pageSize(raw: string | null): number {
  // the API's own default and ceiling
  if (raw === null || raw === '') return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new AirlockError('invalid_request', 'pageSize must be a positive integer', { param: 'pageSize' });
  return Math.min(n, 1000);
}

function offset(token: string, total: number): number {
  const n = Number(Buffer.from(token, 'base64url').toString());
  if (!Number.isInteger(n) || n < 0 || n > total) throw new AirlockError('invalid_request', 'pageToken is not one this list gave out', { param: 'pageToken' });
  return n;
}
