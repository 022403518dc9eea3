// GET /v1/models and /v1/models/{id} in OpenAI's shapes (ListModelsResponse, Model): the logical model names a key
// may use.
import type { JsonObject } from '../../core/json.ts';

export function renderModel(id: string, created: number): JsonObject {
  return { id, object: 'model', created, owned_by: 'airlock' };
}

export function renderModelList(names: string[], created: number): JsonObject {
  return { object: 'list', data: names.map((id) => renderModel(id, created)) };
}
