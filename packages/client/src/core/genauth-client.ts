import createClient, { type Client } from 'openapi-fetch';
import type { OperationId, OperationTypes } from '../generated/operations.gen.js';
import type { paths } from '../generated/schema.gen.js';
import type { CallOptions } from './call-options.js';
import {
  assertHeaderValue,
  checkCallKnobs,
  checkCallOptions,
  DEFAULTS,
  normaliseAppHost,
  type AuthenticationClientOptions,
} from './client-options.js';
import { onAbort } from './abort-link.js';
import { interpretAnswer } from './envelope.js';
import { GenAuthAbortError, GenAuthError, GenAuthValidationError } from './errors.js';
import { assertHeaderOption, credentialValues } from './header-policy.js';
import type { Logger } from './logger.js';
import type { OperationDefinition } from './operation.js';
import { retryDelay, retryReason } from './retry.js';
import { sdkHeaders } from './sdk-info.js';
import { createRedactor, tokenForms, type Redactor } from './secrets.js';
import { attempt, fetchSender, openapiFetchSender, type PlainHeaders, type Sender, type UntypedClient } from './transport.js';
import { bodyOf, requestParts, validateInput } from './request-input.js';
import { secretValues } from './validate.js';

const PROTECTED_HEADERS = new Set(['authorization', 'x-authing-app-id']);

/**
 * The runtime every operation goes through: configuration, auth headers, validation, timeouts, the
 * retry policy and error mapping. `AuthenticationClient` (generated) adds one method per operation;
 * the standalone operation functions take a `GenAuthClient` as their first argument.
 */
export class GenAuthClient {
  /** The underlying openapi-fetch client, for calls the typed methods do not cover. It sends the same auth headers. */
  readonly raw: Client<paths>;
  readonly #headers: Headers;
  /** The same headers as frozen plain objects, rebuilt when they change: what each request starts from. */
  #plainHeaders: PlainHeaders = { withoutBody: {}, json: {} };
  readonly #send: Sender;
  readonly #settings: { timeout: number; maxRetries: number; maxRetryDelay: number; maxResponseBytes: number; validate: boolean };
  /** The access token as set: what the next request sends, and what its errors redact. */
  #accessToken: string | undefined;
  /** Values of credential headers in the `headers` option (`x-api-key`…): redacted like the token. */
  readonly #headerSecrets: readonly string[];
  readonly #logger: Logger | undefined;

  constructor(options: AuthenticationClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new GenAuthValidationError('AuthenticationClient needs an options object: { appId, appHost }.', {
        issues: [{ field: 'options', message: 'is required' }],
      });
    }
    const baseUrl = normaliseAppHost(options.appHost, options.allowInsecureHttp);
    const appId = assertHeaderValue('appId', options.appId);
    checkCallKnobs('', options);
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new GenAuthValidationError('Invalid fetch: must be a function.', { issues: [{ field: 'fetch', message: 'must be a function' }] });
    }
    if (options.middleware !== undefined && !Array.isArray(options.middleware)) {
      throw new GenAuthValidationError('Invalid middleware: must be an array of openapi-fetch middleware.', {
        issues: [{ field: 'middleware', message: 'must be an array' }],
      });
    }
    if (options.logger !== undefined && (typeof options.logger !== 'object' || options.logger === null)) {
      throw new GenAuthValidationError('Invalid logger: must be an object such as console.', { issues: [{ field: 'logger', message: 'must be an object' }] });
    }

    this.#headers = new Headers(sdkHeaders());
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (PROTECTED_HEADERS.has(name.toLowerCase())) {
        throw new GenAuthValidationError(`Invalid headers.${name}: set it with the ${name.toLowerCase() === 'authorization' ? 'accessToken' : 'appId'} option.`, {
          issues: [{ field: `headers.${name}`, message: 'is set by the client' }],
        });
      }
      this.#headers.set(name, assertHeaderOption('', name, value));
    }
    this.#headerSecrets = credentialValues(options.headers);
    this.#headers.set('x-authing-app-id', appId);
    if (options.accessToken !== undefined) this.setAccessToken(options.accessToken);
    else this.#refreshPlainHeaders();

    const custom = options.fetch;
    // Resolve the global fetch at call time, so a fetch installed after construction is honoured.
    const fetch = custom ? (input: string | Request, init?: RequestInit) => custom(input, init) : (input: string | Request, init?: RequestInit) => globalThis.fetch(input, init);
    this.#settings = {
      timeout: options.timeout ?? DEFAULTS.timeout,
      maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
      maxRetryDelay: options.maxRetryDelay ?? DEFAULTS.maxRetryDelay,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      validate: options.validate ?? true,
    };
    this.#logger = options.logger;
    this.raw = createClient<paths>({ baseUrl, headers: this.#headers, fetch: (request: Request) => fetch(request), redirect: 'manual' });
    if (options.middleware?.length) {
      this.raw.use(...options.middleware);
      this.#send = openapiFetchSender(this.raw as unknown as UntypedClient, fetch);
    } else {
      this.#send = fetchSender(baseUrl, () => this.#plainHeaders, fetch);
    }
  }

  #refreshPlainHeaders(): void {
    const plain: Record<string, string> = {};
    this.#headers.forEach((value, name) => (plain[name] = value));
    this.#plainHeaders = { withoutBody: Object.freeze(plain), json: Object.freeze({ ...plain, 'content-type': 'application/json' }) };
  }

  /** Sets (or, with `undefined`, clears) the signed-in user's access token used by later calls. */
  setAccessToken(accessToken: string | undefined): void {
    if (accessToken === undefined) this.#headers.delete('authorization');
    else this.#headers.set('authorization', assertHeaderValue('accessToken', accessToken));
    this.#accessToken = accessToken;
    this.#refreshPlainHeaders();
  }

  /**
   * Calls an operation by its generated definition, e.g. `client.call(sendSmsOperation, body)`. The typed
   * methods and the standalone functions are thin wrappers around this. `input` is the method's argument:
   * the body, the parameters, or both (see `OperationDefinition.input`).
   */
  async call<K extends OperationId>(
    operation: OperationDefinition<K>,
    input: OperationTypes[K]['input'],
    options?: CallOptions,
  ): Promise<OperationTypes[K]['response']> {
    const operationId = operation.operationId;
    if (options !== undefined) checkCallOptions(options);
    const body = operation.input === 'body' ? input : bodyOf(operation, input);
    if (this.#settings.validate) validateInput(operation, input, body);
    const parts = requestParts(operation, input, body);
    if (operation.requiresAccessToken && !this.#headers.has('authorization')) {
      throw new GenAuthValidationError(
        `${operationId} needs the signed-in user's access token: pass accessToken to new AuthenticationClient() or call setAccessToken().`,
        { operationId, issues: [{ field: 'accessToken', message: 'is required for this operation' }] },
      );
    }
    let headers: Record<string, string> | undefined;
    if (options?.headers) {
      headers = {};
      for (const [name, value] of Object.entries(options.headers)) {
        if (PROTECTED_HEADERS.has(name.toLowerCase())) continue;
        headers[name.toLowerCase()] = assertHeaderOption('', name, value, operationId);
      }
    }
    if (parts.headers) {
      headers ??= {};
      for (const [name, value] of Object.entries(parts.headers)) headers[name] = assertHeaderValue(`header.${name}`, value, { allowEmpty: true });
    }
    const timeout = options?.timeout ?? this.#settings.timeout;
    const maxRetries = options?.maxRetries ?? this.#settings.maxRetries;
    const signal = options?.signal;
    const maxResponseBytes = options?.maxResponseBytes ?? this.#settings.maxResponseBytes;
    // Redact the tokens this call actually sent (captured as each attempt sends), not the one current
    // when the answer arrives: setAccessToken() may run while the call is in flight.
    let sentToken = this.#accessToken;
    let earlierTokens: string[] | undefined;
    let redactor: Redactor | undefined;
    const redact: Redactor = (text) =>
      (redactor ??= createRedactor([
        ...tokenForms(sentToken),
        ...(earlierTokens ?? []).flatMap(tokenForms),
        ...secretValues(body, operation.body),
        ...operation.parameters.flatMap((parameter) => secretValues((input as Record<string, unknown> | undefined)?.[parameter.name], parameter.rules)),
        ...this.#headerSecrets,
        ...credentialValues(headers),
      ]))(text);
    const log = this.#logger;

    for (let attemptNumber = 1; ; attemptNumber++) {
      if (this.#accessToken !== sentToken) {
        if (sentToken !== undefined) (earlierTokens ??= []).push(sentToken);
        sentToken = this.#accessToken;
        redactor = undefined;
      }
      const started = log ? Date.now() : 0;
      try {
        const answer = await attempt({ send: this.#send, operation, target: parts.target, body, headers, timeout, signal, redact, maxResponseBytes });
        const result = interpretAnswer(operationId, answer, redact, operation.success);
        log?.debug?.(redact(`genauth: ${operationId} attempt ${attemptNumber}: HTTP ${answer.status}${operation.success === 'envelope' ? ', statusCode 200' : ''} in ${Date.now() - started} ms`));
        return result as OperationTypes[K]['response'];
      } catch (error) {
        if (!(error instanceof GenAuthError)) throw error;
        const reason = attemptNumber <= maxRetries ? retryReason(error, operation.retrySafe) : undefined;
        const delay = reason ? retryDelay(error, attemptNumber, this.#settings.maxRetryDelay) : undefined;
        if (reason === undefined || delay === undefined) {
          log?.debug?.(redact(`genauth: ${operationId} attempt ${attemptNumber} failed: ${error.name}: ${error.message}`));
          throw error;
        }
        log?.warn?.(redact(`genauth: ${operationId} attempt ${attemptNumber} failed (${reason}: ${error.name}); retrying in ${delay} ms`));
        await sleep(delay, signal, operationId);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, operationId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new GenAuthAbortError(`${operationId}: aborted by the caller's AbortSignal while waiting to retry.`, { operationId }));
    };
    let stopListening: (() => void) | undefined;
    const timer = setTimeout(() => {
      stopListening?.();
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else if (signal) stopListening = onAbort(signal, abort);
  });
}
