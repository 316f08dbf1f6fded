import { describe, expect, it } from 'vitest';
import {
  GenAuthAbortError,
  GenAuthBusinessError,
  GenAuthConnectionError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  GenAuthTimeoutError,
  operations,
} from '@genauth/client';
import { parseRetryAfter, retryDelay, retryReason } from '../src/core/retry.js';

const http = (httpStatus: number) => new GenAuthHttpError('x', { httpStatus });
const cases = [
  ['refused before sending', new GenAuthConnectionError('x', { mayHaveBeenProcessed: false }), 'not sent', 'not sent'],
  ['reset after sending', new GenAuthConnectionError('x', { mayHaveBeenProcessed: true }), undefined, 'ambiguous failure of a retry-safe operation'],
  ['HTTP 429', new GenAuthRateLimitError('x', { httpStatus: 429 }), 'rate limited', 'rate limited'],
  ['HTTP 503', http(503), 'service unavailable', 'service unavailable'],
  ['HTTP 500', http(500), undefined, 'ambiguous failure of a retry-safe operation'],
  ['HTTP 502', http(502), undefined, 'ambiguous failure of a retry-safe operation'],
  ['HTTP 504', http(504), undefined, 'ambiguous failure of a retry-safe operation'],
  ['HTTP 400', http(400), undefined, undefined],
  ['a timeout', new GenAuthTimeoutError('x', { timeoutMs: 1 }), undefined, 'ambiguous failure of a retry-safe operation'],
  ['a business failure', new GenAuthBusinessError('x', { httpStatus: 200, statusCode: 429 }), undefined, undefined],
  ['an unreadable answer', new GenAuthResponseError('x', { httpStatus: 200 }), undefined, undefined],
  ['an abort', new GenAuthAbortError('x'), undefined, undefined],
] as const;

describe('retry policy', () => {
  it.each(cases)('%s', (_name, error, unsafe, safe) => {
    expect(retryReason(error, false)).toBe(unsafe);
    expect(retryReason(error, true)).toBe(safe);
  });

  it('treats sendSms and bindPhone as not retry-safe: a second SMS or a burnt pass code is never risked', () => {
    expect(operations.sendSms.retrySafe).toBe(false);
    expect(operations.bindPhone.retrySafe).toBe(false);
  });

  it('waits what Retry-After says, and not at all when it asks for more than maxRetryDelay', () => {
    const limited = (retryAfterSeconds?: number) => new GenAuthRateLimitError('x', { httpStatus: 429, retryAfterSeconds });
    expect(retryDelay(limited(3), 1, 10_000)).toBe(3000);
    expect(retryDelay(limited(0), 1, 10_000)).toBe(0);
    expect(retryDelay(limited(60), 1, 10_000)).toBeUndefined();
  });

  it('honours Retry-After on HTTP 503 as on 429: waits what it says, or returns at once when it is too long', () => {
    const unavailable = (retryAfterSeconds?: number) => new GenAuthHttpError('x', { httpStatus: 503, retryAfterSeconds });
    expect(retryReason(unavailable(3600), false)).toBe('service unavailable');
    expect(retryDelay(unavailable(3), 1, 10_000)).toBe(3000);
    expect(retryDelay(unavailable(3600), 1, 10_000)).toBeUndefined();
    expect(unavailable(3600).retryAfterSeconds).toBe(3600);
  });

  it('backs off exponentially with up to 25% jitter, capped', () => {
    const error = http(503);
    expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelay(error, retry, 60_000, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelay(error, 1, 60_000, () => 1)).toBe(375);
    expect(retryDelay(error, 5, 3000, () => 0)).toBe(3000);
  });

  it.each([
    ['120', 120],
    [' 7 ', 7],
    ['', undefined],
    ['soon', undefined],
    ['-5', undefined],
    ['99999999', 86_400],
  ])('parses Retry-After %j as %s seconds', (value, seconds) => {
    expect(parseRetryAfter(value)).toBe(seconds);
  });

  it('parses an HTTP-date Retry-After relative to now', () => {
    const now = Date.parse('Wed, 25 Nov 2026 12:00:00 GMT');
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
