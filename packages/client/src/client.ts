import createClient, { type Client } from 'openapi-fetch';
import type { CallOptions } from './core/call-options.js';
import { assertHeaderValue, normaliseAppHost, type AuthenticationClientOptions } from './core/client-options.js';
import { interpretResponse } from './core/envelope.js';
import { GenAuthAbortError, GenAuthConnectionError, GenAuthError, GenAuthValidationError } from './core/errors.js';
import { sdkHeaders } from './core/sdk-info.js';
import { AuthenticationApi } from './generated/methods.gen.js';
import { operations, type OperationId, type OperationTypes } from './generated/operations.gen.js';
import type { paths } from './generated/schema.gen.js';

/**
 * The GenAuth Authentication API client: one typed method per operation of the spec.
 * A method resolves with the response envelope when its `statusCode` is 200 and rejects with a
 * `GenAuthError` otherwise.
 */
export class AuthenticationClient extends AuthenticationApi {
  /** The underlying openapi-fetch client, for calls the typed methods do not cover. It sends the same auth headers. */
  readonly raw: Client<paths>;
  readonly #headers: Headers;

  constructor(options: AuthenticationClientOptions) {
    super();
    if (typeof options !== 'object' || options === null) {
      throw new GenAuthValidationError('AuthenticationClient needs an options object: { appId, appHost }.', {
        issues: [{ field: 'options', message: 'is required' }],
      });
    }
    const baseUrl = normaliseAppHost(options.appHost, options.allowInsecureHttp);
    const appId = assertHeaderValue('appId', options.appId);
    this.#headers = new Headers(sdkHeaders());
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      this.#headers.set(name, assertHeaderValue(`headers.${name}`, value, { allowEmpty: true }));
    }
    this.#headers.set('x-authing-app-id', appId);
    if (options.accessToken !== undefined) this.setAccessToken(options.accessToken);
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new GenAuthValidationError('Invalid fetch: must be a function.', { issues: [{ field: 'fetch', message: 'must be a function' }] });
    }
    const customFetch = options.fetch;
    this.raw = createClient<paths>({
      baseUrl,
      headers: this.#headers,
      // Resolve the global fetch at call time so test doubles installed later are honoured.
      fetch: customFetch ? (request) => customFetch(request) : (request) => globalThis.fetch(request),
    });
  }

  /** Sets (or, with `undefined`, clears) the signed-in user's access token used by later calls. */
  setAccessToken(accessToken: string | undefined): void {
    if (accessToken === undefined) this.#headers.delete('authorization');
    else this.#headers.set('authorization', assertHeaderValue('accessToken', accessToken));
  }

  protected async callOperation<K extends OperationId>(
    operationId: K,
    body: OperationTypes[K]['body'],
    options: CallOptions | undefined,
  ): Promise<OperationTypes[K]['response']> {
    const operation = operations[operationId];
    if (operation.requiresAccessToken && !this.#headers.has('authorization')) {
      throw new GenAuthValidationError(
        `${operationId} needs the signed-in user's access token: pass accessToken to new AuthenticationClient() or call setAccessToken().`,
        { operationId, issues: [{ field: 'accessToken', message: 'is required for this operation' }] },
      );
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'x-authing-app-id') continue;
      headers[name] = assertHeaderValue(`headers.${name}`, value, { allowEmpty: true });
    }
    let response: Response;
    let payload: unknown;
    try {
      const result = await this.raw.request(operation.method.toLowerCase() as 'post', operation.path, {
        body: body as never,
        headers,
        signal: options?.signal,
        parseAs: 'text',
      });
      response = result.response;
      payload = result.response.ok ? result.data : result.error;
    } catch (error) {
      throw toTransportError(operationId, error, options?.signal);
    }
    return interpretResponse(operationId, response, payload) as OperationTypes[K]['response'];
  }
}

function toTransportError(operationId: string, error: unknown, signal: AbortSignal | undefined): GenAuthError {
  if (error instanceof GenAuthError) return error;
  if (signal?.aborted) return new GenAuthAbortError(`${operationId}: the request was aborted by the caller's AbortSignal.`, { operationId, cause: error });
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new GenAuthConnectionError(`${operationId}: could not reach the GenAuth API (${reason}). Check appHost and the network.`, {
    operationId,
    cause: error,
  });
}
