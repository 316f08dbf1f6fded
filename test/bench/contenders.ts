import { Agent } from 'node:http';
import axios, { AxiosHeaders, type AxiosAdapter } from 'axios';
import createClient from 'openapi-fetch';
import type { paths } from '@genauth/client';
import { ACCESS_TOKEN, APP_ID, DTO, ENVELOPE_TEXT, loadBuiltClient, OPERATION_PATH } from './common.ts';

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
  /** One sendSms call; resolves with the envelope, rejects unless its statusCode is 200. */
  call(): Promise<{ statusCode: number }>;
  close(): void;
}

/** A fetch that answers at once: a fresh envelope Response per call, nothing read from the request. */
export const stubFetch: typeof fetch = async () => new Response(ENVELOPE_TEXT, { status: 200, headers: { 'content-type': 'application/json' } });

/** The axios counterpart of stubFetch: answers at once with the envelope text, which axios parses itself. */
const stubAdapter: AxiosAdapter = async (config) => ({
  data: ENVELOPE_TEXT,
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

/** The four contenders, each sending DTO to OPERATION_PATH with the app ID and access token headers. */
export async function makeContenders(mode: Mode, baseUrl: string): Promise<Record<ContenderName, Contender>> {
  const fetchImpl: typeof fetch = mode === 'stub' ? stubFetch : (input, init) => globalThis.fetch(input, init);
  const authHeaders = { 'x-authing-app-id': APP_ID, authorization: ACCESS_TOKEN };
  const url = baseUrl + OPERATION_PATH;

  const floor: Contender = {
    name: 'floor',
    async call() {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders },
        body: JSON.stringify(DTO),
      });
      return checked('floor', (await response.json()) as { statusCode: number });
    },
    close() {},
  };

  // The floor of any client with a per-request timeout: the same call, cancellable by an AbortSignal.
  const floorWithTimeout: Contender = {
    name: 'floorWithTimeout',
    async call() {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authHeaders },
          body: JSON.stringify(DTO),
          signal: controller.signal,
        });
        return checked('floorWithTimeout', (await response.json()) as { statusCode: number });
      } finally {
        clearTimeout(timer);
      }
    },
    close() {},
  };

  // Bare openapi-fetch as its README shows it; in loopback mode it uses its default (the global fetch).
  const raw = createClient<paths>({ baseUrl, headers: authHeaders, ...(mode === 'stub' ? { fetch: stubFetch } : {}) });
  const openapiFetch: Contender = {
    name: 'openapiFetch',
    async call() {
      const { data } = await raw.POST('/api/v3/send-sms', { body: DTO });
      return checked('openapiFetch', data);
    },
    close() {},
  };

  const { AuthenticationClient } = await loadBuiltClient();
  const client = new AuthenticationClient({
    appId: APP_ID,
    appHost: baseUrl,
    accessToken: ACCESS_TOKEN,
    ...(mode === 'stub' ? { fetch: stubFetch } : {}),
  });
  const genauth: Contender = { name: 'genauth', call: () => client.sendSms(DTO), close() {} };

  // The shape of the vendor's Node SDK: an axios instance with baseURL and auth headers, POST, envelope check.
  const agent = mode === 'loopback' ? new Agent({ keepAlive: true }) : undefined;
  const instance = axios.create({
    baseURL: baseUrl,
    headers: { 'content-type': 'application/json', ...authHeaders },
    ...(mode === 'stub' ? { adapter: stubAdapter } : { httpAgent: agent }),
  });
  const axiosClient: Contender = {
    name: 'axios',
    async call() {
      const response = await instance.post<{ statusCode: number }>(OPERATION_PATH, DTO);
      return checked('axios', response.data);
    },
    close() {
      agent?.destroy();
    },
  };

  return { floor, floorWithTimeout, openapiFetch, genauth, axios: axiosClient };
}
