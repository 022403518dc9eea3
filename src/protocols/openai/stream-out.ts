// Canonical stream events → `chat.completion.chunk` SSE, data-only lines ending in `data: [DONE]`
// (CreateChatCompletionStreamResponse; PROTOCOLS.md "OpenAI chat completions").
import type { StreamEvent, Usage, SseEvent } from '../../core/canonical.ts';
import type { AirlockError } from '../../core/errors.ts';
import type { JsonObject, JsonValue } from '../../core/json.ts';
import type { ResponseMeta, StreamEncoder } from '../types.ts';
import { errorBody, renderUsage } from './render.ts';

export function streamError(err: AirlockError, _requestId: string): SseEvent[] {
  return [{ data: JSON.stringify(errorBody(err)) }];
}

function chunkEvent(meta: ResponseMeta, choices: JsonValue[], extra: JsonObject): SseEvent {
  const body: JsonObject = {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: 'default',
    system_fingerprint: null,
    choices,
    // With include_usage every chunk but the last carries `usage: null`; without it the key is absent.
    ...(meta.includeUsage ? { usage: null } : {}),
    ...extra,
  };
  return { data: JSON.stringify(body) };
}

/**
 * Every chunk of a stream shares its envelope, so it is serialized once and only `choices` per chunk: the
 * encoder runs for every token, and a full JSON.stringify of the envelope was a visible share of stream CPU.
 * Same bytes as chunkEvent (key order included), which the usage chunk still uses.
 */
function chunkFactory(meta: ResponseMeta): {
  chunk: (choices: JsonValue[], extra?: JsonObject) => SseEvent;
  /** a text delta, the chunk of nearly every token, with only the text serialized */
  text: (index: number, text: string) => SseEvent;
} {
  const head =
    `{"id":${JSON.stringify(meta.id)},"object":"chat.completion.chunk","created":${JSON.stringify(meta.created)},` +
    `"model":${JSON.stringify(meta.model)},"service_tier":"default","system_fingerprint":null,"choices":`;
  const tail = meta.includeUsage ? ',"usage":null}' : '}';
  return {
    chunk: (choices, extra) => (extra === undefined ? { data: head + JSON.stringify(choices) + tail } : chunkEvent(meta, choices, extra)),
    text: (index, text) => ({
      data: `${head}[{"index":${index},"delta":{"content":${JSON.stringify(text)}},"logprobs":null,"finish_reason":null}]${tail}`,
    }),
  };
}

export function createStreamEncoder(meta: ResponseMeta): StreamEncoder {
  const seen = new Set<number>();
  let usage: Usage | null = null;
  let closed = false;

  const { chunk, text } = chunkFactory(meta);
  const delta = (index: number, d: JsonObject, finish: string | null = null): SseEvent =>
    chunk([{ index, delta: d, logprobs: null, finish_reason: finish }]);
  // The SDK's stream accumulator expects `role` on the first delta of every choice.
  const open = (index: number): SseEvent[] => {
    if (seen.has(index)) return [];
    seen.add(index);
    return [delta(index, { role: 'assistant', content: '', refusal: null })];
  };

  const onEvent = (ev: StreamEvent): SseEvent[] => {
    switch (ev.type) {
      case 'start':
        if (ev.usage !== undefined) usage = ev.usage;
        return open(0);
      case 'text': {
        const c = ev.choice ?? 0;
        return seen.has(c) ? [text(c, ev.text)] : [...open(c), text(c, ev.text)];
      }
      case 'tool_call': {
        const c = ev.choice ?? 0;
        const call = { index: ev.index, id: ev.id, type: 'function', function: { name: ev.name, arguments: '' } };
        return [...open(c), delta(c, { tool_calls: [call] })];
      }
      case 'tool_args': {
        const c = ev.choice ?? 0;
        return [...open(c), delta(c, { tool_calls: [{ index: ev.index, function: { arguments: ev.delta } }] })];
      }
      case 'finish': {
        const c = ev.choice ?? 0;
        return [...open(c), delta(c, {}, ev.finish)];
      }
      case 'usage':
        usage = ev.usage;
        return [];
      case 'reasoning':
        // Chat Completions has no place for another vendor's reasoning
        return [];
      case 'error':
        closed = true;
        return streamError(ev.error, meta.id);
    }
  };

  return (ev) => {
    if (closed) return [];
    if (ev !== 'end') return onEvent(ev);
    closed = true;
    const tail = meta.includeUsage && usage !== null ? [chunk([], { usage: renderUsage(usage) })] : [];
    return [...tail, { data: '[DONE]' }];
  };
}
