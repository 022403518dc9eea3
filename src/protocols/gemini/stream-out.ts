// Us → caller, streamed: canonical StreamEvents as `:streamGenerateContent?alt=sse` chunks, each a whole
// GenerateContentResponse on one data-only event, with no [DONE] (the reverse of stream-in.ts).
// Gemini sends a function call whole, never as argument deltas, so a choice's calls wait for its finish. Every
// finish waits for the end, where the finished candidates and the usage (which follows the finishes) go out in one
// last chunk, as Gemini's own last chunk carries finishReason and usageMetadata together.
import type { SseEvent, StreamEvent, Usage } from '../../core/canonical.ts';
import type { JsonObject } from '../../core/json.ts';
import type { ResponseMeta, StreamEncoder } from '../types.ts';
import { streamError } from './inbound-errors.ts';
import { finishReason, functionCallPart, usageMetadata, type ToolCall } from './render.ts';

interface State {
  /** per choice, its calls not sent yet, by canonical ordinal (sparse until every call has begun) */
  calls: Map<number, ToolCall[]>;
  /** finished candidates, sent at the end */
  finished: JsonObject[];
  usage: Usage | undefined;
  /** what `start` knew, for a vendor that reports nothing later */
  startUsage: Usage | undefined;
  done: boolean;
}

function chunk(meta: ResponseMeta, candidates: JsonObject[], usage: Usage | undefined): SseEvent {
  const body: JsonObject = {};
  if (candidates.length > 0) body.candidates = candidates;
  if (usage !== undefined) body.usageMetadata = usageMetadata(usage);
  body.modelVersion = meta.model;
  body.responseId = meta.id;
  return { data: JSON.stringify(body) };
}

/**
 * The chunk of nearly every token, with only the text serialized: the envelope is the same for the whole stream.
 * Same bytes as chunk() gives for one text candidate.
 */
function textChunks(meta: ResponseMeta): (choice: number, text: string) => SseEvent {
  const tail = `,"modelVersion":${JSON.stringify(meta.model)},"responseId":${JSON.stringify(meta.id)}}`;
  return (choice, text) => ({ data: `{"candidates":[{"content":{"role":"model","parts":[{"text":${JSON.stringify(text)}}]},"index":${choice}}]${tail}` });
}

/** A choice's held calls as parts; `dropped` when one had arguments this wire cannot carry (render.ts). */
function takeCalls(s: State, choice: number): { parts: JsonObject[]; dropped: boolean } {
  const calls = s.calls.get(choice) ?? [];
  s.calls.delete(choice);
  const parts: JsonObject[] = [];
  let dropped = false;
  // forEach skips the holes of ordinals whose tool_call never came
  calls.forEach((c) => {
    const part = functionCallPart(c);
    if (part === null) dropped = true;
    else parts.push(part);
  });
  return { parts, dropped };
}

function finish(s: State, ev: Extract<StreamEvent, { type: 'finish' }>): void {
  const choice = ev.choice ?? 0;
  // a choice ends once; a second finish would repeat its candidate in the last chunk
  if (s.finished.some((c) => c.index === choice)) return;
  const { parts, dropped } = takeCalls(s, choice);
  // @google/genai's chats drop a whole streamed turn from their history when any chunk's first candidate has no
  // parts (isValidResponse); an empty text part, which Gemini itself sends, adds nothing to the answer
  if (parts.length === 0) parts.push({ text: '' });
  s.finished.push({ content: { role: 'model', parts }, finishReason: finishReason(ev.finish, dropped), index: choice });
}

function end(s: State, meta: ResponseMeta): SseEvent[] {
  s.done = true;
  // calls of a choice that never finished still go out, with no finishReason: nobody said why it ended
  for (const choice of [...s.calls.keys()].sort((a, b) => a - b)) {
    const { parts } = takeCalls(s, choice);
    if (parts.length > 0) s.finished.push({ content: { role: 'model', parts }, index: choice });
  }
  const usage = s.usage ?? s.startUsage;
  return s.finished.length === 0 && usage === undefined ? [] : [chunk(meta, s.finished, usage)];
}

function buffer(s: State, ev: Extract<StreamEvent, { type: 'tool_call' | 'tool_args' }>): void {
  const choice = ev.choice ?? 0;
  const calls = s.calls.get(choice) ?? [];
  s.calls.set(choice, calls);
  if (ev.type === 'tool_call') calls[ev.index] = { id: ev.id, name: ev.name, arguments: '' };
  else {
    const call = calls[ev.index];
    if (call !== undefined) call.arguments += ev.delta;
  }
}

export function createStreamEncoder(meta: ResponseMeta): StreamEncoder {
  const s: State = { calls: new Map(), finished: [], usage: undefined, startUsage: undefined, done: false };
  const text = textChunks(meta);
  return (ev) => {
    if (s.done) return [];
    if (ev === 'end') return end(s, meta);
    switch (ev.type) {
      case 'text':
        return ev.text === '' ? [] : [text(ev.choice ?? 0, ev.text)];
      case 'tool_call':
      case 'tool_args':
        buffer(s, ev);
        return [];
      case 'finish':
        finish(s, ev);
        return [];
      case 'start':
        s.startUsage = ev.usage;
        return [];
      case 'usage':
        s.usage = ev.usage;
        return [];
      case 'reasoning':
        // Anthropic's signed reasoning is not shown to other callers
        return [];
      case 'error':
        s.done = true;
        // Gemini's chat ids carry no prefix (idPrefix ''), so the answer's id is the request's
        return streamError(ev.error, meta.id);
    }
  };
}
