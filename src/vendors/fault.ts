// Drill faults (`airlock drill`) at Airlock's own outbound edge. Each yields exactly what the real failure would,
// so retries, breakers and fallback cannot tell them apart: an outage is a refused connection (the vendor is not
// called), errors are a 503 answer run through the codec's decodeError (not called either), latency delays the
// real call (past the first-byte timeout it becomes that timeout), truncate lets the real answer's first bytes
// through and then breaks its body the way a dropped connection does.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Timeouts } from '../config/types.ts';
import type { FaultKind } from '../core/drill.ts';
import type { OutboundRequest } from '../protocols/types.ts';
import { bodyOf, type AnswerBody } from './answer-body.ts';
import type { SendResult, VendorClient } from './client.ts';
import { transportFailure } from './failure.ts';
import type { Cancel } from '../core/cancel.ts';

export interface Fault {
  kind: FaultKind;
  latencyMs: number;
}

/** enough for a stream's first event or two, never a whole answer */
export const TRUNCATE_AFTER_BYTES = 256;

const INJECTED_503 = JSON.stringify({ error: { message: 'service unavailable (airlock drill)', type: 'server_error' } });

export async function sendWithFault(client: VendorClient, fault: Fault, req: OutboundRequest, timeouts: Timeouts, signal: Cancel): Promise<SendResult> {
  switch (fault.kind) {
    case 'outage':
      return { ok: false, failure: transportFailure({ code: 'ECONNREFUSED' }, 'connect') };
    case 'errors':
      return { ok: true, answer: { status: 503, headers: { 'content-type': 'application/json' }, body: bodyOf(INJECTED_503) } };
    case 'latency': {
      const slow = fault.latencyMs >= timeouts.firstByteMs;
      try {
        await sleep(slow ? timeouts.firstByteMs : fault.latencyMs, undefined, { signal: signal.signal });
      } catch {
        return { ok: false, failure: transportFailure(signal.reason, 'connect') };
      }
      if (slow) return { ok: false, failure: transportFailure({ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'connect') };
      return client.send(req, timeouts, signal);
    }
    case 'truncate': {
      const sent = await client.send(req, timeouts, signal);
      if (!sent.ok || sent.answer.status >= 300) return sent;
      return { ok: true, answer: { ...sent.answer, body: cutAfter(sent.answer.body, TRUNCATE_AFTER_BYTES) } };
    }
  }
}

function cutAfter(body: AnswerBody, limit: number): AnswerBody {
  const cut = (): Error => Object.assign(new Error('connection cut by an airlock drill'), { code: 'UND_ERR_SOCKET' });
  let seen = 0;
  const read = async (): Promise<Buffer[] | null> => {
    if (seen >= limit) throw cut();
    const chunks = await body.read();
    if (chunks === null) throw cut();
    const out: Buffer[] = [];
    for (const chunk of chunks) {
      const room = limit - seen;
      out.push(chunk.length < room ? chunk : chunk.subarray(0, room));
      seen += Math.min(chunk.length, room);
      if (seen >= limit) break;
    }
    if (seen >= limit) body.destroy();
    return out;
  };
  return {
    read,
    // every read ends in the cut: text() reads until it comes
    text: async () => {
      for (;;) await read();
    },
    destroy: () => body.destroy(),
  };
}
