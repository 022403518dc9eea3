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

  // Appends to `out` rather than returning arrays to spread: this runs for every streamed token.
  const choiceEvents = (c: ChunkChoice, fallbackIndex: number, out: StreamEvent[]): void => {
    const index = c.index ?? fallbackIndex;
    const text = c.delta?.content ?? c.delta?.refusal;
    if (text != null && text !== '') out.push(index === 0 ? { type: 'text', text } : { type: 'text', choice: index, text });
    const calls = c.delta?.tool_calls;
    if (calls != null) for (let ordinal = 0; ordinal < calls.length; ordinal++) toolEvents(calls[ordinal] as DeltaToolCall, ordinal, index, out);
    if (c.finish_reason != null) {
      const finish = decodeFinish(c.finish_reason);
      out.push(index === 0 ? { type: 'finish', finish } : { type: 'finish', choice: index, finish });
    }
  };

  const toolEvents = (call: DeltaToolCall, ordinal: number, choice: number, out: StreamEvent[]): void => {
    const index = call.index ?? ordinal;
    const tag = choice === 0 ? {} : { choice };
    const key = `${choice}:${index}`;
    if (call.id != null && call.id !== '' && !opened.has(key)) {
      opened.add(key);
      out.push({ type: 'tool_call', ...tag, index, id: call.id, name: call.function?.name ?? '' });
    }
    const args = call.function?.arguments;
    if (args != null && args !== '') out.push({ type: 'tool_args', ...tag, index, delta: args });
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
    const choices = chunk.choices;
    if (choices != null) for (let i = 0; i < choices.length; i++) choiceEvents(choices[i] as ChunkChoice, i, out);
    const usage = decodeUsage(chunk.usage);
    if (usage !== null) out.push({ type: 'usage', usage });
    return out;
  };
}
