// Test support: the OpenAI recordings the simulator replays, and SSE framing through the spec parser (STYLE.md rule 1).
import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../../core/canonical.ts';

const DIR = new URL('../../simulator/recordings/openai/', import.meta.url);

export function recordingText(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

export function recordingJson(name: string): unknown {
  return JSON.parse(recordingText(name));
}

/** Frames `pieces` (fed in order) into SSE events exactly as vendors/ will. */
export function frameSse(pieces: Iterable<string>): SseEvent[] {
  const out: SseEvent[] = [];
  const parser = createParser({
    onEvent: (ev) => out.push({ data: ev.data, ...(ev.event === undefined ? {} : { event: ev.event }), ...(ev.id === undefined ? {} : { id: ev.id }) }),
  });
  for (const piece of pieces) parser.feed(piece);
  return out;
}

/** Serializes events as the server will write them. */
export function writeSse(events: SseEvent[]): string {
  return events
    .map((e) => `${e.event === undefined ? '' : `event: ${e.event}\n`}${e.data.split('\n').map((l) => `data: ${l}`).join('\n')}\n\n`)
    .join('');
}

/** Deterministic split points, so a failing split is reproducible from the seed. */
export function randomSplits(text: string, seed: number, count: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const cuts = Array.from({ length: count }, () => Math.floor(next() * text.length)).sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const cut of cuts) {
    out.push(text.slice(last, cut));
    last = cut;
  }
  out.push(text.slice(last));
  return out;
}
