// Gemini errors are a google.rpc.Status, `{error: {code, message, status, details}}`
// (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes), as an HTTP answer or, mid-stream, as a chunk.
// Both normalize here, once.
import { AirlockError, type ErrorCode } from '../../core/errors.ts';
import type { UpstreamFailure } from '../types.ts';
import { errorBodySchema, type WireError } from './schema.ts';

// google.rpc.Code names → HTTP status (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto),
// for an error chunk that carries only the name
const HTTP_OF: Record<string, number> = {
  INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, OUT_OF_RANGE: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403,
  NOT_FOUND: 404, ABORTED: 409, ALREADY_EXISTS: 409, RESOURCE_EXHAUSTED: 429, CANCELLED: 499, UNKNOWN: 500,
  INTERNAL: 500, DATA_LOSS: 500, UNIMPLEMENTED: 501, UNAVAILABLE: 503, DEADLINE_EXCEEDED: 504,
};

function vendorError(body: unknown): WireError | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}

/** A bad, expired or restricted key is a 400 INVALID_ARGUMENT whose ErrorInfo reason starts API_KEY_. */
function keyRejected(err: WireError | undefined): boolean {
  if (err === undefined) return false;
  if (err.details?.some((d) => typeof d.reason === 'string' && d.reason.startsWith('API_KEY_')) === true) return true;
  return /API_KEY_INVALID|API key not valid/i.test(err.message ?? '');
}

/**
 * Quota errors say when to come back in a google.rpc.RetryInfo detail, as a Duration ("36s", "0.5s"), and send no
 * Retry-After header. vendors/ still lets a Retry-After header win when there is one.
 */
function retryDelayMs(err: WireError | undefined): number | undefined {
  for (const d of err?.details ?? []) {
    if (d['@type']?.endsWith('google.rpc.RetryInfo') !== true || typeof d.retryDelay !== 'string') continue;
    const seconds = /^(\d+(?:\.\d+)?)s$/.exec(d.retryDelay)?.[1];
    if (seconds !== undefined) return Math.ceil(Number(seconds) * 1000);
  }
  return undefined;
}

function failure(status: number, code: ErrorCode, message: string, retryable: boolean, after?: number): UpstreamFailure {
  const f: UpstreamFailure = { status, code, message, retryable };
  if (after !== undefined) f.retryAfterMs = after;
  return f;
}

/** `status` stays the vendor's, so a vendor 4xx reaches the caller unchanged. */
export function decodeError(status: number, body: unknown, _headers: Record<string, string | string[] | undefined>): UpstreamFailure {
  const err = vendorError(body);
  const said = `vendor: ${err?.message ?? `HTTP ${status}`}`;
  if (status === 401 || status === 403 || (status === 400 && keyRejected(err))) {
    // the vendor rejected Airlock's own key: its wording is not the caller's business
    return failure(status, 'upstream_auth', `the vendor rejected the gateway's credentials (HTTP ${status})`, false);
  }
  if (status === 429) return failure(status, 'upstream_rate_limited', said, true, retryDelayMs(err));
  if (status === 503) return failure(status, 'upstream_overloaded', said, true, retryDelayMs(err));
  if (status === 504 || status === 408) return failure(status, 'upstream_timeout', said, true);
  if (status >= 500) return failure(status, 'upstream_error', said, true);
  return failure(status, 'upstream_invalid_request', said, false);
}

/** An `{error}` chunk that arrives after the vendor's 200, as the error a stream event carries. */
export function streamErrorOf(err: WireError): AirlockError {
  const status = err.code ?? HTTP_OF[err.status ?? ''] ?? 500;
  const f = decodeError(status, { error: err }, {});
  return new AirlockError(f.code, f.message, {
    // only a vendor 4xx keeps its status; the other codes' statuses are chosen for the caller's retries
    ...(f.code === 'upstream_invalid_request' ? { status: f.status } : {}),
    ...(f.retryAfterMs === undefined ? {} : { retryAfterMs: f.retryAfterMs }),
  });
}
