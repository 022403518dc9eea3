// The only outbound I/O: one undici Pool per vendor (keep-alive, no fetch()/Web Streams on the hot path: on Node 20
// they cost 3–5× a bare hop, see shared/bench/ANCHORS.md). Adds base URL, keys and timeouts to a codec's request.
import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import type { Timeouts, VendorConfig } from '../config/types.ts';
import type { Outbound, OutboundRequest, UpstreamFailure } from '../protocols/types.ts';
import { retryAfterMs, transportFailure } from './failure.ts';

export type Headers = Record<string, string | string[] | undefined>;

export interface VendorAnswer {
  status: number;
  headers: Headers;
  body: Readable;
}

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
  async send(req: OutboundRequest, timeouts: Timeouts, signal: AbortSignal): Promise<SendResult> {
    try {
      const res = await this.pool.request({
        method: 'POST',
        path: this.basePath + req.path,
        headers: { ...this.fixedHeaders, ...req.headers },
        body: JSON.stringify(req.body),
        signal,
        headersTimeout: timeouts.firstByteMs,
        bodyTimeout: timeouts.idleMs,
      });
      return { ok: true, answer: { status: res.statusCode, headers: res.headers, body: res.body } };
    } catch (err) {
      return { ok: false, failure: transportFailure(signal.aborted ? signal.reason : err, 'connect') };
    }
  }

  /** An HTTP error answer → UpstreamFailure, with Retry-After applied. Consumes the body. */
  async failureOf(answer: VendorAnswer, now: number): Promise<UpstreamFailure> {
    let body: unknown = null;
    try {
      const text = await answer.body.setEncoding('utf8').toArray();
      body = JSON.parse(text.join(''));
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
