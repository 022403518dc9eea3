// Errors in Anthropic's shape (https://docs.anthropic.com/en/api/errors): what callers see, and how a vendor's
// error answers and in-stream error events normalize into Airlock's codes.
import type { SseEvent } from '../../core/canonical.ts';
import { AirlockError, ERROR_SPECS, type ErrorCode } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { UpstreamFailure } from '../types.ts';
import { errorBodySchema } from './schema.ts';

function errorBody(err: AirlockError, requestId: string | undefined): JsonObject {
  const body: JsonObject = { type: 'error', error: { type: ERROR_SPECS[err.code].anthropic, message: err.message } };
  if (requestId !== undefined && requestId !== '') body.request_id = requestId;
  return body;
}

export function renderError(err: AirlockError, requestId: string): { status: number; body: JsonObject } {
  return { status: err.status, body: errorBody(err, requestId) };
}

/** The SDK only sees events that carry an `event:` line, errors included. */
export function streamError(err: AirlockError, requestId?: string): SseEvent[] {
  return [{ event: 'error', data: JSON.stringify(errorBody(err, requestId)) }];
}

function vendorError(body: unknown): { type: string | undefined; message: string | undefined } {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? { type: parsed.data.error.type, message: parsed.data.error.message } : { type: undefined, message: undefined };
}

const failure = (status: number, code: ErrorCode, message: string, retryable: boolean): UpstreamFailure => ({ status, code, message, retryable });

/**
 * Retry semantics follow the SDKs' table (PROTOCOLS.md §2): 408/409/429/5xx are worth another try. `status` stays
 * the vendor's, so a vendor 4xx reaches the caller unchanged. Retry-After is read by vendors/, not here.
 */
export function decodeError(status: number, body: unknown, _headers: Record<string, string | string[] | undefined>): UpstreamFailure {
  const err = vendorError(body);
  const said = `vendor: ${err.message ?? `HTTP ${status}`}`;
  if (status === 401 || status === 403 || status === 402) {
    // the vendor rejected Airlock's own key or account: its wording is not the caller's business
    return failure(status, 'upstream_auth', `the vendor rejected the gateway's credentials (HTTP ${status})`, false);
  }
  if (status === 429) return failure(status, 'upstream_rate_limited', said, true);
  if (status === 529 || status === 503 || err.type === 'overloaded_error') return failure(status, 'upstream_overloaded', said, true);
  if (status >= 500 || status === 408 || status === 409) return failure(status, 'upstream_error', said, true);
  return failure(status, 'upstream_invalid_request', said, false);
}

const STREAM_CODES: Record<string, ErrorCode> = {
  overloaded_error: 'upstream_overloaded',
  rate_limit_error: 'upstream_rate_limited',
  api_error: 'upstream_error',
  timeout_error: 'upstream_timeout',
  invalid_request_error: 'upstream_invalid_request',
  request_too_large: 'upstream_invalid_request',
  authentication_error: 'upstream_auth',
  permission_error: 'upstream_auth',
  billing_error: 'upstream_auth',
};

/** An `event: error` that arrives after the vendor's 200. */
export function streamErrorOf(type: string, message: string | undefined): AirlockError {
  const code = STREAM_CODES[type] ?? 'upstream_error';
  if (code === 'upstream_auth') return new AirlockError(code, 'the vendor rejected the gateway\'s credentials');
  return new AirlockError(code, `vendor: ${message ?? type}`);
}
