// Vendor → us, streamed: Anthropic SSE events (https://docs.anthropic.com/en/docs/build-with-claude/streaming) into
// canonical StreamEvents. One closure per stream; it holds the block → tool ordinal map and message_start's usage.
import type { Part, SseEvent, StreamEvent, Usage } from '../../core/canonical.ts';
import { AirlockError, toAirlockError } from '../../core/errors.ts';
import { isObject } from '../../core/json.ts';
import type { StreamDecoder } from '../types.ts';
import { streamErrorOf } from './errors.ts';
import { inputJsonDelta, parseWith, signatureDelta, streamEventSchema, textDelta, thinkingDelta, type WireStreamEvent } from './schema.ts';
import { fromStopReason } from './stop-reason.ts';
import { fromWireUsage } from './usage.ts';
import { partOf } from './outbound.ts';

// ping, content_block_stop, message_stop and event types newer than this code carry nothing canonical
const READ = new Set(['message_start', 'content_block_start', 'content_block_delta', 'message_delta', 'error']);

interface State {
  start: Usage | undefined;
  /** content-block index → tool ordinal, for tool_use blocks only */
  tools: Map<number, number>;
}

function blockStart(e: Extract<WireStreamEvent, { type: 'content_block_start' }>, s: State): StreamEvent[] {
  const part = partOf(e.content_block, ['content_block']);
  if (part?.type === 'text') return part.text === '' ? [] : [{ type: 'text', text: part.text }];
  if (part?.type === 'reasoning') return reasoningStart(part);
  if (part?.type !== 'tool_call') return [];
  const index = s.tools.size;
  s.tools.set(e.index, index);
  const events: StreamEvent[] = [{ type: 'tool_call', index, id: part.id, name: part.name }];
  // the API starts tool blocks with input {} and streams the JSON; anything else is sent whole up front
  if (part.arguments !== '{}') events.push({ type: 'tool_args', index, delta: part.arguments });
  return events;
}

/** A thinking block opens empty (its text and signature follow as deltas); a redacted one arrives whole. */
function reasoningStart(part: Extract<Part, { type: 'reasoning' }>): StreamEvent[] {
  if (part.redactedData !== undefined) return [{ type: 'reasoning', redactedData: part.redactedData }];
  const events: StreamEvent[] = [];
  if (part.text !== '') events.push({ type: 'reasoning', text: part.text });
  if (part.signature !== '') events.push({ type: 'reasoning', signature: part.signature });
  return events;
}

function blockDelta(e: Extract<WireStreamEvent, { type: 'content_block_delta' }>, s: State): StreamEvent[] {
  // citations deltas have no canonical form
  if (e.delta.type === 'thinking_delta' || e.delta.type === 'signature_delta') {
    if (e.delta.type === 'signature_delta') return [{ type: 'reasoning', signature: parseWith(signatureDelta, e.delta, ['delta'], 'upstream_malformed').signature }];
    const text = parseWith(thinkingDelta, e.delta, ['delta'], 'upstream_malformed').thinking;
    return text === '' ? [] : [{ type: 'reasoning', text }];
  }
  if (e.delta.type === 'text_delta') {
    const text = parseWith(textDelta, e.delta, ['delta'], 'upstream_malformed').text;
    return text === '' ? [] : [{ type: 'text', text }];
  }
  if (e.delta.type !== 'input_json_delta') return [];
  const delta = parseWith(inputJsonDelta, e.delta, ['delta'], 'upstream_malformed').partial_json;
  const index = s.tools.get(e.index);
  return index === undefined || delta === '' ? [] : [{ type: 'tool_args', index, delta }];
}

function decodeEvent(e: WireStreamEvent, s: State): StreamEvent[] {
  switch (e.type) {
    case 'message_start': {
      s.start = fromWireUsage(e.message.usage);
      return [{ type: 'start', id: e.message.id, model: e.message.model, usage: s.start }];
    }
    case 'content_block_start':
      return blockStart(e, s);
    case 'content_block_delta':
      return blockDelta(e, s);
    case 'message_delta': {
      const usage: StreamEvent = { type: 'usage', usage: fromWireUsage(e.usage, s.start) };
      if (e.delta.stop_reason === null) return [usage];
      const stop = fromStopReason(e.delta.stop_reason, e.delta.stop_sequence);
      const finish: StreamEvent = stop.stopSequence === undefined
        ? { type: 'finish', finish: stop.finish }
        : { type: 'finish', finish: stop.finish, stopSequence: stop.stopSequence };
      return [finish, usage];
    }
    case 'error':
      return [{ type: 'error', error: streamErrorOf(e.error.type, e.error.message) }];
  }
}

/**
 * The event of nearly every streamed token, a text, thinking or tool-input delta, checked by hand: two zod parses per token
 * were half the decoder's time. Null: any other event, or one this does not vouch for, which zod then reads.
 */
function plainDelta(data: Record<string, unknown>, s: State): StreamEvent[] | null {
  const delta = data.delta;
  if (data.type !== 'content_block_delta' || !Number.isSafeInteger(data.index) || !isObject(delta)) return null;
  if (delta.type === 'text_delta' && typeof delta.text === 'string') return delta.text === '' ? [] : [{ type: 'text', text: delta.text }];
  if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') return delta.thinking === '' ? [] : [{ type: 'reasoning', text: delta.thinking }];
  if (delta.type !== 'input_json_delta' || typeof delta.partial_json !== 'string') return null;
  const index = s.tools.get(data.index as number);
  return index === undefined || delta.partial_json === '' ? [] : [{ type: 'tool_args', index, delta: delta.partial_json }];
}

export function streamDecoder(): StreamDecoder {
  const state: State = { start: undefined, tools: new Map() };
  return (ev: SseEvent | 'end'): StreamEvent[] => {
    // a stream cut short is noticed by the pipeline, which knows whether a finish went by
    if (ev === 'end') return [];
    try {
      const data: unknown = JSON.parse(ev.data);
      if (!isObject(data) || typeof data.type !== 'string' || !READ.has(data.type)) return [];
      return plainDelta(data, state) ?? decodeEvent(parseWith(streamEventSchema, data, [], 'upstream_malformed'), state);
    } catch (err) {
      const error = err instanceof SyntaxError ? new AirlockError('upstream_malformed', 'the vendor sent an event that is not JSON') : toAirlockError(err);
      return [{ type: 'error', error }];
    }
  };
}
