// Anthropic Messages as the vendor speaks them: request body → SimChat, SimReply → `message` JSON or the named
// SSE event sequence (message_start, ping, content_block_start/delta/stop, message_delta, message_stop).
// Field shapes follow @anthropic-ai/sdk's Message and RawMessageStreamEvent types.
import { isObject, randomId, type Frame } from './wire.ts';
import type { SimThinking } from './anthropic-thinking.ts';
import { splitPieces, tokens, type SimChat, type SimFinish, type SimReply, type SimToolChoice, type SimUsage } from './reply.ts';

export interface MessageMeta {
  id: string;
  model: string;
  streamChunks: number;
  /** the signed thinking block the answer opens with, when the request turned thinking on */
  thinking?: SimThinking | null;
}

function blockTexts(content: unknown, type: 'text' | 'tool_result'): string[] {
  if (typeof content === 'string') return type === 'text' ? [content] : [];
  if (!Array.isArray(content)) return [];
  return content.flatMap((b) => {
    if (!isObject(b) || b.type !== type) return [];
    if (type === 'text') return typeof b.text === 'string' ? [b.text] : [];
    return [typeof b.content === 'string' ? b.content : blockTexts(b.content, 'text').join('\n')];
  });
}

function toolChoice(raw: unknown): SimToolChoice {
  if (!isObject(raw)) return 'auto';
  if (raw.type === 'none') return 'none';
  if (raw.type === 'any') return 'required';
  if (raw.type === 'tool' && typeof raw.name === 'string') return { name: raw.name };
  return 'auto';
}

function jsonMode(body: Record<string, unknown>): boolean {
  const format = isObject(body.output_config) ? body.output_config.format : body.output_format;
  return isObject(format) && format.type === 'json_schema';
}

export function parseMessages(body: Record<string, unknown>, messages: unknown[]): SimChat {
  const texts = blockTexts(body.system, 'text');
  let lastUserText = '';
  let lastResults: string[] = [];
  for (const m of messages) {
    if (!isObject(m)) continue;
    const text = blockTexts(m.content, 'text');
    const results = blockTexts(m.content, 'tool_result');
    texts.push(...text, ...results);
    lastResults = m.role === 'user' ? results : [];
    if (m.role === 'user' && text.length > 0) lastUserText = text.join('\n');
  }
  // server tools (web_search, bash, …) have no input_schema; the simulator only calls custom tools
  const tools = (Array.isArray(body.tools) ? body.tools : []).flatMap((t) =>
    isObject(t) && typeof t.name === 'string' && t.input_schema !== undefined ? [{ name: t.name, schema: t.input_schema }] : [],
  );
  return {
    texts,
    lastUserText,
    toolResults: lastResults.length > 0 ? lastResults : null,
    tools,
    toolChoice: toolChoice(body.tool_choice),
    json: jsonMode(body),
    stop: Array.isArray(body.stop_sequences) ? body.stop_sequences.filter((s): s is string => typeof s === 'string') : [],
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
  };
}

const STOP: Record<SimFinish, string> = { stop: 'end_turn', stop_sequence: 'stop_sequence', length: 'max_tokens', tool_calls: 'tool_use' };

// The smallest prefix Anthropic caches (Claude Sonnet and Opus; a shorter marked prefix is simply not cached).
const MIN_CACHED_TOKENS = 1024;

/**
 * The prompt-cache prefix a request marks: everything up to its last `cache_control` block (system blocks, then
 * message blocks, in order), with its token count as the simulator counts input. Null when nothing is marked or
 * the prefix is under the minimum.
 */
export function cachedPrefix(body: Record<string, unknown>, messages: unknown[]): { key: string; tokens: number; ttl: '5m' | '1h' } | null {
  const seen: string[] = [String(body.model)];
  let chars = 0;
  let last: { key: string; chars: number; ttl: '5m' | '1h' } | null = null;
  const contents = [body.system, ...messages.map((m) => (isObject(m) ? m.content : undefined))];
  for (const content of contents) {
    // a plain string carries no mark, but is part of the prefix
    const blocks: unknown[] = typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content : [];
    for (const b of blocks) {
      if (!isObject(b)) continue;
      const texts = b.type === 'text' || b.type === 'tool_result' ? blockTexts([b], b.type) : [JSON.stringify(b)];
      for (const t of texts) seen.push(t);
      if (b.type === 'text' || b.type === 'tool_result') for (const t of texts) chars += t.length;
      if (isObject(b.cache_control)) last = { key: seen.join('\u0000'), chars, ttl: b.cache_control.ttl === '1h' ? '1h' : '5m' };
    }
  }
  if (last === null || tokens(last.chars) < MIN_CACHED_TOKENS) return null;
  return { key: last.key, tokens: tokens(last.chars), ttl: last.ttl };
}

/** A marked prefix is written to the cache the first time and read from it after. */
export function applyCache(usage: SimUsage, prefix: ReturnType<typeof cachedPrefix>, cache: Set<string> | undefined): void {
  if (prefix === null || cache === undefined) return;
  const hit = cache.has(prefix.key);
  cache.add(prefix.key);
  usage.cacheRead = hit ? prefix.tokens : 0;
  usage.cacheWrite = hit ? 0 : prefix.tokens;
  usage.cacheTtl = prefix.ttl;
}

/** Anthropic's input_tokens is the uncached remainder; reads and writes are reported beside it. */
function usage(u: SimUsage, output: number): Record<string, unknown> {
  const read = u.cacheRead ?? 0;
  const write = u.cacheWrite ?? 0;
  return {
    input_tokens: u.input - read - write,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
    cache_creation: { ephemeral_5m_input_tokens: u.cacheTtl === '1h' ? 0 : write, ephemeral_1h_input_tokens: u.cacheTtl === '1h' ? write : 0 },
    output_tokens: output,
    service_tier: 'standard',
  };
}

function blocks(reply: SimReply): Record<string, unknown>[] {
  if (reply.calls.length === 0) return [{ type: 'text', text: reply.text }];
  return reply.calls.map((c) => ({ type: 'tool_use', id: randomId('toolu_01', 22), name: c.name, input: c.args }));
}

export function renderMessage(reply: SimReply, meta: MessageMeta): Record<string, unknown> {
  return {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: [...(meta.thinking ? [{ type: 'thinking', thinking: meta.thinking.text, signature: meta.thinking.signature }] : []), ...blocks(reply)],
    stop_reason: STOP[reply.finish],
    stop_sequence: reply.stopSequence,
    usage: usage(reply.usage, reply.usage.output),
  };
}

/** Every event carries an `event:` line equal to data.type: the SDK drops SSE messages without one. */
function event(kind: Frame['kind'], data: Record<string, unknown> & { type: string }): Frame {
  return { kind, data: `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n` };
}

/** A thinking block streams as the API streams it: opened empty, its text in deltas, then the signature. */
function thinkingFrames(thinking: SimThinking, meta: MessageMeta): Frame[] {
  const frames = [event('meta', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } })];
  for (const piece of splitPieces(thinking.text, meta.streamChunks)) {
    frames.push(event('content', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: piece } }));
  }
  frames.push(event('content', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: thinking.signature } }));
  frames.push(event('meta', { type: 'content_block_stop', index: 0 }));
  return frames;
}

function blockFrames(reply: SimReply, meta: MessageMeta): Frame[] {
  const frames: Frame[] = meta.thinking ? thinkingFrames(meta.thinking, meta) : [];
  const first = meta.thinking ? 1 : 0;
  blocks(reply).forEach((block, ordinal) => {
    const index = first + ordinal;
    const isTool = block.type === 'tool_use';
    frames.push(event('meta', { type: 'content_block_start', index, content_block: isTool ? { ...block, input: {} } : { type: 'text', text: '' } }));
    const source = isTool ? (reply.calls[ordinal]?.argsJson ?? '{}') : reply.text;
    for (const piece of splitPieces(source, meta.streamChunks)) {
      const delta = isTool ? { type: 'input_json_delta', partial_json: piece } : { type: 'text_delta', text: piece };
      frames.push(event('content', { type: 'content_block_delta', index, delta }));
    }
    frames.push(event('meta', { type: 'content_block_stop', index }));
  });
  return frames;
}

export function messageFrames(reply: SimReply, meta: MessageMeta): Frame[] {
  const start = { id: meta.id, type: 'message', role: 'assistant', model: meta.model, content: [], stop_reason: null, stop_sequence: null, usage: usage(reply.usage, 1) };
  const u = reply.usage;
  const deltaUsage = {
    input_tokens: u.input - (u.cacheRead ?? 0) - (u.cacheWrite ?? 0),
    cache_creation_input_tokens: u.cacheWrite ?? 0,
    cache_read_input_tokens: u.cacheRead ?? 0,
    output_tokens: u.output,
  };
  return [
    event('meta', { type: 'message_start', message: start }),
    event('meta', { type: 'ping' }),
    ...blockFrames(reply, meta),
    event('end', { type: 'message_delta', delta: { stop_reason: STOP[reply.finish], stop_sequence: reply.stopSequence }, usage: deltaUsage }),
    event('end', { type: 'message_stop' }),
  ];
}
