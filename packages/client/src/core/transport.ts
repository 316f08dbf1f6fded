import { endDeadline, startDeadline } from './deadline.js';
import type { RawAnswer } from './envelope.js';
import { GenAuthAbortError, GenAuthConnectionError, GenAuthError, GenAuthTimeoutError } from './errors.js';
import type { OperationDefinition } from './operation.js';
import { readAnswer } from './read-answer.js';
import { serialiseBody } from './request-body.js';
import { cut, type Redactor } from './secrets.js';

/** Transport error codes that prove the request never reached the server: nothing was processed. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/**
 * TLS handshake failures: the connection is not established, so no byte of the request was sent. Only
 * codes raised during the handshake (certificate checks, protocol and version mismatch, such as an
 * https appHost pointing at a plain-http port); a TLS error on an established connection stays ambiguous.
 */
const TLS_HANDSHAKE_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
]);

/**
 * The openapi-fetch client as the runtime uses it: by an operation definition's method and path, which
 * are data here. (Typing the call over every path of a large spec makes TypeScript give up: TS2589.)
 */
export interface UntypedClient {
  request(method: string, path: string, init: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** The parts of a request an attempt sends: headers here are the call's own, on top of the client's. */
export interface OutgoingRequest {
  operation: OperationDefinition;
  /** The path with its parameters filled in and the query string: what follows the base URL. */
  target: string;
  body: unknown;
  headers: Record<string, string> | undefined;
  /** The most bytes of the answer's body that are read. */
  maxResponseBytes: number;
}

/** The client's headers as frozen plain objects, rebuilt when they change: shared by every request. */
export interface PlainHeaders {
  withoutBody: Readonly<Record<string, string>>;
  json: Readonly<Record<string, string>>;
}

/**
 * Sends one request and reads the whole answer. `answered()` is called once the response headers have
 * arrived: a failure after that point happened after the server received the request.
 */
export type Sender = (request: OutgoingRequest, signal: AbortSignal, answered: () => void) => Promise<RawAnswer>;

/**
 * The lean sender: `fetch(url, init)` with the client's headers as a plain object. openapi-fetch builds
 * a WHATWG `Request` per call and merges headers twice, which costs more than the rest of the client
 * (see test/bench/RESULTS.md); without middleware nothing needs that `Request`.
 */
export function fetchSender(
  baseUrl: string,
  clientHeaders: () => PlainHeaders,
  fetch: (input: string, init: RequestInit) => Promise<Response>,
): Sender {
  return async ({ operation, target, body, headers, maxResponseBytes }, signal, answered) => {
    const base = body === undefined ? clientHeaders().withoutBody : clientHeaders().json;
    const response = await fetch(baseUrl + target, {
      method: operation.method,
      headers: headers ? { ...base, ...headers } : base,
      body: body === undefined ? undefined : serialiseBody(operation.operationId, body),
      signal,
      redirect: 'manual',
    });
    answered();
    return readAnswer(response, maxResponseBytes);
  };
}

/**
 * The sender through openapi-fetch, used when middleware needs to see (and may replace) real `Request`
 * objects. The answer is read here, within `maxResponseBytes`, before the middleware sees it (as a
 * buffered copy); the text read is what the client interprets, so a deeply nested JSON error body is
 * never re-serialised.
 */
export function openapiFetchSender(raw: UntypedClient, fetch: (request: Request) => Promise<Response>): Sender {
  return async ({ operation, target, body, headers, maxResponseBytes: limit }, signal, answered) => {
    let read: { copy: Response; answer: RawAnswer } | undefined;
    let fetched = false;
    // The target is already serialised (the same bytes as without middleware): openapi-fetch appends it to the base URL.
    const result = await raw.request(operation.method.toLowerCase(), target, {
      body,
      headers,
      signal,
      redirect: 'manual',
      parseAs: 'stream',
      bodySerializer: (value: unknown) => serialiseBody(operation.operationId, value),
      fetch: async (request: Request) => {
        fetched = true;
        const response = await fetch(request);
        answered();
        const answer = await readAnswer(response, limit);
        const copy = new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.text, { status: answer.status, headers: answer.headers });
        read = { copy, answer };
        return copy;
      },
    }).catch((error: unknown) => {
      // A middleware (or openapi-fetch) failed before fetch was called: nothing left the process.
      throw fetched || error instanceof GenAuthError ? error : new NotSentError(error);
    });
    if (read !== undefined && result.response === read.copy) return read.answer;
    // Middleware answered or replaced the response. openapi-fetch has read an error body already; a
    // success body (parseAs: 'stream') is still unread.
    if (result.response.ok) return readAnswer(result.response, limit);
    const payload = result.error;
    return { status: result.response.status, headers: result.response.headers, text: typeof payload === 'string' ? payload : safeStringify(payload) };
  };
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A failure that provably happened before `fetch` was called; `cause` is what failed. */
class NotSentError extends Error {
  constructor(readonly failure: unknown) {
    super('not sent');
  }
}

function safeStringify(value: unknown): string {
  try {
    return value === undefined ? '' : (JSON.stringify(value) ?? '');
  } catch {
    return '';
  }
}

export interface AttemptInput extends OutgoingRequest {
  send: Sender;
  timeout: number;
  signal: AbortSignal | undefined;
  redact: Redactor;
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeTransportError(error: unknown, redact: Redactor): string {
  const code = errorCode(error);
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  // One line: an OpenSSL message ends with a line break, and a log line must stay one line.
  return cut(redact(code && !message.includes(code) ? `${code}: ${message}` : message).replace(/\s+/g, ' ').trim());
}

/**
 * The transport failure as an error's `cause`, with its messages and stacks redacted: `util.inspect`
 * prints the cause chain, and a failure's text may quote what the server sent.
 */
function redactedCause(error: unknown, redact: Redactor, depth = 0): unknown {
  if (typeof error === 'string') return cut(redact(error));
  if (!(error instanceof Error)) return undefined;
  const inner = depth < 3 && error.cause !== undefined ? redactedCause(error.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(error.message), inner === undefined ? undefined : { cause: inner });
  Object.defineProperty(copy, 'name', { value: error.name, configurable: true, writable: true });
  copy.stack = error.stack === undefined ? undefined : redact(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

/**
 * One attempt: sends the request and reads the whole answer, within `timeout`. Resolves with the raw
 * answer, or rejects with a timeout, abort or connection error that says whether the request may have
 * been processed.
 */
export async function attempt(input: AttemptInput): Promise<RawAnswer> {
  const { operation, signal, timeout, redact } = input;
  const operationId = operation.operationId;
  if (signal?.aborted) throw new GenAuthAbortError(`${operationId}: aborted by the caller's AbortSignal before sending.`, { operationId });

  // Without a caller signal, the attempt shares its deadline's signal with others; with one, it gets
  // its own, which the caller's signal aborts too.
  const deadline = startDeadline(timeout, signal);
  let answered = false;
  try {
    return await input.send(input, deadline.signal, () => (answered = true));
  } catch (error) {
    throw classify(error, operationId, { timedOut: deadline.expired, aborted: signal?.aborted === true, answered, timeout, redact });
  } finally {
    endDeadline(deadline);
  }
}

function classify(
  error: unknown,
  operationId: string,
  state: { timedOut: boolean; aborted: boolean; answered: boolean; timeout: number; redact: Redactor },
): GenAuthError {
  // Refused by the client itself before sending (an unserialisable body): already the right error.
  if (error instanceof GenAuthError) return error;
  if (state.timedOut) {
    return new GenAuthTimeoutError(
      `${operationId}: no complete answer within ${state.timeout} ms. The server may still have processed the request; it was not repeated.`,
      { operationId, timeoutMs: state.timeout },
    );
  }
  if (state.aborted) return new GenAuthAbortError(`${operationId}: aborted by the caller's AbortSignal.`, { operationId });
  if (error instanceof NotSentError) {
    return new GenAuthConnectionError(
      `${operationId}: the request failed before it was sent (${describeTransportError(error.failure, state.redact)}); nothing left the process. Check the middleware.`,
      { operationId, mayHaveBeenProcessed: false, cause: redactedCause(error.failure, state.redact) },
    );
  }
  const reason = describeTransportError(error, state.redact);
  const code = errorCode(error);
  const cause = redactedCause(error, state.redact);
  if (!state.answered && code !== undefined && TLS_HANDSHAKE_CODES.has(code)) {
    const hint = code === 'ERR_SSL_WRONG_VERSION_NUMBER' ? ' The server does not speak TLS: a bare appHost means https; write http:// for a plain-http loopback server.' : ' Check appHost and its certificate.';
    return new GenAuthConnectionError(`${operationId}: the TLS handshake failed (${reason}); the request was not sent.${hint}`, {
      operationId,
      mayHaveBeenProcessed: false,
      cause,
    });
  }
  if (!state.answered && code !== undefined && NOT_SENT_CODES.has(code)) {
    return new GenAuthConnectionError(`${operationId}: could not connect to the GenAuth API (${reason}); the request was not sent. Check appHost and the network.`, {
      operationId,
      mayHaveBeenProcessed: false,
      cause,
    });
  }
  const when = state.answered ? 'while reading the answer' : 'after the request may have been sent';
  return new GenAuthConnectionError(`${operationId}: the connection failed ${when} (${reason}). The server may have processed the request; it was not repeated.`, {
    operationId,
    mayHaveBeenProcessed: true,
    cause,
  });
}
