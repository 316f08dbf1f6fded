import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { AuthenticationClient, GenAuthAbortError, GenAuthConnectionError, GenAuthHttpError, GenAuthValidationError, type Middleware } from '@genauth/client';

const ok = () => new Response(JSON.stringify({ statusCode: 200, message: 'ok' }), { headers: { 'content-type': 'application/json' } });

function clientWith(options: { middleware?: Middleware[]; validate?: boolean } = {}) {
  const fetch = vi.fn(async () => ok());
  const client = new AuthenticationClient({ appId: 'a', appHost: 'https://example.genauth.ai', fetch: fetch as never, ...options });
  return { client, fetch };
}

const viaMiddleware = [{ onRequest: () => undefined } satisfies Middleware];

describe('everything that fails before a request leaves the process is a GenAuthValidationError', () => {
  it.each([
    [{ 'x bad': 'v' }, /Invalid headers: has a header name that is not a valid HTTP token: "x bad"/],
    [{ 'x-é': 'v' }, /not a valid HTTP token/],
    [{ '': 'v' }, /not a valid HTTP token: ""/],
    [{ 'Transfer-Encoding': 'chunked' }, /Invalid headers.Transfer-Encoding: is a framing or hop-by-hop header/],
    [{ connection: 'close' }, /Invalid headers.connection: is a framing or hop-by-hop header/],
    [{ 'content-length': '5' }, /Invalid headers.content-length: is a framing or hop-by-hop header/],
    [{ host: 'evil.example' }, /Invalid headers.host/],
  ])('refuses client headers %o', (headers, message) => {
    const make = () => new AuthenticationClient({ appId: 'a', appHost: 'https://example.genauth.ai', headers });
    expect(make).toThrow(GenAuthValidationError);
    expect(make).toThrow(message);
  });

  it.each([
    ['plain fetch', undefined],
    ['middleware', viaMiddleware],
  ])('refuses a bad header name per call with nothing sent (%s)', async (_name, middleware) => {
    const { client, fetch } = clientWith({ middleware });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { headers: { 'bad name': 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthValidationError);
    expect(error).toMatchObject({ operationId: 'sendSms', issues: [{ field: 'headers' }] });
    expect(fetch).not.toHaveBeenCalled();
  });

  const circular: Record<string, unknown> = { phoneNumber: '1', channel: 'CHANNEL_LOGIN' };
  circular.self = circular;
  it.each([
    ['a BigInt', { phoneNumber: '1', channel: 'CHANNEL_LOGIN', extra: 10n }, /cannot be serialised as JSON \(it holds a value JSON cannot represent/],
    ['a circular body', circular, /cannot be serialised as JSON/],
    ['a toJSON that throws', { toJSON: () => { throw new Error('no'); } }, /cannot be serialised as JSON/],
    ['a function', () => 1, /the body is not a JSON value/],
  ])('with validate: false, refuses %s with nothing sent', async (_name, body, message) => {
    for (const middleware of [undefined, viaMiddleware]) {
      const { client, fetch } = clientWith({ validate: false, middleware });
      const error = await client.sendSms(body as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GenAuthValidationError);
      expect(error).toMatchObject({ operationId: 'sendSms', issues: [{ field: 'body' }] });
      expect((error as Error).message).toMatch(message);
      expect(fetch).not.toHaveBeenCalled();
    }
  });

  it('reports a middleware that fails before fetch is called as not sent, redacted', async () => {
    const fetch = vi.fn(async () => ok());
    const client = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      accessToken: 'middleware-token-0123456789',
      maxRetries: 0,
      fetch: fetch as never,
      middleware: [{ onRequest: ({ request }) => { throw new Error(`signing failed for ${request.headers.get('authorization')}`); } }],
    });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthConnectionError);
    expect(error).toMatchObject({ operationId: 'sendSms', mayHaveBeenProcessed: false });
    expect((error as Error).message).toMatch(/failed before it was sent \(signing failed for \[redacted\]\)/);
    expect(inspect(error, { depth: 10 })).not.toContain('middleware-token-0123456789');
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([0, 1.5, -1, 2 ** 40, '1024'])('refuses maxResponseBytes %j, in the client and per call', async (maxResponseBytes) => {
    expect(() => new AuthenticationClient({ appId: 'a', appHost: 'https://example.genauth.ai', maxResponseBytes: maxResponseBytes as never })).toThrow(
      /Invalid maxResponseBytes: must be an integer from 1 to 268435456/,
    );
    const { client, fetch } = clientWith();
    await expect(client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { maxResponseBytes: maxResponseBytes as never })).rejects.toThrow(
      /Invalid options.maxResponseBytes/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('answers', () => {
  it('reads a deeply nested JSON error body through middleware as a GenAuthHttpError', async () => {
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const client = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      middleware: viaMiddleware,
      fetch: (async () => new Response(nested, { status: 500, headers: { 'content-type': 'application/json' } })) as never,
    });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthHttpError);
    expect(error).toMatchObject({ httpStatus: 500 });
  });

  it('lets a middleware replace the answer, still within maxResponseBytes', async () => {
    const client = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      maxResponseBytes: 1000,
      middleware: [{ onResponse: () => new Response(JSON.stringify({ statusCode: 200, message: 'x'.repeat(2000) }), { headers: { 'content-type': 'application/json' } }) }],
      fetch: (async () => ok()) as never,
    });
    await expect(client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' })).rejects.toThrow(/larger than maxResponseBytes \(1000 bytes\)/);
  });

  it('counts the decoded bytes of a body without Content-Length, chunk by chunk', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096).fill(0x61));
        if (pulled > 10_000) controller.close();
      },
    });
    const client = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      fetch: (async () => new Response(body, { headers: { 'content-type': 'application/json' } })) as never,
    });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { maxResponseBytes: 10_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(10000 bytes\)/);
    expect(pulled).toBeLessThan(10);
  });
});

describe('a caller signal shared by many calls', () => {
  it('adds one abort listener, not one per call: no MaxListenersExceededWarning, and aborting still stops every call', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const pending: (() => void)[] = [];
      const client = new AuthenticationClient({
        appId: 'a',
        appHost: 'https://example.genauth.ai',
        fetch: ((_input: string, init: RequestInit) =>
          new Promise<Response>((resolve, reject) => {
            pending.push(() => resolve(ok()));
            init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
          })) as never,
      });
      const first = Array.from({ length: 15 }, () => client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { signal: controller.signal }));
      await vi.waitFor(() => expect(pending).toHaveLength(15));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      for (const answer of pending.splice(0)) answer();
      await Promise.all(first);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

      const second = Array.from({ length: 15 }, () =>
        client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { signal: controller.signal }).catch((e: unknown) => e),
      );
      await vi.waitFor(() => expect(pending).toHaveLength(15));
      controller.abort();
      for (const error of await Promise.all(second)) expect(error).toBeInstanceOf(GenAuthAbortError);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
