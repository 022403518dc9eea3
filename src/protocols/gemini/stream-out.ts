// Us → caller, streamed: canonical StreamEvents as `:streamGenerateContent?alt=sse` chunks, each a whole
// GenerateContentResponse on one data-only event, with no [DONE] (the reverse of stream-in.ts). Gemini sends a
// function call whole, never as argument deltas, so calls are held until their choice finishes; the finishing chunk
// is held until the usage that follows it (or the end), so the last chunk carries both, as Gemini's does.
import type { SseEvent, StreamEvent, Usage } from '../../core/canonical.ts';
import { toAirlockError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { ResponseMeta, StreamEncoder } from '../types.ts';
import { streamError } from './inbound-errors.ts';
import { FINISH_REASONS, functionCallPart, usageMetadata } from './render.ts';

interface Call {
  id: string;
  name: string;
  args: string;
}

interface State {
  /** per choice, the calls not yet sent, by canonical ordinal */
  calls: Map<number, Call[]>;
  /** finished candidates not yet sent */
  finished: JsonObject[];
  usage: Usage | undefined;
  done: boolean;
}

function chunk(meta: ResponseMeta, candidates: JsonObject[], usage?: Usage): SseEvent {
  const body: JsonObject = { candidates };
  if (usage !== undefined) body.usageMetadata = usageMetadata(usage);
  body.modelVersion = meta.model;
  body.responseId = meta.id;
  return { data: JSON.stringify(body) };
}

const candidate = (choice: number, parts: JsonObject[], finishReason?: string): JsonObject =>
  finishReason === undefined ? { content: { role: 'model', parts }, index: choice } : { content: { role: 'model', parts }, finishReason, index: choice };

function flush(s: State, meta: ResponseMeta): SseEvent[] {
  if (s.finished.length === 0 && s.usage === undefined) return [];
  const out = [chunk(meta, s.finished, s.usage)];
  s.finished = [];
  s.usage = undefined;
  return out;
}

function encodeEvent(ev: StreamEvent, s: State, meta: ResponseMeta): SseEvent[] {
  switch (ev.type) {
    case 'text':
      return ev.text === '' ? [] : [...flush(s, meta), chunk(meta, [candidate(ev.choice ?? 0, [{ text: ev.text }])])];
    case 'tool_call': {
      const calls = s.calls.get(ev.choice ?? 0) ?? [];
      calls[ev.index] = { id: ev.id, name: ev.name, args: '' };
      s.calls.set(ev.choice ?? 0, calls);
      return [];
    }
    case 'tool_args': {
      const call = s.calls.get(ev.choice ?? 0)?.[ev.index];
      if (call !== undefined) call.args += ev.delta;
      return [];
    }
    case 'finish': {
      const choice = ev.choice ?? 0;
      const parts = (s.calls.get(choice) ?? []).filter((c) => c !== undefined).map((c) => functionCallPart(c.id, c.name, c.args));
      s.calls.delete(choice);
      s.finished.push(candidate(choice, parts, FINISH_REASONS[ev.finish]));
      return [];
    }
    case 'usage':
      s.usage = ev.usage;
      return [];
    case 'error':
      s.done = true;
      return streamError(ev.error, meta.id);
    default:
      // start carries nothing a chunk needs; reasoning is not shown to other callers
      return [];
  }
}

export function createStreamEncoder(meta: ResponseMeta): StreamEncoder {
  const state: State = { calls: new Map(), finished: [], usage: undefined, done: false };
  return (ev) => {
    if (state.done) return [];
    if (ev === 'end') {
      state.done = true;
      return flush(state, meta);
    }
    try {
      return encodeEvent(ev, state, meta);
    } catch (err) {
      // a call whose arguments are not an object (render.ts): the stream ends with the error, as a vendor failure would
      state.done = true;
      return streamError(toAirlockError(err), meta.id);
    }
  };
}
