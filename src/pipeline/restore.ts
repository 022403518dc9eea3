// restore: pseudonyms back into the answer, whole or streamed, in text and in tool-call arguments.
import type { ChatResponse, StreamEvent } from '../core/canonical.ts';
import { Restorer } from '../governance/restore.ts';

export function restoreResponse(res: ChatResponse, vault: ReadonlyMap<string, string>): ChatResponse {
  if (vault.size === 0) return res;
  const r = new Restorer(vault);
  return {
    ...res,
    choices: res.choices.map((c) => ({
      ...c,
      parts: c.parts.map((p) => {
        if (p.type === 'text') return { ...p, text: r.restore(p.text, 'text') };
        if (p.type === 'tool_call') return { ...p, arguments: r.restore(p.arguments, 'json') };
        return p;
      }),
    })),
  };
}

function channelOf(ev: StreamEvent): string | null {
  if (ev.type === 'text') return `t:${ev.choice ?? 0}`;
  if (ev.type === 'tool_args') return `a:${ev.choice ?? 0}:${ev.index}`;
  return null;
}

/** Re-creates the held-back text of one channel as an event of its own kind. */
function flushed(r: Restorer, channel: string): StreamEvent | null {
  const [kind, choice, index] = channel.split(':');
  const text = r.flush(channel, kind === 't' ? 'text' : 'json');
  if (text === '') return null;
  const c = Number(choice);
  const base = c === 0 ? {} : { choice: c };
  return kind === 't' ? { type: 'text', text, ...base } : { type: 'tool_args', index: Number(index), delta: text, ...base };
}

function transformBatch(r: Restorer, batch: StreamEvent[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const ev of batch) {
    const channel = channelOf(ev);
    if (channel === null) {
      // anything else (a new tool call, finish, usage, error) closes what is pending, in order
      for (const ch of r.channels()) {
        const f = flushed(r, ch);
        if (f) out.push(f);
      }
      out.push(ev);
    } else if (ev.type === 'text') {
      const text = r.push(channel, 'text', ev.text);
      if (text !== '') out.push({ ...ev, text });
    } else if (ev.type === 'tool_args') {
      const delta = r.push(channel, 'json', ev.delta);
      if (delta !== '') out.push({ ...ev, delta });
    }
  }
  return out;
}

/** Restores streamed batches as they pass; end() gives back what is still held for a placeholder cut across chunks. */
export interface StreamRestore {
  push(batch: StreamEvent[]): StreamEvent[];
  end(): StreamEvent[];
}

const UNCHANGED: StreamRestore = { push: (batch) => batch, end: () => [] };

export function restoreStream(vault: ReadonlyMap<string, string>): StreamRestore {
  if (vault.size === 0) return UNCHANGED;
  const r = new Restorer(vault);
  return {
    push: (batch) => transformBatch(r, batch),
    end: () => {
      const tail: StreamEvent[] = [];
      for (const ch of r.channels()) {
        const f = flushed(r, ch);
        if (f) tail.push(f);
      }
      return tail;
    },
  };
}
