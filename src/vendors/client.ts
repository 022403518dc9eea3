// The only outbound I/O: one undici Pool per vendor (keep-alive, no fetch()/Web Streams on the hot path: on Node 20
// they cost 3–5× a bare hop, see shared/bench/ANCHORS.md). Adds base URL, keys and timeouts to a codec's request.
import { Pool } from 'undici';
import type { Timeouts, VendorConfig } from '../config/types.ts';
import type { Outbound, OutboundRequest, UpstreamFailure } from '../protocols/types.ts';
import { dispatchRequest, type Answer } from './answer-body.ts';
import { retryAfterMs, transportFailure } from './failure.ts';
import type { Cancel } from '../core/cancel.ts';

export type { Headers } from './answer-body.ts';
export type VendorAnswer = Answer;

export type SendResult = { ok: true; answer: VendorAnswer } | { ok: false; failure: UpstreamFailure };

export class VendorClient {
  readonly name: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly fixedHeaders: Record<string, string>;

  constructor(readonly config: VendorConfig, readonly outbound: Outbound) {
    this.name = config.name;
    const url = new URL(config.baseUrl);
    this.basePath = url.pathname.replace(/\/$/, '');
    this.pool = new Pool(url.origin, {
      connections: 256,
      keepAliveTimeout: 30_000,
      connect: { timeout: config.timeouts.connectMs },
    });
    this.fixedHeaders = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...config.headers,
      ...(config.apiKey ? outbound.authHeaders(config.apiKey) : {}),
    };
  }

  /**
   * Sends one attempt. Resolves with the vendor's answer (any status) or a transport failure; never rejects.
   * `signal` aborts on client disconnect and on the total deadline.
   */
  async send(req: OutboundRequest, timeouts: Timeouts, signal: Cancel): Promise<SendResult> {
    try {
      const answer = await dispatchRequest(
        this.pool,
        {
          method: 'POST',
          path: this.basePath + req.path,
          headers: Object.assign({}, this.fixedHeaders, req.headers),
          body: JSON.stringify(req.body),
          headersTimeout: timeouts.firstByteMs,
          bodyTimeout: timeouts.idleMs,
        },
        signal,
      );
      return { ok: true, answer };
    } catch (err) {
      return { ok: false, failure: transportFailure(signal.aborted ? signal.reason : err, 'connect') };
    }
  }

  /** An HTTP error answer → UpstreamFailure, with Retry-After applied. Consumes the body. */
  async failureOf(answer: VendorAnswer, now: number): Promise<UpstreamFailure> {
    let body: unknown = null;
    try {
      body = JSON.parse(await answer.body.text());
    } catch {
      body = null;
    }
    const failure = this.outbound.decodeError(answer.status, body, answer.headers);
    const after = retryAfterMs(answer.headers, now);
    return after === undefined ? failure : { ...failure, retryAfterMs: after };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
