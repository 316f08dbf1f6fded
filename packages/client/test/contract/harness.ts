import { inject } from 'vitest';
import { AuthenticationClient } from '@genauth/client';

export const ACCESS_TOKEN = 'contract-test-access-token';
export const APP_ID = 'contract-test-app';

/** A client pointed at the shared Prism mock; `sent` records every request it made. */
export function mockClient(options: { accessToken?: string; validate?: boolean } = { accessToken: ACCESS_TOKEN }) {
  const sent: Request[] = [];
  const client = new AuthenticationClient({
    appId: APP_ID,
    appHost: inject('apiBaseUrl'),
    ...options,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return fetch(request);
    },
  });
  return { client, sent };
}
