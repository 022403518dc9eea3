// Writing answers: the x-airlock-* headers on every answer, errors in the caller's format with the retry hints
// the SDKs read, and SSE with backpressure.
import type { ServerResponse } from 'node:http';
import type { SseEvent, StreamEvent } from '../core/canonical.ts';
import { type AirlockError } from '../core/errors.ts';
import type { Inbound, StreamEncoder } from '../protocols/types.ts';
import type { RequestContext } from '../pipeline/context.ts';
import { attemptCount } from '../pipeline/record.ts';
import { deprecationHeaders, retirementOf } from '../routing/deprecation.ts';

export function airlockHeaders(ctx: RequestContext): Record<string, string> {
  const h: Record<string, string> = {
    'x-airlock-request-id': ctx.id,
    // each official SDK reads its own request-id header (PROTOCOLS.md §2)
    'x-request-id': ctx.id,
    'request-id': ctx.id,
    'x-airlock-attempts': String(attemptCount(ctx)),
    'x-airlock-redactions': String(ctx.redactions),
  };
  if (ctx.vendor !== null) h['x-airlock-vendor'] = ctx.vendor;
  if (ctx.rateHeaders !== null) Object.assign(h, ctx.rateHeaders);
  if (ctx.vendorModel !== null) {
    h['x-airlock-model'] = ctx.vendorModel;
    // the plan's (config over catalog); the catalog's alone when no target was chosen
    const d = ctx.chosen?.deprecation;
    const retirement = d?.retirement ?? retirementOf(ctx.vendorModel);
    if (retirement !== undefined) Object.assign(h, deprecationHeaders(retirement, ctx.time, d?.warnDays));
  }
  return h;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  // assign, not spread: new keys after a spread are slow on Node 20 (see decide.ts)
  res.writeHead(status, Object.assign({}, headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }));
  res.end(text);
}

export function errorHeaders(err: AirlockError): Record<string, string> {
  const h: Record<string, string> = {};
  // Both official SDKs honour x-should-retry over the status (PROTOCOLS.md, "How the official SDKs retry").
  if (err.spec.final) h['x-should-retry'] = 'false';
  if (err.retryAfterMs !== undefined) {
    h['retry-after'] = String(Math.ceil(err.retryAfterMs / 1000));
    h['retry-after-ms'] = String(Math.round(err.retryAfterMs));
  }
  return h;
}

export function sendError(res: ServerResponse, ctx: RequestContext, codec: Inbound, err: AirlockError): void {
  const { status, body } = codec.renderError(err, ctx.id);
  sendJson(res, status, body, Object.assign(airlockHeaders(ctx), errorHeaders(err)));
}

export function serializeSse(events: SseEvent[]): string {
  let out = '';
  for (const ev of events) {
    if (ev.event !== undefined) out += `event: ${ev.event}\n`;
    if (ev.id !== undefined) out += `id: ${ev.id}\n`;
    // a data field may not hold a line break: each line is its own data: line (WHATWG SSE). Serialized JSON, what
    // nearly every event carries, has none, so the split is skipped for it.
    if (!ev.data.includes('\n')) out += `data: ${ev.data}\n`;
    else for (const line of ev.data.split('\n')) out += `data: ${line}\n`;
    out += '\n';
  }
  return out;
}

/** Relays canonical events to the caller. Returns false when the caller went away first. */
export async function pumpStream(
  res: ServerResponse,
  events: AsyncGenerator<StreamEvent[]>,
  encode: StreamEncoder,
  onFirstByte: () => void,
): Promise<boolean> {
  let first = true;
  try {
    for await (const batch of events) {
      let text = '';
      for (const ev of batch) text += serializeSse(encode(ev));
      if (text === '') continue;
      if (first) {
        first = false;
        onFirstByte();
      }
      if (res.destroyed) return false;
      if (!res.write(text)) await waitDrain(res);
    }
    const tail = serializeSse(encode('end'));
    if (tail !== '') res.write(tail);
    return !res.destroyed;
  } finally {
    await events.return(undefined);
  }
}

function waitDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
