// Errors in the Gemini API's shape, a google.rpc.Status as JSON (`{error:{code,message,status,details}}`,
// https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes), for callers on @google/genai or REST. Vendor
// errors are read in errors.ts. `param` is not added: no other codec writes it into the message, and the messages of
// Gemini's own request errors (inbound-schema.ts) already name the field.
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
  // google.rpc has no code for a body too large; Google answers it as a bad argument
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The canonical code Google pairs with an HTTP status (google/rpc/code.proto); other statuses go by their class. */
export function googleStatus(httpStatus: number): string {
  return STATUS[httpStatus] ?? (httpStatus >= 400 && httpStatus < 500 ? 'FAILED_PRECONDITION' : 'INTERNAL');
}

/**
 * Google never answers 402, and its own exhausted quota is 429 RESOURCE_EXHAUSTED; @google/genai retries that only
 * when the caller configured retryOptions, and x-should-retry: false (added with every final error) says not to.
 * An error must read as one: @google/genai throws for a mid-stream error chunk only with a code of 400–599
 * (throwIfStreamErrorChunk), and an answer outside that range would not read as a failure at all.
 */
function httpStatus(err: AirlockError): number {
  const status = err.code === 'budget_exceeded' ? 429 : err.status;
  return status >= 400 && status < 600 ? status : 500;
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

/** The same body on one data-only event: the chunk @google/genai's stream reader throws an ApiError for. */
export function streamError(err: AirlockError, requestId: string): SseEvent[] {
  return [{ data: JSON.stringify(errorBody(err, httpStatus(err), requestId)) }];
}
