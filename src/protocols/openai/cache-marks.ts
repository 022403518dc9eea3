// Prompt-cache breakpoints an OpenAI-format caller sets for Anthropic models, in the convention LiteLLM and OpenRouter
// made common: `cache_control` on a content part, on a whole message (its last part), or on a tool. OpenAI's own
// schema has no such field, so they are read from the body as sent (zod's reading drops unknown keys) and land on the
// canonical parts; only the Anthropic encoder writes them out.
import type { CacheControl, ChatRequest, Part } from '../../core/canonical.ts';
import { isObject } from '../../core/json.ts';

function markOf(v: unknown): CacheControl | null {
  return isObject(v) && isObject(v.cache_control) ? (v.cache_control as CacheControl) : null;
}

/** The message's own mark, or its last content part's (what a breakpoint on the message means: up to its end). */
function messageMark(m: Record<string, unknown>): CacheControl | null {
  const own = markOf(m);
  if (own !== null) return own;
  const content = m.content;
  if (!Array.isArray(content)) return null;
  let last: CacheControl | null = null;
  for (const p of content) last = markOf(p) ?? last;
  return last;
}

function markLast(parts: Part[], mark: CacheControl | null): void {
  const last = parts[parts.length - 1];
  if (mark !== null && last !== undefined) last.cache = mark;
}

/** Copies the body's breakpoints onto `req`, which translateMessages built from the same body, message by message. */
export function applyCacheMarks(req: ChatRequest, body: Record<string, unknown>): void {
  const raw = Array.isArray(body.messages) ? body.messages : [];
  let system = 0;
  let message = 0;
  const systemCache: (CacheControl | null)[] = [];
  for (const m of raw) {
    if (!isObject(m)) continue;
    if (m.role === 'system' || m.role === 'developer') {
      systemCache[system++] = messageMark(m);
      continue;
    }
    const parts = req.messages[message++]?.parts;
    if (parts === undefined) continue;
    // a user turn's parts are its content parts, one for one; other turns become one part each (or text + calls)
    if (m.role === 'user' && Array.isArray(m.content) && m.content.length === parts.length) {
      m.content.forEach((p, j) => {
        const mark = markOf(p);
        const part = parts[j];
        if (mark !== null && part !== undefined) part.cache = mark;
      });
      markLast(parts, markOf(m));
    } else {
      markLast(parts, messageMark(m));
    }
  }
  if (systemCache.some((c) => c !== null)) req.systemCache = req.system.map((_, i) => systemCache[i] ?? null);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  tools.forEach((t, k) => {
    const mark = markOf(t);
    const def = req.tools[k];
    if (mark !== null && def !== undefined) def.cache = mark;
  });
}
