import type { Middleware } from 'openapi-fetch';
import type { CallOptions } from './call-options.js';
import { GenAuthValidationError } from './errors.js';
import type { Logger } from './logger.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './read-answer.js';

/** Options of `new AuthenticationClient()`. */
export interface AuthenticationClientOptions {
  /** Your GenAuth application's ID (sent as `x-authing-app-id`). */
  appId: string;
  /** Your application's host, e.g. `https://your-app.genauth.ai`. Plain http only on loopback or with `allowInsecureHttp`. */
  appHost: string;
  /** The signed-in user's access token (sent as `authorization`). Can be set later with `setAccessToken`. */
  accessToken?: string;
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Allow an `http:` appHost that is not a loopback address. Never do this in production. */
  allowInsecureHttp?: boolean;
  /** Extra headers sent with every request; they may override the SDK identification headers. */
  headers?: Record<string, string>;
  /** Milliseconds one attempt may take, from sending to the last byte of the answer. Default 10000. */
  timeout?: number;
  /** How many times a request that provably was not processed may be repeated. Default 2. */
  maxRetries?: number;
  /** The longest wait before a retry, in ms; a longer `Retry-After` is not waited for. Default 10000. */
  maxRetryDelay?: number;
  /**
   * The most bytes of an answer's body that are read (after decompression, counted as they arrive);
   * a longer answer is refused with `GenAuthResponseError`. Default 1048576 (1 MiB).
   */
  maxResponseBytes?: number;
  /** Check request bodies against the spec before sending. Default true. */
  validate?: boolean;
  /** Receives one line per attempt, retry and failure; never a secret. */
  logger?: Logger;
  /** Request/response hooks: openapi-fetch middleware (`onRequest`, `onResponse`, `onError`). */
  middleware?: Middleware[];
}

export const DEFAULTS = { timeout: 10_000, maxRetries: 2, maxRetryDelay: 10_000, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES } as const;
/** The longest delay `setTimeout` takes: a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
/** The largest `maxResponseBytes`: 256 MiB, far above any envelope, below what a JS string can hold. */
const MAX_RESPONSE_BYTES_LIMIT = 268_435_456;

function assertNumber(field: string, value: unknown, { min, max, integer }: { min: number; max: number; integer?: boolean }): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw invalid(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

/** Checks the per-call knobs (timeout, retries) wherever they are given: client options or call options. */
export function checkCallKnobs(
  source: string,
  options: Pick<CallOptions, 'timeout' | 'maxRetries' | 'maxResponseBytes'> & { maxRetryDelay?: number },
): void {
  if (options.timeout !== undefined) assertNumber(`${source}timeout`, options.timeout, { min: 1, max: MAX_TIMER_MS });
  if (options.maxResponseBytes !== undefined) {
    assertNumber(`${source}maxResponseBytes`, options.maxResponseBytes, { min: 1, max: MAX_RESPONSE_BYTES_LIMIT, integer: true });
  }
  if (options.maxRetries !== undefined) assertNumber(`${source}maxRetries`, options.maxRetries, { min: 0, max: 10, integer: true });
  if (options.maxRetryDelay !== undefined) assertNumber(`${source}maxRetryDelay`, options.maxRetryDelay, { min: 0, max: MAX_TIMER_MS });
}

/** Checks per-call options; refuses a non-AbortSignal signal and bad header values without echoing them. */
export function checkCallOptions(options: CallOptions): void {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  checkCallKnobs('options.', options);
  if (options.signal !== undefined && (typeof options.signal !== 'object' || options.signal === null || typeof options.signal.aborted !== 'boolean')) {
    throw invalid('options.signal', 'must be an AbortSignal');
  }
}

const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function invalid(field: string, message: string): GenAuthValidationError {
  return new GenAuthValidationError(`Invalid ${field}: ${message}.`, { issues: [{ field, message }] });
}

/** Refuses a value that cannot be sent as an HTTP header: CR, LF or characters outside Latin-1. Never echoes the value. */
export function assertHeaderValue(field: string, value: unknown, { allowEmpty = false } = {}): string {
  if (typeof value !== 'string') throw invalid(field, `must be a string, got ${value === null ? 'null' : typeof value}`);
  if (!allowEmpty && value.trim() === '') throw invalid(field, 'must not be empty');
  if (!HEADER_VALUE.test(value)) {
    throw invalid(field, 'contains a line break, a control character or a character outside Latin-1, which cannot be sent in an HTTP header');
  }
  return value;
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Normalises `appHost` to an origin-like base URL without a trailing slash. */
export function normaliseAppHost(appHost: unknown, allowInsecureHttp = false): string {
  if (typeof appHost !== 'string' || appHost.trim() === '') throw invalid('appHost', 'must be a non-empty string such as https://your-app.genauth.ai');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(appHost) ? appHost : `https://${appHost}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // Never echoed: an unparsable URL may still carry credentials (https://user:password@bad host).
    throw invalid('appHost', 'is not a valid URL (check for spaces or characters not allowed in a host name); expected e.g. https://your-app.genauth.ai');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('appHost', `scheme ${url.protocol} is not http or https`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw invalid('appHost', `${url.origin} uses plain http, which would send the access token unencrypted; use https, a loopback address, or set allowInsecureHttp`);
  }
  if (url.username || url.password) throw invalid('appHost', 'must not contain credentials');
  if (url.search || url.hash) throw invalid('appHost', 'must not contain a query or fragment');
  return (url.origin + url.pathname).replace(/\/+$/, '');
}
