// GET /v1/models and /v1/models/{id} in Anthropic's shapes (ModelInfo, and a page of them with before_id / after_id
// cursors and a limit, which the SDK's auto-pagination follows): the logical model names a key may use.
import { AirlockError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';

export function renderModelInfo(id: string, createdAt: string): JsonObject {
  return { type: 'model', id, display_name: id, created_at: createdAt };
}

/** The page the query asks for; a cursor that names no listed model is the caller's error, as at Anthropic. */
export function renderModelPage(names: string[], createdAt: string, query: URLSearchParams): JsonObject {
  const limit = limitOf(query.get('limit'));
  const after = query.get('after_id');
  const before = query.get('before_id');
  let from = 0;
  let to = names.length;
  if (after !== null) from = cursor(names, after, 'after_id') + 1;
  if (before !== null) to = cursor(names, before, 'before_id');
  // before_id pages backwards: the `limit` models just before the cursor
  const start = before !== null && after === null ? Math.max(from, to - limit) : from;
  const end = Math.min(to, start + limit);
  const page = names.slice(start, Math.max(start, end));
  const hasMore = before !== null && after === null ? start > from : end < to;
  return {
    data: page.map((id) => renderModelInfo(id, createdAt)),
    has_more: hasMore,
    first_id: page[0] ?? null,
    last_id: page[page.length - 1] ?? null,
  };
}

function limitOf(raw: string | null): number {
  if (raw === null) return 20;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new AirlockError('invalid_request', 'limit: Input should be an integer from 1 to 1000', { param: 'limit' });
  return n;
}

function cursor(names: string[], id: string, param: string): number {
  const at = names.indexOf(id);
  if (at === -1) throw new AirlockError('invalid_request', `${param}: no model '${id.slice(0, 80)}' in this list`, { param });
  return at;
}
