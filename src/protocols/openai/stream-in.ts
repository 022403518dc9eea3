// A vendor's `chat.completion.chunk` SSE → canonical stream events.
// `choice` is omitted for choice 0 (the canonical default) and set for every other choice, so single-choice
// streams decode to the same events as every other protocol's.
import type { SseEvent, StreamEvent } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import type { StreamDecoder } from '../types.ts';
import { decodeFinish, decodeUsage, malformed } from './decode.ts';
import { plainChunk } from './chunk-guard.ts';
import { vendorChunk, vendorError, type DeltaToolCall, type VendorChunk } from './vendor-schema.ts';

type ChunkChoice = NonNullable<VendorChunk['choices']>[number];

export function createStreamDecoder(): StreamDecoder {
  let started = false;
  // Some OpenAI-compatible servers repeat the call id on every fragment; only the first one opens the call.
  const opened = new Set<string>();

  const choiceEvents = (c: ChunkChoice, fallbackIndex: number): StreamEvent[] => {
    const index = c.index ?? fallbackIndex;
    const tag = index === 0 ? {} : { choice: index };
    const out: StreamEvent[] = [];
    const text = c.delta?.content ?? c.delta?.refusal;
    if (text != null && text !== '') out.push({ type: 'text', ...tag, text });
    (c.delta?.tool_calls ?? []).forEach((call, ordinal) => out.push(...toolEvents(call, ordinal, index, tag)));
    if (c.finish_reason != null) out.push({ type: 'finish', ...tag, finish: decodeFinish(c.finish_reason) });
    return out;
  };

  const toolEvents = (call: DeltaToolCall, ordinal: number, choice: number, tag: { choice?: number }): StreamEvent[] => {
    const index = call.index ?? ordinal;
    const key = `${choice}:${index}`;
    const out: StreamEvent[] = [];
    if (call.id != null && call.id !== '' && !opened.has(key)) {
      opened.add(key);
      out.push({ type: 'tool_call', ...tag, index, id: call.id, name: call.function?.name ?? '' });
    }
    const args = call.function?.arguments;
    if (args != null && args !== '') out.push({ type: 'tool_args', ...tag, index, delta: args });
    return out;
  };

  return (ev: SseEvent | 'end'): StreamEvent[] => {
    if (ev === 'end' || ev.data === '[DONE]') return [];
    let json: unknown;
    try {
      json = JSON.parse(ev.data);
    } catch (cause) {
      return [{ type: 'error', error: malformed('a stream chunk', cause) }];
    }
    let chunk = ev.event === 'error' ? null : plainChunk(json);
    if (chunk === null) {
      // Mid-stream errors come as `data: {"error":{…}}`, sometimes under `event: error`.
      const failure = vendorError.safeParse(json);
      if (failure.success || ev.event === 'error') {
        const message = failure.success ? failure.data.error.message : null;
        return [{ type: 'error', error: new AirlockError('upstream_error', `vendor: ${message ?? 'stream error'}`) }];
      }
      const parsed = vendorChunk.safeParse(json);
      if (!parsed.success) return [{ type: 'error', error: malformed('a stream chunk', parsed.error) }];
      chunk = parsed.data;
    }
    const out: StreamEvent[] = [];
    if (!started) {
      started = true;
      out.push({ type: 'start', id: chunk.id ?? '', model: chunk.model ?? '' });
    }
    (chunk.choices ?? []).forEach((c, i) => out.push(...choiceEvents(c, i)));
    const usage = decodeUsage(chunk.usage);
    if (usage !== null) out.push({ type: 'usage', usage });
    return out;
  };
}
