// Canonical stream events → Responses SSE: named events, each `data` carrying its `type` and a `sequence_number`,
// no `[DONE]` (PROTOCOLS.md "OpenAI Responses API"). The text path: response.created → response.in_progress →
// output_item.added → content_part.added → output_text.delta* → output_text.done → content_part.done →
// output_item.done → response.completed; a function call: output_item.added → function_call_arguments.delta* →
// function_call_arguments.done → output_item.done. Usage arrives only in response.completed.
import type { Finish, SseEvent, StreamEvent, Usage } from '../../core/canonical.ts';
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
  kind: 'message';
  id: string;
  index: number;
  text: string;
}

interface OpenCall {
  kind: 'call';
  id: string;
  index: number;
  callId: string;
  name: string;
  args: string;
}

export function createStreamEncoder(meta: ResponseMeta): StreamEncoder {
  const base = itemBase(meta);
  let seq = 0;
  let usage: Usage | null = null;
  let finish: Finish | null = null;
  let started = false;
  let closed = false;
  /** finished items, in output order, for response.completed */
  const output: JsonObject[] = [];
  let message: OpenText | null = null;
  /** by the canonical tool call index */
  const calls = new Map<number, OpenCall>();
  let items = 0;
  let callCount = 0;

  const event = (type: string, fields: JsonObject): SseEvent => ({ event: type, data: JSON.stringify({ type, sequence_number: seq++, ...fields }) });

  const start = (): SseEvent[] => {
    if (started) return [];
    started = true;
    const response = responseObject(meta, { status: 'in_progress', incomplete_details: null }, [], null);
    return [event('response.created', { response }), event('response.in_progress', { response })];
  };

  const openMessage = (): SseEvent[] => {
    if (message !== null) return [];
    message = { kind: 'message', id: items === 0 ? `msg_${base}` : `msg_${base}_${items}`, index: items++, text: '' };
    return [
      event('response.output_item.added', { output_index: message.index, item: messageItem(message.id, '', 'in_progress') }),
      event('response.content_part.added', { item_id: message.id, output_index: message.index, content_index: 0, part: outputText('') }),
    ];
  };

  const closeMessage = (): SseEvent[] => {
    const m = message;
    if (m === null) return [];
    message = null;
    const item = messageItem(m.id, m.text, 'completed');
    output[m.index] = item;
    return [
      event('response.output_text.done', { item_id: m.id, output_index: m.index, content_index: 0, text: m.text, logprobs: [] }),
      event('response.content_part.done', { item_id: m.id, output_index: m.index, content_index: 0, part: outputText(m.text) }),
      event('response.output_item.done', { output_index: m.index, item }),
    ];
  };

  const closeCalls = (): SseEvent[] => {
    const out: SseEvent[] = [];
    for (const c of calls.values()) {
      const item = functionCallItem(c.id, c.callId, c.name, c.args, 'completed');
      output[c.index] = item;
      out.push(
        event('response.function_call_arguments.done', { item_id: c.id, output_index: c.index, name: c.name, arguments: c.args }),
        event('response.output_item.done', { output_index: c.index, item }),
      );
    }
    calls.clear();
    return out;
  };

  const onEvent = (ev: StreamEvent): SseEvent[] => {
    // the Responses API has one choice: another choice's events have nowhere to go
    if ('choice' in ev && ev.choice !== undefined && ev.choice !== 0) return [];
    switch (ev.type) {
      case 'start':
        if (ev.usage !== undefined) usage = ev.usage;
        return start();
      case 'text': {
        const head = [...start(), ...openMessage()];
        const m = message as OpenText | null;
        if (m === null) return head;
        m.text += ev.text;
        return [...head, event('response.output_text.delta', { item_id: m.id, output_index: m.index, content_index: 0, delta: ev.text, logprobs: [] })];
      }
      case 'tool_call': {
        const head = [...start(), ...closeMessage()];
        const call: OpenCall = { kind: 'call', id: `fc_${base}_${callCount++}`, index: items++, callId: ev.id, name: ev.name, args: '' };
        calls.set(ev.index, call);
        return [...head, event('response.output_item.added', { output_index: call.index, item: functionCallItem(call.id, call.callId, call.name, '', 'in_progress') })];
      }
      case 'tool_args': {
        const call = calls.get(ev.index);
        if (call === undefined) return [];
        call.args += ev.delta;
        return [event('response.function_call_arguments.delta', { item_id: call.id, output_index: call.index, delta: ev.delta })];
      }
      case 'finish':
        finish = ev.finish;
        return [...start(), ...closeMessage(), ...closeCalls()];
      case 'usage':
        usage = ev.usage;
        return [];
      case 'error':
        closed = true;
        return [event('error', errorData(ev.error))];
    }
  };

  return (ev) => {
    if (closed) return [];
    if (ev !== 'end') return onEvent(ev);
    closed = true;
    const tail = [...start(), ...closeMessage(), ...closeCalls()];
    const state = finalState(finish);
    const response = responseObject(meta, state, output.filter((o) => o !== undefined), usage);
    return [...tail, event(state.status === 'completed' ? 'response.completed' : 'response.incomplete', { response })];
  };
}
