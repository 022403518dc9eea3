// OpenAI chat completions as the vendor speaks them: request body → SimChat, SimReply → `chat.completion`
// or `chat.completion.chunk` SSE. Field order and nulls follow the OpenAPI spec (CreateChatCompletionResponse,
// CreateChatCompletionStreamResponse) and what api.openai.com returns.
import { isObject, randomId, type Frame } from './wire.ts';
import { splitPieces, type SimChat, type SimFinish, type SimReply, type SimToolChoice } from './reply.ts';

export interface OpenAIChat {
  chat: SimChat;
  n: number;
  includeUsage: boolean;
}

export interface ChatMeta {
  id: string;
  created: number;
  model: string;
  fingerprint: string;
  streamChunks: number;
}

function contentText(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((p) => (isObject(p) && p.type === 'text' && typeof p.text === 'string' ? [p.text] : []));
}

function toolChoice(raw: unknown): SimToolChoice {
  if (raw === 'none' || raw === 'required') return raw;
  if (isObject(raw) && raw.type === 'function' && isObject(raw.function) && typeof raw.function.name === 'string') return { name: raw.function.name };
  return 'auto';
}

function stops(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];
  return Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
}

export function parseChat(body: Record<string, unknown>, messages: unknown[]): OpenAIChat {
  const texts: string[] = [];
  let lastUserText = '';
  let trailingResults: string[] = [];
  for (const m of messages) {
    if (!isObject(m)) continue;
    const text = contentText(m.content);
    texts.push(...text);
    const isResult = m.role === 'tool' || m.role === 'function';
    trailingResults = isResult ? [...trailingResults, text.join('\n')] : [];
    if (m.role === 'user') lastUserText = text.join('\n');
  }
  const tools = (Array.isArray(body.tools) ? body.tools : []).flatMap((t) =>
    isObject(t) && t.type === 'function' && isObject(t.function) && typeof t.function.name === 'string' ? [{ name: t.function.name, schema: t.function.parameters }] : [],
  );
  const format = isObject(body.response_format) ? body.response_format.type : undefined;
  const max = body.max_completion_tokens ?? body.max_tokens;
  const chat: SimChat = {
    texts,
    lastUserText,
    toolResults: trailingResults.length > 0 ? trailingResults : null,
    tools,
    toolChoice: toolChoice(body.tool_choice),
    json: format === 'json_object' || format === 'json_schema',
    stop: stops(body.stop),
    maxTokens: typeof max === 'number' ? max : undefined,
  };
  const n = typeof body.n === 'number' && body.n > 1 ? Math.floor(body.n) : 1;
  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  return { chat, n, includeUsage };
}

const FINISH: Record<SimFinish, string> = { stop: 'stop', stop_sequence: 'stop', length: 'length', tool_calls: 'tool_calls' };

function usage(reply: SimReply, n: number): Record<string, unknown> {
  const output = reply.usage.output * n;
  return {
    prompt_tokens: reply.usage.input,
    completion_tokens: output,
    total_tokens: reply.usage.input + output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function renderChat(reply: SimReply, n: number, meta: ChatMeta): Record<string, unknown> {
  const toolCalls = reply.calls.map((c) => ({ id: randomId('call_', 24), type: 'function', function: { name: c.name, arguments: c.argsJson } }));
  const message = {
    role: 'assistant',
    content: toolCalls.length > 0 ? null : reply.text,
    refusal: null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    annotations: [],
  };
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: Array.from({ length: n }, (_, index) => ({ index, message, logprobs: null, finish_reason: FINISH[reply.finish] })),
    usage: usage(reply, n),
    service_tier: 'default',
    system_fingerprint: meta.fingerprint,
  };
}

/** The deltas of one choice, in order: role, content pieces or tool-call fragments, then the finish. */
function choiceDeltas(reply: SimReply, meta: ChatMeta): { kind: Frame['kind']; delta: Record<string, unknown> }[] {
  const tools = reply.calls.length > 0;
  const out: { kind: Frame['kind']; delta: Record<string, unknown> }[] = [{ kind: 'meta', delta: { role: 'assistant', content: tools ? null : '', refusal: null } }];
  for (const piece of splitPieces(reply.text, meta.streamChunks)) out.push({ kind: 'content', delta: { content: piece } });
  reply.calls.forEach((call, index) => {
    const head = { index, id: randomId('call_', 24), type: 'function', function: { name: call.name, arguments: '' } };
    out.push({ kind: 'content', delta: { tool_calls: [head] } });
    for (const piece of splitPieces(call.argsJson, meta.streamChunks)) out.push({ kind: 'content', delta: { tool_calls: [{ index, function: { arguments: piece } }] } });
  });
  return out;
}

export function chatFrames(reply: SimReply, n: number, includeUsage: boolean, meta: ChatMeta): Frame[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string => {
    const body = { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model, service_tier: 'default', system_fingerprint: meta.fingerprint, choices };
    // `usage: null` rides on every chunk only when the caller asked for the usage chunk (stream_options.include_usage)
    return `data: ${JSON.stringify({ ...body, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`;
  };
  const frames: Frame[] = [];
  const deltas = Array.from({ length: n }, () => choiceDeltas(reply, meta));
  const steps = deltas[0]?.length ?? 0;
  for (let step = 0; step < steps; step++) {
    deltas.forEach((list, index) => {
      const d = list[step];
      if (d) frames.push({ kind: d.kind, data: chunk([{ index, delta: d.delta, logprobs: null, finish_reason: null }]) });
    });
  }
  for (let index = 0; index < n; index++) frames.push({ kind: 'end', data: chunk([{ index, delta: {}, logprobs: null, finish_reason: FINISH[reply.finish] }]) });
  if (includeUsage) frames.push({ kind: 'end', data: chunk([], { usage: usage(reply, n) }) });
  frames.push({ kind: 'end', data: 'data: [DONE]\n\n' });
  return frames;
}
