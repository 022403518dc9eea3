// Us → caller, streamed: canonical StreamEvents as Anthropic SSE. Every event carries `event:` equal to its data's
// type, because @anthropic-ai/sdk drops SSE messages without one (PROTOCOLS.md §2).
import type { SseEvent, StreamEvent, Usage } from '../../core/canonical.ts';
import type { JsonObject } from '../../core/json.ts';
import type { ResponseMeta, StreamEncoder } from '../types.ts';
import { streamError } from './errors.ts';
import { toStopReason } from './stop-reason.ts';
import { toWireUsage } from './usage.ts';

type Kind = 'text' | 'tool' | 'thinking' | 'sealed';

interface State {
  started: boolean;
  done: boolean;
  /** the content block being written, if any; Anthropic blocks never interleave. `sealed`: a thinking block whose
   * signature went out (or a redacted one), which takes nothing more */
  open: { kind: Kind; index: number } | null;
  blocks: number;
  /** canonical tool ordinal → content-block index */
  tools: Map<number, number>;
  finish: ReturnType<typeof toStopReason> | null;
  startUsage: Usage | undefined;
  usage: Usage | undefined;
}

function named(data: JsonObject & { type: string }): SseEvent {
  return { event: data.type, data: JSON.stringify(data) };
}

function start(s: State, meta: ResponseMeta, usage: Usage | undefined): SseEvent[] {
  s.started = true;
  s.startUsage = usage;
  const message: JsonObject = {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: Object.assign(toWireUsage(usage), { service_tier: 'standard' }),
  };
  return [named({ type: 'message_start', message }), named({ type: 'ping' })];
}

function close(s: State): SseEvent[] {
  if (s.open === null) return [];
  const index = s.open.index;
  s.open = null;
  return [named({ type: 'content_block_stop', index })];
}

function openBlock(s: State, kind: Kind, block: JsonObject): SseEvent[] {
  const out = close(s);
  const index = s.blocks++;
  s.open = { kind, index };
  out.push(named({ type: 'content_block_start', index, content_block: block }));
  return out;
}

function text(s: State, delta: string): SseEvent[] {
  const out = s.open?.kind === 'text' ? [] : openBlock(s, 'text', { type: 'text', text: '' });
  const index = s.open?.index ?? 0;
  // the event of nearly every token: only the text is serialized (the same bytes as named() would give)
  out.push({ event: 'content_block_delta', data: `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(delta)}}}` });
  return out;
}

/** Thinking text, then its signature, in one block; a redacted block is opened whole and sealed. */
function reasoning(s: State, ev: Extract<StreamEvent, { type: 'reasoning' }>): SseEvent[] {
  if (ev.redactedData !== undefined) return openBlock(s, 'sealed', { type: 'redacted_thinking', data: ev.redactedData });
  const out = s.open?.kind === 'thinking' ? [] : openBlock(s, 'thinking', { type: 'thinking', thinking: '', signature: '' });
  const index = s.open?.index ?? 0;
  if (ev.text !== undefined && ev.text !== '') out.push(named({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: ev.text } }));
  if (ev.signature !== undefined) {
    out.push(named({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: ev.signature } }));
    if (s.open !== null) s.open.kind = 'sealed';
  }
  return out;
}

/** message_delta's usage counters are totals; the SDK's MessageStream copies each present one into the message. */
function end(s: State): SseEvent[] {
  s.done = true;
  const stop = s.finish ?? toStopReason('stop', undefined);
  const known = s.usage ?? s.startUsage;
  const usage = known === undefined ? { output_tokens: 0 } : toWireUsage(known);
  return [
    ...close(s),
    named({ type: 'message_delta', delta: stop, usage }),
    named({ type: 'message_stop' }),
  ];
}

function content(s: State, ev: StreamEvent): SseEvent[] {
  switch (ev.type) {
    case 'text':
      return ev.text === '' ? [] : text(s, ev.text);
    case 'tool_call': {
      const out = openBlock(s, 'tool', { type: 'tool_use', id: ev.id, name: ev.name, input: {} });
      s.tools.set(ev.index, s.blocks - 1);
      return out;
    }
    case 'tool_args': {
      const index = s.tools.get(ev.index);
      if (index === undefined || ev.delta === '') return [];
      return [named({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: ev.delta } })];
    }
    case 'reasoning':
      return reasoning(s, ev);
    default:
      return [];
  }
}

function step(s: State, meta: ResponseMeta, ev: StreamEvent): SseEvent[] {
  if (ev.type === 'error') {
    s.done = true;
    return streamError(ev.error);
  }
  if (ev.type === 'start') return s.started ? [] : start(s, meta, ev.usage);
  const out = s.started ? [] : start(s, meta, undefined);
  if (ev.type === 'usage') {
    s.usage = ev.usage;
    return s.finish === null ? out : [...out, ...end(s)];
  }
  // only choice 0 exists on this wire
  if ((ev.choice ?? 0) !== 0) return out;
  if (ev.type === 'finish') {
    if (s.finish !== null) return out;
    s.finish = toStopReason(ev.finish, ev.stopSequence);
    out.push(...close(s));
    // OpenAI-protocol vendors send usage after finish_reason, so the finish waits for it (or for the end)
    return s.usage === undefined ? out : [...out, ...end(s)];
  }
  return s.finish === null ? [...out, ...content(s, ev)] : out;
}

export function streamEncoder(meta: ResponseMeta): StreamEncoder {
  const s: State = { started: false, done: false, open: null, blocks: 0, tools: new Map(), finish: null, startUsage: undefined, usage: undefined };
  return (ev: StreamEvent | 'end'): SseEvent[] => {
    if (s.done) return [];
    if (ev !== 'end') return step(s, meta, ev);
    return [...(s.started ? [] : start(s, meta, undefined)), ...end(s)];
  };
}
