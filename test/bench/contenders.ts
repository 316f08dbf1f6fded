import { Agent } from 'node:http';
import axios, { AxiosHeaders, type AxiosAdapter } from 'axios';
import createClient from 'openapi-fetch';
import type { paths } from '@genauth/client';
import {
  ACCESS_TOKEN,
  APP_ID,
  DTO,
  ENVELOPE_TEXT,
  loadBuiltClient,
  OPERATION_PATH,
  PROFILE_ENVELOPE_TEXT,
  PROFILE_PATH,
  PROFILE_QUERY,
  type BenchOperation,
} from './common.ts';

export type Mode = 'stub' | 'loopback';
export const CONTENDERS = ['floor', 'floorWithTimeout', 'openapiFetch', 'genauth', 'axios'] as const;
export type ContenderName = (typeof CONTENDERS)[number];
export const LABELS: Record<ContenderName, string> = {
  floor: 'hand-written fetch (floor)',
  floorWithTimeout: 'hand-written fetch with a 10 s timeout signal',
  openapiFetch: 'bare openapi-fetch',
  genauth: '@genauth/client (built)',
  axios: 'axios client (vendor SDK shape)',
};

export interface Contender {
  name: ContenderName;
  /** One call of the operation; resolves with the envelope, rejects unless its statusCode is 200. */
  call(): Promise<{ statusCode: number }>;
  close(): void;
}

/** A fetch that answers at once with `text`: a fresh envelope Response per call, nothing read from the request. */
export const stubFetchAnswering =
  (text: string): typeof fetch =>
  async () =>
    new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });

/** The stub of sendSms: answers at once with its envelope. */
export const stubFetch = stubFetchAnswering(ENVELOPE_TEXT);

/** The axios counterpart of stubFetch: answers at once with the envelope text, which axios parses itself. */
const stubAdapterAnswering =
  (text: string): AxiosAdapter =>
  async (config) => ({
    data: text,
    status: 200,
    statusText: 'OK',
    headers: new AxiosHeaders({ 'content-type': 'application/json' }),
    config,
    request: {},
  });

function checked<T extends { statusCode?: unknown }>(name: string, envelope: T | undefined): T & { statusCode: number } {
  if (!envelope || envelope.statusCode !== 200) throw new Error(`${name}: expected statusCode 200, got ${JSON.stringify(envelope)}`);
  return envelope as T & { statusCode: number };
}

/**
 * The five contenders of one operation, each sending it with the app ID and access token headers:
 * sendSms posts DTO to OPERATION_PATH; getProfile sends GET PROFILE_PATH with PROFILE_QUERY as its query string.
 */
export async function makeContenders(mode: Mode, baseUrl: string, operation: BenchOperation = 'sendSms'): Promise<Record<ContenderName, Contender>> {
  const answer = operation === 'sendSms' ? ENVELOPE_TEXT : PROFILE_ENVELOPE_TEXT;
  const stub = stubFetchAnswering(answer);
  const fetchImpl: typeof fetch = mode === 'stub' ? stub : (input, init) => globalThis.fetch(input, init);
  const authHeaders = { 'x-authing-app-id': APP_ID, authorization: ACCESS_TOKEN };
  const sendSmsUrl = baseUrl + OPERATION_PATH;
  const profileUrl = baseUrl + PROFILE_PATH;

  /** The call as one writes it by hand: the URL (with the query string built from the values) and the init. */
  const handWritten = (signal?: AbortSignal): Promise<Response> => {
    if (operation === 'sendSms') {
      return fetchImpl(sendSmsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders }, body: JSON.stringify(DTO), signal });
    }
    const query = PROFILE_QUERY;
    return fetchImpl(`${profileUrl}?withCustomData=${query.withCustomData}&withIdentities=${query.withIdentities}&withDepartmentIds=${query.withDepartmentIds}`, {
      method: 'GET',
      headers: authHeaders,
      signal,
    });
  };

  const floor: Contender = {
    name: 'floor',
    async call() {
      const response = await handWritten();
      return checked('floor', (await response.json()) as { statusCode: number });
    },
    close() {},
  };

  // The same call with a timeout of its own: an AbortController and a timer per call, as most cancellable clients do it.
  const floorWithTimeout: Contender = {
    name: 'floorWithTimeout',
    async call() {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        const response = await handWritten(controller.signal);
        return checked('floorWithTimeout', (await response.json()) as { statusCode: number });
      } finally {
        clearTimeout(timer);
      }
    },
    close() {},
  };

  // Bare openapi-fetch as its README shows it; in loopback mode it uses its default (the global fetch).
  const raw = createClient<paths>({ baseUrl, headers: authHeaders, ...(mode === 'stub' ? { fetch: stub } : {}) });
  const openapiFetch: Contender = {
    name: 'openapiFetch',
    async call() {
      const { data } =
        operation === 'sendSms' ? await raw.POST('/api/v3/send-sms', { body: DTO }) : await raw.GET('/api/v3/get-profile', { params: { query: PROFILE_QUERY } });
      return checked('openapiFetch', data);
    },
    close() {},
  };

  const { AuthenticationClient } = await loadBuiltClient();
  const client = new AuthenticationClient({
    appId: APP_ID,
    appHost: baseUrl,
    accessToken: ACCESS_TOKEN,
    ...(mode === 'stub' ? { fetch: stub } : {}),
  });
  const genauth: Contender = {
    name: 'genauth',
    call: operation === 'sendSms' ? () => client.sendSms(DTO) : () => client.getProfile(PROFILE_QUERY),
    close() {},
  };

  // The shape of the vendor's Node SDK: an axios instance with baseURL and auth headers, the call, envelope check.
  const agent = mode === 'loopback' ? new Agent({ keepAlive: true }) : undefined;
  const instance = axios.create({
    baseURL: baseUrl,
    headers: { 'content-type': 'application/json', ...authHeaders },
    ...(mode === 'stub' ? { adapter: stubAdapterAnswering(answer) } : { httpAgent: agent }),
  });
  const axiosClient: Contender = {
    name: 'axios',
    async call() {
      const response =
        operation === 'sendSms'
          ? await instance.post<{ statusCode: number }>(OPERATION_PATH, DTO)
          : await instance.get<{ statusCode: number }>(PROFILE_PATH, { params: PROFILE_QUERY });
      return checked('axios', response.data);
    },
    close() {
      agent?.destroy();
    },
  };

  return { floor, floorWithTimeout, openapiFetch, genauth, axios: axiosClient };
}
