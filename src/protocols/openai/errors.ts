// A vendor's HTTP error → UpstreamFailure, once. Retry-After is parsed generically in vendors/, not here.
// Body shape: `{"error":{"message","type","param","code"}}` (PROTOCOLS.md "OpenAI chat completions").
import { ERROR_SPECS } from '../../core/errors.ts';
import type { UpstreamFailure } from '../types.ts';
import { vendorError } from './vendor-schema.ts';

interface VendorErrorInfo {
  message: string | null;
  param: string | null;
  code: string | null;
}

function readBody(body: unknown): VendorErrorInfo {
  const parsed = vendorError.safeParse(body);
  if (!parsed.success) return { message: null, param: null, code: null };
  const e = parsed.data.error;
  return { message: e.message ?? null, param: e.param ?? null, code: e.code == null ? null : String(e.code) };
}

export function decodeError(status: number, body: unknown, _headers: Record<string, string | string[] | undefined>): UpstreamFailure {
  const info = readBody(body);
  const vendorMessage = `vendor: ${info.message ?? `HTTP ${status}`}`;
  if (status === 401 || status === 403) {
    // OpenAI's 401 message quotes part of the key it was given: never pass it on.
    return { status: ERROR_SPECS.upstream_auth.status, code: 'upstream_auth', message: "the vendor rejected Airlock's credentials", retryable: false };
  }
  if (status === 429) {
    if (info.code === 'insufficient_quota') {
      // Airlock's vendor account is out of credit: waiting will not help, but the next target may,
      // which is how routing treats upstream_auth (skip to the next target, never retry this one).
      return { status: ERROR_SPECS.upstream_auth.status, code: 'upstream_auth', message: "the vendor says Airlock's account has no quota left", retryable: false };
    }
    return { status, code: 'upstream_rate_limited', message: vendorMessage, retryable: true };
  }
  if (status === 503) return { status, code: 'upstream_overloaded', message: vendorMessage, retryable: true };
  // 408 and 409 are transient on OpenAI; the Stainless SDKs retry both.
  if (status === 408 || status === 409 || status >= 500 || status < 400) {
    return { status: status < 400 ? ERROR_SPECS.upstream_error.status : status, code: 'upstream_error', message: vendorMessage, retryable: true };
  }
  // The request's own fault: pass the vendor's status (400, 404, 413, 422…) and the field it names.
  return {
    status,
    code: 'upstream_invalid_request',
    message: vendorMessage,
    retryable: false,
    ...(info.param === null ? {} : { param: info.param }),
  };
}
