// Upstream SSE bytes → SseEvent, through a spec parser (eventsource-parser@3; v4 needs Node 22). Never split on
// strings: Gemini frames with \r\n\r\n, comments and multi-line data are legal, and chunks split anywhere.
import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../core/canonical.ts';

export async function* readSse(body: AsyncIterable<Buffer>): AsyncGenerator<SseEvent[]> {
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
  for await (const chunk of body) {
    parser.feed(decoder.write(chunk));
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  // An event left without its blank line at EOF is discarded, as the SSE spec says: it may be cut mid-JSON.
  parser.feed(decoder.end());
  if (batch.length > 0) yield batch;
}
