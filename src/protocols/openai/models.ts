// GET /v1/models in OpenAI's list shape (ListModelsResponse): the logical model names a key may use.
import type { JsonObject } from '../../core/json.ts';

export function renderModelList(names: string[], created: number): JsonObject {
  return { object: 'list', data: names.map((id) => ({ id, object: 'model', created, owned_by: 'airlock' })) };
}
