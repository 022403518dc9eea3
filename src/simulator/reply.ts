// The simulator's deterministic "model": one protocol-neutral rule set, so a test can assert the exact text,
// tool calls and token counts whichever vendor wire carried the request. Each protocol file translates its
// request body into a SimChat and renders the SimReply back; nothing here knows a wire format.

export interface SimTool {
  name: string;
  schema: unknown;
}

export type SimToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface SimChat {
  /** every system and message text (tool results included): the input token count reads these */
  texts: string[];
  lastUserText: string;
  /** the last turn's tool results, or null when the last turn is not a tool result */
  toolResults: string[] | null;
  tools: SimTool[];
  toolChoice: SimToolChoice;
  json: boolean;
  stop: string[];
  maxTokens: number | undefined;
}

export interface SimUsage {
  /** every input token, cached or not */
  input: number;
  output: number;
  /** of input: read from, or written to, the prompt cache (the Anthropic simulator's) */
  cacheRead?: number;
  cacheWrite?: number;
  /** the cache breakpoint's ttl, for the write's bucket */
  cacheTtl?: '5m' | '1h';
}

export interface SimCall {
  name: string;
  args: Record<string, unknown>;
  /** the arguments as JSON text, byte-exact across protocols that carry a string */
  argsJson: string;
}

export type SimFinish = 'stop' | 'length' | 'stop_sequence' | 'tool_calls';

export interface SimReply {
  text: string;
  calls: SimCall[];
  finish: SimFinish;
  /** the stop string that cut the text, when finish is stop_sequence */
  stopSequence: string | null;
  usage: SimUsage;
}

/** A rough, stable token estimate (4 characters a token) that tests can compute by hand. */
export function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** The value the simulator puts in a tool argument for one JSON-schema property. */
function valueFor(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return 'sim';
  const s = schema as { type?: unknown; enum?: unknown };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  // a type may be a list (["string","null"]) and Gemini's OpenAPI subset writes it upper-case
  const types = (Array.isArray(s.type) ? s.type : [s.type]).map((t) => String(t).toLowerCase());
  const type = types.find((t) => t !== 'null') ?? 'string';
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (type === 'object') return {};
  return 'sim';
}

export function argsFromSchema(schema: unknown): Record<string, unknown> {
  const props = typeof schema === 'object' && schema !== null ? (schema as { properties?: unknown }).properties : undefined;
  const out: Record<string, unknown> = {};
  if (typeof props !== 'object' || props === null) return out;
  for (const [key, prop] of Object.entries(props)) out[key] = valueFor(prop);
  return out;
}

function chooseTools(chat: SimChat, parallel: number): SimTool[] {
  if (chat.toolChoice === 'none' || chat.tools.length === 0 || chat.toolResults !== null) return [];
  const choice = chat.toolChoice;
  if (typeof choice === 'object') {
    const forced = chat.tools.find((t) => t.name === choice.name);
    return forced ? [forced] : [];
  }
  return chat.tools.slice(0, Math.max(1, parallel));
}

/** Cut at the earliest stop string, as vendors do: the stop string itself is not returned. */
function applyStop(text: string, stop: string[]): { text: string; hit: string | null } {
  let cut = -1;
  let hit: string | null = null;
  for (const s of stop) {
    const at = s === '' ? -1 : text.indexOf(s);
    if (at >= 0 && (cut < 0 || at < cut)) {
      cut = at;
      hit = s;
    }
  }
  return cut < 0 ? { text, hit: null } : { text: text.slice(0, cut), hit };
}

function replyText(chat: SimChat): string {
  if (chat.toolResults !== null) return `tool result: ${chat.toolResults.join('\n')}`;
  if (chat.json) return JSON.stringify({ echo: chat.lastUserText });
  return `echo: ${chat.lastUserText}`;
}

/** The input tokens a reply to this chat reports: what the count endpoints answer, too. */
export function inputTokens(chat: SimChat): number {
  return tokens(chat.texts.reduce((n, t) => n + t.length, 0));
}

export function simulateReply(chat: SimChat, parallel: number): SimReply {
  const input = inputTokens(chat);
  const tools = chooseTools(chat, parallel);
  if (tools.length > 0) {
    const calls = tools.map((t) => {
      const args = argsFromSchema(t.schema);
      return { name: t.name, args, argsJson: JSON.stringify(args) };
    });
    const chars = calls.reduce((n, c) => n + c.name.length + c.argsJson.length, 0);
    return { text: '', calls, finish: 'tool_calls', stopSequence: null, usage: { input, output: tokens(chars) } };
  }
  const stopped = applyStop(replyText(chat), chat.stop);
  let text = stopped.text;
  let finish: SimFinish = stopped.hit === null ? 'stop' : 'stop_sequence';
  if (chat.maxTokens !== undefined && tokens(text.length) > chat.maxTokens) {
    text = text.slice(0, Math.max(0, chat.maxTokens) * 4);
    finish = 'length';
  }
  return { text, calls: [], finish, stopSequence: finish === 'stop_sequence' ? stopped.hit : null, usage: { input, output: tokens(text.length) } };
}

/** Split text into at most n non-empty pieces (none for empty text) of near-equal length, never inside a surrogate pair. */
export function splitPieces(text: string, n: number): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const count = Math.max(1, Math.min(n, chars.length));
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(chars.slice(Math.floor((i * chars.length) / count), Math.floor(((i + 1) * chars.length) / count)).join(''));
  return out;
}
