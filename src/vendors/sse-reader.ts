// Upstream SSE bytes → SseEvent, through a spec parser (eventsource-parser@3; v4 needs Node 22). Never split on
// strings: Gemini frames with \r\n\r\n, comments and multi-line data are legal, and chunks split anywhere.
// Synchronous, chunk in and events out: the stream relay awaits the vendor's bytes itself, so parsing adds no
// promise per chunk on the path every streamed token takes.
import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../core/canonical.ts';

export interface SseReader {
  /** the events completed by this chunk, in order */
  feed(chunk: Buffer): SseEvent[];
  /** at the end of the body: an event left without its blank line is discarded, as the SSE spec says (it may be cut mid-JSON) */
  end(): SseEvent[];
}

export function sseReader(): SseReader {
  let batch: SseEvent[] = [];
  const parser = createParser({
    onEvent: (ev) => {
      const out: SseEvent = { data: ev.data };
      if (ev.event !== undefined) out.event = ev.event;
      if (ev.id !== undefined) out.id = ev.id;
      batch.push(out);
    },
  });
  // StringDecoder keeps a multi-byte UTF-8 character whole when a chunk boundary cuts through it.
  const decoder = new StringDecoder('utf8');
  const take = (): SseEvent[] => {
    const out = batch;
    batch = [];
    return out;
  };
  return {
    feed(chunk) {
      parser.feed(decoder.write(chunk));
      return take();
    },
    end() {
      parser.feed(decoder.end());
      return take();
    },
  };
}
