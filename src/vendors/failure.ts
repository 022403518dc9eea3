// Transport failures (no HTTP answer) normalized into the same UpstreamFailure the codecs produce for HTTP errors,
// so routing sees one shape. Messages never carry the vendor's URL with credentials or any request content.
import type { UpstreamFailure } from '../protocols/types.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const cause = (err as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== err) return errorCode(cause);
  }
  return 'UNKNOWN';
}

// Phases in which the vendor already had the whole request: a 2xx answer had begun.
const ANSWERING = new Set(['body', 'stream']);

/**
 * A failure with no HTTP answer to read. Billable when the vendor had the request: past the connect (a first-byte,
 * idle or total timeout: connecting has its own, shorter timeout) or while its answer was arriving.
 */
export function transportFailure(err: unknown, phase: string): UpstreamFailure {
  const code = errorCode(err);
  if (TIMEOUT_CODES.has(code)) {
    const what = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connect' : code === 'UND_ERR_HEADERS_TIMEOUT' ? 'first byte' : 'stream idle';
    const failure: UpstreamFailure = { status: 504, code: 'upstream_timeout', message: `vendor ${what} timeout`, retryable: true };
    if (code !== 'UND_ERR_CONNECT_TIMEOUT') failure.billable = true;
    return failure;
  }
  if (code === 'TOTAL_TIMEOUT') return { status: 504, code: 'upstream_timeout', message: 'vendor total timeout', retryable: true, billable: true };
  const failure: UpstreamFailure = { status: 502, code: 'upstream_unreachable', message: `vendor connection failed during ${phase} (${code})`, retryable: true };
  if (ANSWERING.has(phase)) failure.billable = true;
  return failure;
}

/**
 * Retry-After (RFC 9110 §10.2.3: seconds or an HTTP date) and the `retry-after-ms` extension both official SDKs
 * read. Returns undefined when absent or unparsable.
 */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined) {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const ra = first(headers['retry-after']);
  if (ra === undefined) return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return secs >= 0 ? secs * 1000 : undefined;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
