// Rate limits per minute (requests and tokens) as OpenAI reports them: x-ratelimit-* headers on every answer, and a
// 429 with Retry-After (≤ 60 s, so every official SDK retries it) when a window is full.
import { AirlockError } from '../core/errors.ts';
import type { RateConfig } from '../config/types.ts';
import type { RateLimits, RateResult, RateWindow } from './counters.ts';

export const RATE_WINDOW_MS = 60_000;

/** A RateResult from a window's counts after the hit; shared by both Counters implementations. */
export function rateResult(
  limits: RateLimits,
  requests: number,
  tokens: number,
  resetMs: number,
  limitedBy: 'requests' | 'tokens' | undefined,
): RateResult {
  const result: RateResult = { allowed: limitedBy === undefined };
  if (limits.rpm !== undefined) result.requests = window(limits.rpm, requests, resetMs);
  if (limits.tpm !== undefined) result.tokens = window(limits.tpm, tokens, resetMs);
  if (limitedBy !== undefined) {
    result.limitedBy = limitedBy;
    result.retryAfterMs = resetMs;
  }
  return result;
}

function window(limit: number, used: number, resetMs: number): RateWindow {
  return { limit, remaining: Math.max(0, limit - used), resetMs };
}

/** the limits of a config's `rate`, or undefined when it sets none */
export function rateLimits(rate: RateConfig | undefined): RateLimits | undefined {
  if (rate === undefined || (rate.rpm === undefined && rate.tpm === undefined)) return undefined;
  return { ...(rate.rpm === undefined ? {} : { rpm: rate.rpm }), ...(rate.tpm === undefined ? {} : { tpm: rate.tpm }) };
}

/** OpenAI's duration format: '12ms', '6s', '1.5s', '1m0s'. */
export function formatResetDuration(ms: number): string {
  const whole = Math.max(0, Math.ceil(ms));
  if (whole < 1000) return `${whole}ms`;
  if (whole < 60_000) return `${trim(whole / 1000)}s`;
  const minutes = Math.floor(whole / 60_000);
  return `${minutes}m${trim((whole - minutes * 60_000) / 1000)}s`;
}

function trim(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}

/** x-ratelimit-* headers for a result, plus retry-after (seconds) and retry-after-ms when it was refused. */
export function rateLimitHeaders(result: RateResult): Record<string, string> {
  const headers: Record<string, string> = {};
  if (result.requests !== undefined) {
    headers['x-ratelimit-limit-requests'] = String(result.requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(result.requests.remaining);
    headers['x-ratelimit-reset-requests'] = formatResetDuration(result.requests.resetMs);
  }
  if (result.tokens !== undefined) {
    headers['x-ratelimit-limit-tokens'] = String(result.tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(result.tokens.remaining);
    headers['x-ratelimit-reset-tokens'] = formatResetDuration(result.tokens.resetMs);
  }
  if (!result.allowed && result.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
    headers['retry-after-ms'] = String(Math.max(0, Math.ceil(result.retryAfterMs)));
  }
  return headers;
}

/**
 * The 429 for a refused hit. `who` names the limited principal (e.g. 'app helpdesk'). A request bigger than the whole
 * token limit can never pass, and gets a final 400 instead of a retried 429.
 */
export function rateLimitError(result: RateResult, who: string, tokens: number): AirlockError {
  const tpm = result.tokens?.limit;
  if (result.limitedBy === 'tokens' && tpm !== undefined && tokens > tpm) {
    return new AirlockError('invalid_request', `request needs ${tokens} tokens, more than the ${tpm} tokens per minute allowed for ${who}`);
  }
  const what = result.limitedBy === 'tokens' ? `${tpm ?? 0} tokens` : `${result.requests?.limit ?? 0} requests`;
  return new AirlockError('rate_limited', `rate limit reached for ${who}: ${what} per minute`, {
    retryAfterMs: result.retryAfterMs ?? 1000,
  });
}

/**
 * One answer's view of several limits (an app's and a key's): per window, the one with the least left, so the
 * x-ratelimit-* headers show what binds first; refused if any refused, retrying after the longest wait.
 */
export function mergeRateResults(results: RateResult[]): RateResult {
  const merged: RateResult = { allowed: results.every((r) => r.allowed) };
  const tightest = (a: RateWindow | undefined, b: RateWindow | undefined): RateWindow | undefined =>
    a === undefined ? b : b === undefined ? a : b.remaining < a.remaining ? b : a;
  for (const r of results) {
    const requests = tightest(merged.requests, r.requests);
    const tokens = tightest(merged.tokens, r.tokens);
    if (requests !== undefined) merged.requests = requests;
    if (tokens !== undefined) merged.tokens = tokens;
    if (!r.allowed) {
      merged.limitedBy ??= r.limitedBy;
      merged.retryAfterMs = Math.max(merged.retryAfterMs ?? 0, r.retryAfterMs ?? 0);
    }
  }
  return merged;
}
