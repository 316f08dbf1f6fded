import {
  GenAuthConnectionError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthTimeoutError,
  type GenAuthError,
} from './errors.js';

const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/** `Retry-After` as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    // Only an HTTP-date (it names a weekday or month); anything else is unreadable.
    if (!/[a-z]{3}/i.test(trimmed)) return undefined;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    seconds = Math.max(0, Math.ceil((date - now) / 1000));
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/** Why a failed attempt may be repeated, or undefined when it must not be. */
export type RetryReason = 'not sent' | 'rate limited' | 'service unavailable' | 'ambiguous failure of a retry-safe operation';

/**
 * The retry policy. A request is repeated only when it provably was not processed: it never left
 * (DNS failure, connection refused), or the server said so (HTTP 429, HTTP 503). A timeout, a reset
 * after sending, or another 5xx may have been processed (an SMS sent, a pass code used), so it is
 * repeated only for operations the spec marks `x-genauth-retry-safe: true`.
 */
export function retryReason(error: GenAuthError, retrySafe: boolean): RetryReason | undefined {
  if (error instanceof GenAuthConnectionError) {
    if (!error.mayHaveBeenProcessed) return 'not sent';
    return retrySafe ? 'ambiguous failure of a retry-safe operation' : undefined;
  }
  if (error instanceof GenAuthRateLimitError) return 'rate limited';
  if (error instanceof GenAuthHttpError) {
    if (error.httpStatus === 503) return 'service unavailable';
    if (retrySafe && (error.httpStatus === 500 || error.httpStatus === 502 || error.httpStatus === 504)) {
      return 'ambiguous failure of a retry-safe operation';
    }
    return undefined;
  }
  if (error instanceof GenAuthTimeoutError) return retrySafe ? 'ambiguous failure of a retry-safe operation' : undefined;
  return undefined;
}

/**
 * Milliseconds to wait before the next attempt (`retry` is 1 for the first retry), or undefined when
 * the server asks for a longer wait than `maxRetryDelay`: then the error is returned at once, with
 * `retryAfterSeconds`, for the caller to decide.
 */
export function retryDelay(error: GenAuthError, retry: number, maxRetryDelay: number, random = Math.random): number | undefined {
  const retryAfterSeconds = error instanceof GenAuthHttpError ? error.retryAfterSeconds : undefined;
  if (retryAfterSeconds !== undefined) {
    const delay = retryAfterSeconds * 1000;
    return delay <= maxRetryDelay ? delay : undefined;
  }
  const backoff = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (retry - 1));
  // Jitter: up to a quarter shorter, so clients that failed together do not retry together.
  return Math.min(maxRetryDelay, Math.round(backoff * (1 - 0.25 * random())));
}
