import type { RawAnswer } from './envelope.js';
import { GenAuthAbortError, GenAuthConnectionError, GenAuthTimeoutError, type GenAuthError } from './errors.js';
import type { OperationDefinition } from './operation.js';
import type { Redactor } from './secrets.js';

/** Transport error codes that prove the request never reached the server: nothing was processed. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

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
  return async ({ operation, target, body, headers }, signal, answered) => {
    const base = body === undefined ? clientHeaders().withoutBody : clientHeaders().json;
    const response = await fetch(baseUrl + target, {
      method: operation.method,
      headers: headers ? { ...base, ...headers } : base,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      redirect: 'manual',
    });
    answered();
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
}

/** The sender through openapi-fetch, used when middleware needs to see (and may replace) real `Request` objects. */
export function openapiFetchSender(raw: UntypedClient, fetch: (request: Request) => Promise<Response>): Sender {
  return async ({ operation, target, body, headers }, signal, answered) => {
    // The target is already serialised (the same bytes as without middleware): openapi-fetch appends it to the base URL.
    const result = await raw.request(operation.method.toLowerCase(), target, {
      body,
      headers,
      signal,
      redirect: 'manual',
      parseAs: 'text',
      fetch: async (request: Request) => {
        const response = await fetch(request);
        answered();
        return response;
      },
    });
    const payload = result.response.ok ? result.data : result.error;
    const text = typeof payload === 'string' ? payload : payload === undefined ? '' : JSON.stringify(payload);
    return { status: result.response.status, headers: result.response.headers, text };
  };
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
  return redact(code && !message.includes(code) ? `${code}: ${message}` : message);
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

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let answered = false;
  try {
    return await input.send(input, controller.signal, () => (answered = true));
  } catch (error) {
    throw classify(error, operationId, { timedOut, aborted: signal?.aborted === true, answered, timeout, redact });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function classify(
  error: unknown,
  operationId: string,
  state: { timedOut: boolean; aborted: boolean; answered: boolean; timeout: number; redact: Redactor },
): GenAuthError {
  if (state.timedOut) {
    return new GenAuthTimeoutError(
      `${operationId}: no complete answer within ${state.timeout} ms. The server may still have processed the request; it was not repeated.`,
      { operationId, timeoutMs: state.timeout },
    );
  }
  if (state.aborted) return new GenAuthAbortError(`${operationId}: aborted by the caller's AbortSignal.`, { operationId });
  const reason = describeTransportError(error, state.redact);
  const code = errorCode(error);
  if (!state.answered && code !== undefined && NOT_SENT_CODES.has(code)) {
    return new GenAuthConnectionError(`${operationId}: could not connect to the GenAuth API (${reason}); the request was not sent. Check appHost and the network.`, {
      operationId,
      mayHaveBeenProcessed: false,
      cause: error,
    });
  }
  const when = state.answered ? 'while reading the answer' : 'after the request may have been sent';
  return new GenAuthConnectionError(`${operationId}: the connection failed ${when} (${reason}). The server may have processed the request; it was not repeated.`, {
    operationId,
    mayHaveBeenProcessed: true,
    cause: error,
  });
}
