// Every error Airlock can answer with. The tables below are typed over every code, so a new code without a
// status or wire type fails the build (tRPC's idea). Statuses keep the official SDKs' retries right:
// 429/5xx are retried by openai, @anthropic-ai/sdk and the AI SDK; 4xx are final.

export const ERROR_CODES = [
  'invalid_request',
  'unsupported_parameter',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'policy_blocked',
  'model_not_found',
  'model_retired',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'budget_exceeded',
  'upstream_invalid_request',
  'upstream_auth',
  'upstream_rate_limited',
  'upstream_error',
  'upstream_overloaded',
  'upstream_timeout',
  'upstream_unreachable',
  'upstream_malformed',
  'stream_interrupted',
  'all_targets_failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorSpec {
  status: number;
  /** OpenAI `error.type` */
  openai: string;
  /** Anthropic `error.type` */
  anthropic: string;
  /** true when a client retry cannot help: answers carry `x-should-retry: false` */
  final: boolean;
  /** where OpenAI's own convention differs: the status and `error.code` an OpenAI client expects instead */
  openaiStatus?: number;
  openaiCode?: string;
}

export const ERROR_SPECS = {
  invalid_request: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error', final: true },
  unsupported_parameter: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error', final: true },
  payload_too_large: { status: 413, openai: 'invalid_request_error', anthropic: 'request_too_large', final: true },
  unauthorized: { status: 401, openai: 'authentication_error', anthropic: 'authentication_error', final: true },
  forbidden: { status: 403, openai: 'permission_error', anthropic: 'permission_error', final: true },
  policy_blocked: { status: 403, openai: 'permission_error', anthropic: 'permission_error', final: true },
  model_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error', final: true },
  // Every target is past its retirement date with no successor: the model is gone, not briefly down (RFC 9110 §15.5.11).
  model_retired: { status: 410, openai: 'invalid_request_error', anthropic: 'not_found_error', final: true },
  not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error', final: true },
  method_not_allowed: { status: 405, openai: 'invalid_request_error', anthropic: 'invalid_request_error', final: true },
  rate_limited: { status: 429, openai: 'rate_limit_error', anthropic: 'rate_limit_error', final: false },
  // An exhausted budget will not clear in seconds. Anthropic's own answer is 402 billing_error; OpenAI's is 429
  // with code insufficient_quota, which stops LangChain's retries, and x-should-retry:false stops the SDKs'.
  budget_exceeded: { status: 402, openai: 'insufficient_quota', anthropic: 'billing_error', final: true, openaiStatus: 429, openaiCode: 'insufficient_quota' },
  upstream_invalid_request: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error', final: true },
  // The vendor rejected Airlock's own credentials: the caller cannot fix that, and a retry will not either.
  upstream_auth: { status: 502, openai: 'api_error', anthropic: 'api_error', final: true },
  upstream_rate_limited: { status: 429, openai: 'rate_limit_error', anthropic: 'rate_limit_error', final: false },
  upstream_error: { status: 502, openai: 'api_error', anthropic: 'api_error', final: false },
  upstream_overloaded: { status: 503, openai: 'api_error', anthropic: 'overloaded_error', final: false },
  upstream_timeout: { status: 504, openai: 'timeout_error', anthropic: 'timeout_error', final: false },
  upstream_unreachable: { status: 502, openai: 'api_error', anthropic: 'api_error', final: false },
  upstream_malformed: { status: 502, openai: 'api_error', anthropic: 'api_error', final: false },
  stream_interrupted: { status: 502, openai: 'api_error', anthropic: 'api_error', final: false },
  all_targets_failed: { status: 503, openai: 'api_error', anthropic: 'overloaded_error', final: false },
  internal: { status: 500, openai: 'api_error', anthropic: 'api_error', final: false },
} as const satisfies Record<ErrorCode, ErrorSpec>;

export interface AttemptSummary {
  vendor: string;
  model: string;
  status: number | null;
  code: ErrorCode;
  /** the caller went away while this call was in flight: the vendor had the request, its answer was cut off */
  cutShort?: true;
  /** a failed call the vendor may bill (UpstreamFailure.billable): metered as an estimate */
  billable?: true;
}

export interface AirlockErrorOptions {
  param?: string | null;
  cause?: unknown;
  /** how long a retry should wait, when known (from the vendor's Retry-After, or a rate limit's window) */
  retryAfterMs?: number;
  /** the vendor attempts that led here; never holds keys or prompt text */
  attempts?: AttemptSummary[];
  /** overrides the status of the code's spec, e.g. to pass a vendor's 4xx through unchanged */
  status?: number;
}

export class AirlockError extends Error {
  readonly code: ErrorCode;
  readonly param: string | null;
  readonly retryAfterMs: number | undefined;
  readonly attempts: AttemptSummary[];
  readonly status: number;

  constructor(code: ErrorCode, message: string, options: AirlockErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AirlockError';
    this.code = code;
    this.param = options.param ?? null;
    this.retryAfterMs = options.retryAfterMs;
    this.attempts = options.attempts ?? [];
    this.status = options.status ?? ERROR_SPECS[code].status;
  }

  get spec(): ErrorSpec {
    return ERROR_SPECS[this.code];
  }
}

export function toAirlockError(err: unknown): AirlockError {
  if (err instanceof AirlockError) return err;
  return new AirlockError('internal', 'internal error', { cause: err });
}
