import { describe, expect, it, vi } from 'vitest';
import {
  AuthenticationClient,
  bindPhone,
  GenAuthClient,
  sendSms,
  GenAuthBusinessError,
  GenAuthConnectionError,
  GenAuthError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  GenAuthValidationError,
  SDK_VERSION,
} from '@genauth/client';
import { inspect } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };

const TOKEN = 'canary-token-7f3a9c';
const APP_ID = 'app-123';

function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'content-type': 'application/json', ...init.headers } });
}

/** A client whose fetch records each request and answers with `answer`. */
function clientWith(answer: (request: Request) => Response | Promise<Response>, options: { accessToken?: string } = { accessToken: TOKEN }) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return answer(request);
  });
  const client = new AuthenticationClient({ appId: APP_ID, appHost: 'https://example.genauth.ai', fetch: fetch as never, ...options });
  return { client, requests, fetch };
}

describe('AuthenticationClient', () => {
  it('resolves with the envelope when statusCode is 200, sending the documented request', async () => {
    const { client, requests } = clientWith(() => json({ statusCode: 200, message: 'SMS sent', requestId: 'r-1' }));
    await expect(client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' })).resolves.toEqual({
      statusCode: 200,
      message: 'SMS sent',
      requestId: 'r-1',
    });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('https://example.genauth.ai/api/v3/send-sms');
    expect(request!.headers.get('x-authing-app-id')).toBe(APP_ID);
    expect(request!.headers.get('authorization')).toBe(TOKEN);
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('x-authing-sdk-version')).toBe(packageJson.version);
    expect(SDK_VERSION).toBe(packageJson.version);
    expect(await request!.json()).toEqual({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' });
  });

  it('rejects with GenAuthBusinessError when HTTP 200 carries another statusCode', async () => {
    const { client } = clientWith(() => json({ statusCode: 400, message: 'The verification code is invalid', apiCode: 12345, requestId: 'r-2' }));
    const error = await client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthBusinessError);
    expect(error).toBeInstanceOf(GenAuthError);
    expect(error).toMatchObject({ statusCode: 400, apiCode: 12345, requestId: 'r-2', httpStatus: 200, operationId: 'bindPhone' });
    expect((error as Error).message).toContain('The verification code is invalid');
  });

  it('rejects with GenAuthHttpError on an HTTP error status, keeping the envelope fields', async () => {
    const { client } = clientWith(() => json({ statusCode: 500, message: 'Internal error', requestId: 'r-3' }, { status: 500 }));
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthHttpError);
    expect(error).not.toBeInstanceOf(GenAuthRateLimitError);
    expect(error).toMatchObject({ httpStatus: 500, statusCode: 500, requestId: 'r-3', message: 'sendSms: HTTP 500: Internal error (requestId r-3)' });
  });

  it('rejects HTTP 429 with GenAuthRateLimitError and the Retry-After value', async () => {
    const { client } = clientWith(() => json({ statusCode: 429, message: 'Too many requests' }, { status: 429, headers: { 'retry-after': '60' } }));
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthRateLimitError);
    expect(error).toBeInstanceOf(GenAuthHttpError);
    expect(error).toMatchObject({ httpStatus: 429, statusCode: 429, retryAfterSeconds: 60 });
  });

  it('rejects a network failure with GenAuthConnectionError, after retrying a refused connection', async () => {
    const { client, fetch } = clientWith(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthConnectionError);
    expect(error).toMatchObject({ mayHaveBeenProcessed: false });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('runs middleware hooks on a real Request and lets them add headers and see the response', async () => {
    const seen: string[] = [];
    const { client, requests } = clientWith(() => json({ statusCode: 200, message: 'ok' }));
    const hooked = new AuthenticationClient({
      appId: APP_ID,
      appHost: 'https://example.genauth.ai',
      fetch: (async (input: Request) => {
        requests.push(input.clone());
        return json({ statusCode: 200, message: 'ok' });
      }) as never,
      middleware: [
        {
          onRequest: ({ request }) => {
            seen.push(`request ${request.method} ${new URL(request.url).pathname} ${request instanceof Request}`);
            request.headers.set('x-trace-id', 'trace-1');
            return request;
          },
          onResponse: ({ response }) => void seen.push(`response ${response.status}`),
        },
      ],
    });
    void client;
    await hooked.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' });
    expect(seen).toEqual(['request POST /api/v3/send-sms true', 'response 200']);
    expect(requests[0]!.headers.get('x-trace-id')).toBe('trace-1');
  });

  it('logs each attempt and retry to the logger, without secrets', async () => {
    const lines: string[] = [];
    let calls = 0;
    const client = new AuthenticationClient({
      appId: APP_ID,
      appHost: 'https://example.genauth.ai',
      accessToken: TOKEN,
      logger: { debug: (line) => lines.push(`debug ${line}`), warn: (line) => lines.push(`warn ${line}`) },
      fetch: (async () =>
        ++calls === 1
          ? json({ statusCode: 429, message: `slow down ${TOKEN}` }, { status: 429, headers: { 'retry-after': '0' } })
          : json({ statusCode: 200, message: 'ok' })) as never,
    });
    await client.bindPhone({ passCode: '246810', phoneNumber: '1' });
    expect(lines).toEqual([
      'warn genauth: bindPhone attempt 1 failed (rate limited: GenAuthRateLimitError); retrying in 0 ms',
      expect.stringMatching(/^debug genauth: bindPhone attempt 2: HTTP 200, statusCode 200 in \d+ ms$/),
    ]);
  });

  it('sends SDK identification headers, which the options can override', async () => {
    const requests: Request[] = [];
    const client = new AuthenticationClient({
      appId: APP_ID,
      appHost: 'https://example.genauth.ai',
      headers: { 'x-authing-request-from': 'my-app' },
      fetch: (async (input: string, init: RequestInit) => (requests.push(new Request(input, init)), json({ statusCode: 200, message: 'ok' }))) as never,
    });
    await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' });
    expect(requests[0]!.headers.get('x-authing-request-from')).toBe('my-app');
    expect(requests[0]!.headers.get('x-authing-lang')).toBe('typescript');
    expect(() => new AuthenticationClient({ appId: 'a', appHost: 'https://a.genauth.ai', headers: { Authorization: 'x' } })).toThrow(/set it with the accessToken option/);
  });

  it('does not show the access token when the client is inspected or serialised', () => {
    const client = new AuthenticationClient({ appId: APP_ID, appHost: 'https://example.genauth.ai', accessToken: TOKEN });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
  });

  it.each([
    [{ passCode: '', phoneNumber: '1' }, 'body.passCode must be at least 1 characters long'],
    [{ passCode: '123456', phoneNumber: '1', phoneCountryCode: '0086' }, 'body.phoneCountryCode must match the pattern ^\\+[0-9]{1,4}$'],
    [{ passCode: '123456' }, 'body.phoneNumber is required'],
    [{ passCode: 123456, phoneNumber: '1' }, 'body.passCode must be a string, got number'],
    [{ passCode: '123456', phoneNumber: '1', extra: true }, 'body.extra is not a field of this request'],
    [undefined, 'body must be an object, got undefined'],
  ])('refuses an invalid bindPhone body %o before sending, naming the field and rule', async (body, message) => {
    const { client, fetch } = clientWith(() => json({ statusCode: 200, message: 'ok' }));
    const error = await client.bindPhone(body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthValidationError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('123456');
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    [{ timeout: 0 }, /Invalid options.timeout: must be a number from 1/],
    [{ maxRetries: 1.5 }, /Invalid options.maxRetries: must be an integer from 0 to 10/],
    [{ signal: 'stop' }, /Invalid options.signal: must be an AbortSignal/],
    [{ headers: { 'x-a': 'b\r\nc' } }, /Invalid headers.x-a: contains a line break/],
  ])('refuses bad call options %o', async (options, message) => {
    const { client, fetch } = clientWith(() => json({ statusCode: 200, message: 'ok' }));
    await expect(client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, options as never)).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['malformed JSON', () => new Response('{"statusCode":', { headers: { 'content-type': 'application/json' } }), /not the JSON envelope/],
    ['an HTML page', () => new Response('<html>oops</html>', { headers: { 'content-type': 'text/html' } }), /an HTML page \(text\/html/],
    ['an empty body', () => new Response('', { headers: { 'content-type': 'application/json' } }), /empty body/],
    ['JSON without statusCode', () => json({ ok: true }), /no numeric statusCode/],
  ])('rejects %s with GenAuthResponseError', async (_name, answer, message) => {
    const { client } = clientWith(answer);
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthResponseError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses bindPhone without an access token and sends nothing', async () => {
    const { client, fetch } = clientWith(() => json({ statusCode: 200, message: 'ok' }), {});
    const error = await client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthValidationError);
    expect((error as Error).message).toContain('setAccessToken');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses bindPhone again once setAccessToken(undefined) cleared the token, and sends nothing', async () => {
    const { client, fetch } = clientWith(() => json({ statusCode: 200, message: 'ok' }));
    await client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' });
    client.setAccessToken(undefined);
    const error = await client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthValidationError);
    expect((error as Error).message).toContain('setAccessToken');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends sendSms without a token when none is set, and the token set later with setAccessToken', async () => {
    const { client, requests } = clientWith(() => json({ statusCode: 200, message: 'ok' }), {});
    await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' });
    client.setAccessToken(TOKEN);
    await client.bindPhone({ passCode: '123456', phoneNumber: '1' });
    client.setAccessToken(undefined);
    await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' });
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([null, TOKEN, null]);
  });

  it('never puts the access token into an error', async () => {
    const { client } = clientWith(() => json({ statusCode: 401, message: 'Unauthorized' }, { status: 401 }));
    const error = await client.bindPhone({ passCode: '999111', phoneNumber: '1' }).catch((e: unknown) => e);
    const exposed = [String(error), (error as Error).stack, JSON.stringify(error)].join('\n');
    expect(exposed).not.toContain(TOKEN);
    expect(exposed).not.toContain('999111');
  });

  it('shares the auth headers with the raw openapi-fetch client', async () => {
    const { client, requests } = clientWith(() => json({ statusCode: 200, message: 'ok' }));
    const { data } = await client.raw.POST('/api/v3/bind-phone', { body: { passCode: '1', phoneNumber: '2' } });
    expect(data).toEqual({ statusCode: 200, message: 'ok' });
    expect(requests[0]!.headers.get('authorization')).toBe(TOKEN);
    expect(requests[0]!.headers.get('x-authing-app-id')).toBe(APP_ID);
  });

  describe('options', () => {
    it.each([
      [{ appId: '', appHost: 'https://a.genauth.ai' }, /Invalid appId: must not be empty/],
      [{ appId: 'a\r\nx-evil: 1', appHost: 'https://a.genauth.ai' }, /Invalid appId: contains a line break/],
      [{ appId: 'a', appHost: 'https://a.genauth.ai', accessToken: 'tok\nen' }, /Invalid accessToken: contains a line break/],
      [{ appId: 'a', appHost: 'https://a.genauth.ai', accessToken: 'tøken✓' }, /outside Latin-1/],
      [{ appId: 'a', appHost: 'http://a.genauth.ai' }, /plain http/],
      [{ appId: 'a', appHost: 'not a url' }, /Invalid appHost/],
      [{ appId: 'a', appHost: 'ftp://a.genauth.ai' }, /scheme ftp: is not http or https/],
      [{ appId: 'a', appHost: 'https://a.genauth.ai', timeout: -1 }, /Invalid timeout/],
      [{ appId: 'a', appHost: 'https://a.genauth.ai', maxRetries: 11 }, /Invalid maxRetries/],
      [{ appId: 'a', appHost: 'https://a.genauth.ai', logger: 'console' }, /Invalid logger/],
      [{ appId: 'a', appHost: 'https://a.genauth.ai', fetch: 'fetch' }, /Invalid fetch/],
    ])('refuses %o', (options, message) => {
      expect(() => new AuthenticationClient(options as never)).toThrowError(message);
      try {
        new AuthenticationClient(options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(GenAuthValidationError);
        if ('accessToken' in options) expect(String(error)).not.toContain(options.accessToken);
      }
    });

    it.each([
      ['your-app.genauth.ai', 'https://your-app.genauth.ai/api/v3/send-sms'],
      ['https://your-app.genauth.ai/', 'https://your-app.genauth.ai/api/v3/send-sms'],
      ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/api/v3/send-sms'],
      ['http://localhost:4010', 'http://localhost:4010/api/v3/send-sms'],
    ])('accepts appHost %s', async (appHost, url) => {
      const requests: Request[] = [];
      const client = new AuthenticationClient({
        appId: 'a',
        appHost,
        fetch: (async (input: string, init: RequestInit) => (requests.push(new Request(input, init)), json({ statusCode: 200, message: 'ok' }))) as never,
      });
      await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' });
      expect(requests[0]!.url).toBe(url);
    });

    it('accepts plain http elsewhere only with allowInsecureHttp', () => {
      expect(() => new AuthenticationClient({ appId: 'a', appHost: 'http://10.0.0.1', allowInsecureHttp: true })).not.toThrow();
    });
  });
});

describe('standalone operation functions', () => {
  it('call the operation through any GenAuthClient, like the methods', async () => {
    const requests: Request[] = [];
    const client = new GenAuthClient({
      appId: APP_ID,
      appHost: 'https://example.genauth.ai',
      accessToken: TOKEN,
      fetch: (async (input: string, init: RequestInit) => (requests.push(new Request(input, init)), json({ statusCode: 200, message: 'bound' }))) as never,
    });
    await expect(bindPhone(client, { passCode: '123456', phoneNumber: '188xxxx8888' })).resolves.toEqual({ statusCode: 200, message: 'bound' });
    await expect(sendSms(client, { phoneNumber: '188xxxx8888', channel: 'CHANNEL_NOPE' as never })).rejects.toBeInstanceOf(GenAuthValidationError);
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual(['/api/v3/bind-phone']);
  });
});
