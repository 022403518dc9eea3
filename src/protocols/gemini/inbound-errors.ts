// Errors in the Gemini API's shape (google.rpc.Status as JSON: https://ai.google.dev/api/rest/v1beta/Status-like
// `{error:{code,message,status,details}}`), for callers on @google/genai or REST. Vendor errors are read in errors.ts.
import type { SseEvent } from '../../core/canonical.ts';
import type { AirlockError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'UNIMPLEMENTED',
  409: 'ABORTED',
  410: 'NOT_FOUND',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The canonical code Google pairs with an HTTP status (google/rpc/code.proto). */
export function googleStatus(httpStatus: number): string {
  return STATUS[httpStatus] ?? (httpStatus >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

/**
 * Google never answers 402, and its own exhausted quota is 429 RESOURCE_EXHAUSTED; @google/genai retries that only
 * when the caller configured retryOptions, and x-should-retry: false (added with every final error) says not to.
 */
function httpStatus(err: AirlockError): number {
  return err.code === 'budget_exceeded' ? 429 : err.status;
}

function errorBody(err: AirlockError, code: number, requestId: string): JsonObject {
  const error: JsonObject = { code, message: err.message, status: googleStatus(code) };
  if (requestId !== '') error.details = [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId }];
  return { error };
}

export function renderError(err: AirlockError, requestId: string): { status: number; body: JsonObject } {
  const status = httpStatus(err);
  return { status, body: errorBody(err, status, requestId) };
}

/** @google/genai throws an ApiError for a chunk holding an `error` with a code of 400–599 (throwIfStreamErrorChunk). */
export function streamError(err: AirlockError, requestId: string): SseEvent[] {
  const status = httpStatus(err);
  const code = status >= 400 && status < 600 ? status : 500;
  return [{ data: JSON.stringify(errorBody(err, code, requestId)) }];
}
