// Vendor → us, streamed: `:streamGenerateContent?alt=sse` sends each chunk as a whole GenerateContentResponse in one
// `data:` line, with no `[DONE]` (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent).
// Function calls arrive whole, so there is nothing to buffer but the tool ordinals and the latest usage.
import type { SseEvent, StreamEvent, Usage } from '../../core/canonical.ts';
import { AirlockError, toAirlockError } from '../../core/errors.ts';
import { isObject } from '../../core/json.ts';
import type { StreamDecoder } from '../types.ts';
import { plainResponse } from './chunk-guard.ts';
import { streamErrorOf } from './errors.ts';
import { fallbackId, finishOf, indexOf, textOf, toolCallOf, usageOf } from './response.ts';
import { errorBodySchema, parseVendor, responseSchema, type WireCandidate, type WireResponse } from './schema.ts';

interface ChoiceState {
  calls: number;
  finished: boolean;
}

interface State {
  started: boolean;
  /**
   * usageMetadata comes with many chunks, each a running total; only the last is the answer's. It goes out once, on
   * 'end', since only then is it known to be the last, whatever chunks the candidates finish in.
   */
  usage: Usage | null;
  choices: Map<number, ChoiceState>;
}

function candidateEvents(c: WireCandidate, choice: number, s: State): StreamEvent[] {
  const st = s.choices.get(choice) ?? { calls: 0, finished: false };
  s.choices.set(choice, st);
  // canonical stream events leave choice 0 implicit
  const tag = choice === 0 ? {} : { choice };
  const out: StreamEvent[] = [];
  for (const p of c.content?.parts ?? []) {
    if (p.functionCall !== null && p.functionCall !== undefined) {
      const index = st.calls++;
      const call = toolCallOf(p.functionCall, choice, index);
      out.push({ type: 'tool_call', ...tag, index, id: call.id, name: call.name });
      out.push({ type: 'tool_args', ...tag, index, delta: call.arguments });
      continue;
    }
    const text = textOf(p);
    if (text !== '') out.push({ type: 'text', ...tag, text });
  }
  if (c.finishReason !== null && c.finishReason !== undefined && !st.finished) {
    st.finished = true;
    out.push({ type: 'finish', ...tag, finish: finishOf(c.finishReason, st.calls > 0) });
  }
  return out;
}

function chunkEvents(res: WireResponse, data: string, s: State): StreamEvent[] {
  const out: StreamEvent[] = [];
  if (!s.started) {
    s.started = true;
    out.push({ type: 'start', id: res.responseId ?? fallbackId(data), model: res.modelVersion ?? '' });
  }
  const candidates = res.candidates ?? [];
  candidates.forEach((c, i) => out.push(...candidateEvents(c, indexOf(c, i), s)));
  // a blocked prompt streams one chunk with the reason and no candidates
  if (candidates.length === 0 && res.promptFeedback?.blockReason != null && s.choices.size === 0) {
    s.choices.set(0, { calls: 0, finished: true });
    out.push({ type: 'finish', finish: 'content_filter' });
  }
  if (res.usageMetadata !== null && res.usageMetadata !== undefined) s.usage = usageOf(res.usageMetadata);
  return out;
}

export function streamDecoder(): StreamDecoder {
  const state: State = { started: false, usage: null, choices: new Map() };
  return (ev: SseEvent | 'end'): StreamEvent[] => {
    if (ev === 'end') {
      const usage = state.usage;
      // 'end' may be seen twice (once while the stream opens, once when it is relayed); usage goes out once
      state.usage = null;
      return usage === null ? [] : [{ type: 'usage', usage }];
    }
    if (ev.data.trim() === '') return [];
    try {
      const data: unknown = JSON.parse(ev.data);
      if (isObject(data) && data.error !== undefined) return [{ type: 'error', error: streamErrorOf(parseVendor(errorBodySchema, data).error) }];
      return chunkEvents(plainResponse(data) ?? parseVendor(responseSchema, data), ev.data, state);
    } catch (err) {
      const error = err instanceof SyntaxError ? new AirlockError('upstream_malformed', 'the vendor sent an event that is not JSON') : toAirlockError(err);
      return [{ type: 'error', error }];
    }
  };
}
