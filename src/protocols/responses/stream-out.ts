// Canonical stream events → Responses SSE: named events, each `data` carrying its `type` and a `sequence_number`,
// no `[DONE]` (PROTOCOLS.md "OpenAI Responses API"). The text path: response.created → response.in_progress →
// output_item.added → content_part.added → output_text.delta* → output_text.done → content_part.done →
// output_item.done → response.completed; a function call: output_item.added → function_call_arguments.delta* →
// function_call_arguments.done → output_item.done. Usage arrives only in response.completed.
import type { Finish, SseEvent, Usage } from '../../core/canonical.ts';
import { ERROR_SPECS, type AirlockError, type ErrorSpec } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { ResponseMeta, StreamEncoder } from '../types.ts';
import { finalState, functionCallItem, itemBase, messageItem, outputText, responseObject } from './render.ts';

function errorData(err: AirlockError): JsonObject {
  const spec: ErrorSpec = ERROR_SPECS[err.code];
  const code = spec.openaiCode ?? err.code;
  // Both shapes at once: the spec's flat fields, and a nested `error`, which makes the openai SDK throw an APIError
  // (it throws on any event whose data has `error`); @ai-sdk/openai reads either.
  return { type: 'error', code, message: err.message, param: err.param, error: { type: spec.openai, code, message: err.message, param: err.param } };
}

/** An error after the first byte, outside the encoder (which numbers its own): sequence numbers restart at 0 there. */
export function streamError(err: AirlockError, _requestId: string): SseEvent[] {
  return [{ event: 'error', data: JSON.stringify({ ...errorData(err), sequence_number: 0 }) }];
}

interface OpenText {
  id: string;
  index: number;
  text: string;
}

interface OpenCall {
  id: string;
  index: number;
  callId: string;
  name: string;
  args: string;
}

/** One stream's state: the items opened so far, in output order, and the events' running number. */
class ResponsesStream {
  private readonly base: string;
  private seq = 0;
  private usage: Usage | null = null;
  private finish: Finish | null = null;
  private started = false;
  closed = false;
  /** finished items, by output index, for the final response */
  private readonly output: JsonObject[] = [];
  private message: OpenText | null = null;
  /** open calls by their canonical index */
  private readonly calls = new Map<number, OpenCall>();
  private items = 0;
  private callCount = 0;

  constructor(private readonly meta: ResponseMeta) {
    this.base = itemBase(meta);
  }

  private event(type: string, fields: JsonObject): SseEvent {
    return { event: type, data: JSON.stringify({ type, sequence_number: this.seq++, ...fields }) };
  }

  /** `rest`: the data's fields after `sequence_number`, serialized, with their leading comma */
  private raw(type: string, rest: string): SseEvent {
    return { event: type, data: `{"type":"${type}","sequence_number":${this.seq++}${rest}}` };
  }

  start(): SseEvent[] {
    if (this.started) return [];
    this.started = true;
    // both events carry the same response: serialized once
    const response = `,"response":${JSON.stringify(responseObject(this.meta, { status: 'in_progress', incomplete_details: null }, [], null))}`;
    return [this.raw('response.created', response), this.raw('response.in_progress', response)];
  }

  text(delta: string): SseEvent[] {
    const head = this.start();
    let m = this.message;
    if (m === null) {
      m = { id: this.items === 0 ? `msg_${this.base}` : `msg_${this.base}_${this.items}`, index: this.items++, text: '' };
      this.message = m;
      head.push(
        this.event('response.output_item.added', { output_index: m.index, item: messageItem(m.id, '', 'in_progress') }),
        this.event('response.content_part.added', { item_id: m.id, output_index: m.index, content_index: 0, part: outputText('') }),
      );
    }
    m.text += delta;
    // the event of nearly every token: only the text is serialized (same bytes as event() would write)
    head.push(this.raw('response.output_text.delta', `,"item_id":${JSON.stringify(m.id)},"output_index":${m.index},"content_index":0,"delta":${JSON.stringify(delta)},"logprobs":[]`));
    return head;
  }

  call(index: number, callId: string, name: string): SseEvent[] {
    const head = [...this.start(), ...this.closeMessage()];
    const c: OpenCall = { id: `fc_${this.base}_${this.callCount++}`, index: this.items++, callId, name, args: '' };
    this.calls.set(index, c);
    return [...head, this.event('response.output_item.added', { output_index: c.index, item: functionCallItem(c.id, callId, name, '', 'in_progress') })];
  }

  args(index: number, delta: string): SseEvent[] {
    const c = this.calls.get(index);
    if (c === undefined) return [];
    c.args += delta;
    return [this.event('response.function_call_arguments.delta', { item_id: c.id, output_index: c.index, delta })];
  }

  finished(finish: Finish): SseEvent[] {
    this.finish = finish;
    return this.closeAll();
  }

  noteUsage(usage: Usage): void {
    this.usage = usage;
  }

  error(err: AirlockError): SseEvent[] {
    this.closed = true;
    return [this.event('error', errorData(err))];
  }

  end(): SseEvent[] {
    this.closed = true;
    const tail = this.closeAll();
    const state = finalState(this.finish);
    const response = responseObject(this.meta, state, this.output.filter((o) => o !== undefined), this.usage);
    return [...tail, this.event(state.status === 'completed' ? 'response.completed' : 'response.incomplete', { response })];
  }

  private closeAll(): SseEvent[] {
    return [...this.start(), ...this.closeMessage(), ...this.closeCalls()];
  }

  private closeMessage(): SseEvent[] {
    const m = this.message;
    if (m === null) return [];
    this.message = null;
    const item = messageItem(m.id, m.text, 'completed');
    this.output[m.index] = item;
    return [
      this.event('response.output_text.done', { item_id: m.id, output_index: m.index, content_index: 0, text: m.text, logprobs: [] }),
      this.event('response.content_part.done', { item_id: m.id, output_index: m.index, content_index: 0, part: outputText(m.text) }),
      this.event('response.output_item.done', { output_index: m.index, item }),
    ];
  }

  private closeCalls(): SseEvent[] {
    const out: SseEvent[] = [];
    for (const c of this.calls.values()) {
      const item = functionCallItem(c.id, c.callId, c.name, c.args, 'completed');
      this.output[c.index] = item;
      out.push(
        this.event('response.function_call_arguments.done', { item_id: c.id, output_index: c.index, name: c.name, arguments: c.args }),
        this.event('response.output_item.done', { output_index: c.index, item }),
      );
    }
    this.calls.clear();
    return out;
  }
}

export function createStreamEncoder(meta: ResponseMeta): StreamEncoder {
  const s = new ResponsesStream(meta);
  return (ev) => {
    if (s.closed) return [];
    if (ev === 'end') return s.end();
    // the Responses API has one choice: another choice's events have nowhere to go
    if ('choice' in ev && ev.choice !== undefined && ev.choice !== 0) return [];
    switch (ev.type) {
      case 'start':
        if (ev.usage !== undefined) s.noteUsage(ev.usage);
        return s.start();
      case 'text':
        return s.text(ev.text);
      case 'tool_call':
        return s.call(ev.index, ev.id, ev.name);
      case 'tool_args':
        return s.args(ev.index, ev.delta);
      case 'finish':
        return s.finished(ev.finish);
      case 'usage':
        s.noteUsage(ev.usage);
        return [];
      case 'reasoning':
        // Anthropic's signed thinking is not an OpenAI reasoning item (whose content is OpenAI's own encryption)
        return [];
      case 'error':
        return s.error(ev.error);
    }
  };
}
