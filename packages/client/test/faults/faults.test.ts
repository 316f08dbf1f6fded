import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationClient,
  GenAuthAbortError,
  GenAuthBusinessError,
  GenAuthConnectionError,
  GenAuthError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  GenAuthTimeoutError,
  GenAuthValidationError,
  type AuthenticationClientOptions,
  type CallOptions,
} from '@genauth/client';
import { freePort } from '@genauth/mock-server';
import { FaultServer, html, json, type Behaviour } from './fault-server.js';

const server = new FaultServer();
let base = '';
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  base = await server.listen();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server.close();
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
});

/** Echoes the secrets back, as a careless server might: the client must redact them. */
const echo: Behaviour = (request, response) =>
  json(response, 200, {
    statusCode: 400,
    message: `pass code ${(JSON.parse(request.body) as { passCode: string }).passCode} rejected for token ${request.headers.authorization}`,
    requestId: 'req-echo',
  });

interface FaultCase {
  name: string;
  behaviour?: Behaviour;
  /** Default: the fault server under `/<name>`. */
  appHost?: () => Promise<string>;
  options?: Partial<AuthenticationClientOptions>;
  call?: Omit<CallOptions, 'signal'> & { abortAfterMs?: number };
  error?: { type: new (...args: never[]) => GenAuthError; fields?: Record<string, unknown>; message?: RegExp };
  result?: Record<string, unknown>;
  /** Requests the server saw (undefined: the server is not involved). */
  requests?: number;
  /** The call must settle within this many ms. */
  withinMs: number;
  atLeastMs?: number;
}

const cases: FaultCase[] = [
  { name: 'html-500', behaviour: (_q, r) => html(r, 500), error: { type: GenAuthHttpError, fields: { httpStatus: 500 }, message: /HTTP 500: an HTML page/ }, requests: 1, withinMs: 1000 },
  { name: 'html-502', behaviour: (_q, r) => html(r, 502), error: { type: GenAuthHttpError, fields: { httpStatus: 502 } }, requests: 1, withinMs: 1000 },
  { name: 'html-503', behaviour: (_q, r) => html(r, 503), error: { type: GenAuthHttpError, fields: { httpStatus: 503 } }, requests: 3, withinMs: 3000, atLeastMs: 1000 },
  {
    name: 'recovers-after-503',
    behaviour: (_q, r, attempt) => (attempt === 1 ? html(r, 503) : json(r, 200, { statusCode: 200, message: 'ok', requestId: 'req-1' })),
    result: { statusCode: 200, requestId: 'req-1' },
    requests: 2,
    withinMs: 2000,
  },
  {
    name: '429-retry-after',
    behaviour: (_q, r, attempt) =>
      attempt === 1 ? json(r, 429, { statusCode: 429, message: 'slow down' }, { 'retry-after': '1' }) : json(r, 200, { statusCode: 200, message: 'ok' }),
    result: { statusCode: 200 },
    requests: 2,
    withinMs: 2500,
    atLeastMs: 950,
  },
  {
    name: '429-retry-after-date',
    behaviour: (_q, r, attempt) =>
      attempt === 1
        ? json(r, 429, { statusCode: 429, message: 'slow down' }, { 'retry-after': new Date(Date.now() + 1500).toUTCString() })
        : json(r, 200, { statusCode: 200, message: 'ok' }),
    result: { statusCode: 200 },
    requests: 2,
    withinMs: 3500,
    atLeastMs: 500,
  },
  {
    name: '429-retry-after-too-long',
    behaviour: (_q, r) => json(r, 429, { statusCode: 429, message: 'one SMS per minute', requestId: 'req-429' }, { 'retry-after': '60' }),
    error: { type: GenAuthRateLimitError, fields: { httpStatus: 429, statusCode: 429, retryAfterSeconds: 60, requestId: 'req-429' }, message: /Retry in 60 s/ },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: '429-no-retry-after',
    behaviour: (_q, r) => json(r, 429, { statusCode: 429, message: 'slow down' }),
    error: { type: GenAuthRateLimitError, fields: { httpStatus: 429 }, message: /Retry later/ },
    requests: 3,
    withinMs: 3000,
    atLeastMs: 1000,
  },
  { name: 'body-400', behaviour: echo, error: { type: GenAuthBusinessError, fields: { httpStatus: 200, statusCode: 400, requestId: 'req-echo' }, message: /\[redacted\]/ }, requests: 1, withinMs: 1000 },
  { name: 'body-429', behaviour: (_q, r) => json(r, 200, { statusCode: 429, message: 'too many' }), error: { type: GenAuthBusinessError, fields: { statusCode: 429 } }, requests: 1, withinMs: 1000 },
  { name: 'body-500', behaviour: (_q, r) => json(r, 200, { statusCode: 500, message: 'internal', apiCode: 50000 }), error: { type: GenAuthBusinessError, fields: { statusCode: 500, apiCode: 50000 } }, requests: 1, withinMs: 1000 },
  {
    name: 'malformed-json',
    behaviour: (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"statusCode": 200, "mess'),
    error: { type: GenAuthResponseError, fields: { httpStatus: 200 }, message: /not the JSON envelope/ },
    requests: 1,
    withinMs: 1000,
  },
  { name: 'empty-body', behaviour: (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end(), error: { type: GenAuthResponseError, message: /an empty body/ }, requests: 1, withinMs: 1000 },
  {
    name: 'wrong-content-type',
    behaviour: (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify({ statusCode: 200, message: 'ok' })),
    error: { type: GenAuthResponseError, fields: { contentType: 'text/plain' }, message: /content type text\/plain/ },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: 'truncated-reset',
    behaviour: (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      r.write('{"statusCode": 200, "message": "o');
      setTimeout(() => r.socket?.destroy(), 20);
    },
    error: { type: GenAuthConnectionError, fields: { mayHaveBeenProcessed: true }, message: /while reading the answer/ },
    requests: 1,
    withinMs: 1500,
  },
  {
    name: 'never-answers',
    behaviour: () => {},
    options: { timeout: 300 },
    error: { type: GenAuthTimeoutError, fields: { timeoutMs: 300 }, message: /no complete answer within 300 ms/ },
    requests: 1,
    withinMs: 1500,
    atLeastMs: 280,
  },
  {
    name: 'slow-headers',
    behaviour: (_q, r) => setTimeout(() => json(r, 200, { statusCode: 200, message: 'late' }), 1500),
    call: { timeout: 300 },
    error: { type: GenAuthTimeoutError },
    requests: 1,
    withinMs: 1500,
  },
  {
    name: 'slow-body',
    behaviour: (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json' });
      r.write('{"statusCode":');
      setTimeout(() => r.end('200,"message":"late"}'), 1500);
    },
    options: { timeout: 300 },
    error: { type: GenAuthTimeoutError },
    requests: 1,
    withinMs: 1500,
  },
  {
    name: 'refused',
    appHost: async () => `http://127.0.0.1:${await freePort()}`,
    error: { type: GenAuthConnectionError, fields: { mayHaveBeenProcessed: false }, message: /ECONNREFUSED.*the request was not sent/ },
    withinMs: 3000,
    atLeastMs: 1000,
  },
  {
    name: 'redirect-elsewhere',
    behaviour: (_q, r) => r.writeHead(307, { location: 'http://127.0.0.2:9/api/v3/bind-phone' }).end(),
    error: { type: GenAuthHttpError, fields: { httpStatus: 307 }, message: /redirect to http:\/\/127\.0\.0\.2:9 was not followed/ },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: 'redirect-echoes-secrets',
    behaviour: (request, r) =>
      r.writeHead(302, { location: `https://${request.headers.authorization}.example/${JSON.parse(request.body).passCode}` }).end(),
    error: { type: GenAuthHttpError, fields: { httpStatus: 302 }, message: /redirect to https:\/\/\[redacted\]\.example was not followed/ },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: 'echo-in-headers',
    behaviour: (request, r) =>
      json(r, 503, { statusCode: 503, message: 'busy' }, {
        'content-type': `application/json; charset=${request.headers.authorization}`,
        'x-request-id': `req-${JSON.parse(request.body).passCode}`,
        'retry-after': '3600',
      }),
    error: { type: GenAuthHttpError, fields: { httpStatus: 503, requestId: 'req-[redacted]', retryAfterSeconds: 3600 } },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: '503-retry-after-too-long',
    behaviour: (_q, r) => json(r, 503, { statusCode: 503, message: 'maintenance' }, { 'retry-after': '3600' }),
    error: { type: GenAuthHttpError, fields: { httpStatus: 503, retryAfterSeconds: 3600 }, message: /service unavailable \(HTTP 503\): maintenance\. Retry in 3600 s\./ },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: '503-retry-after',
    behaviour: (_q, r, attempt) =>
      attempt === 1 ? json(r, 503, { statusCode: 503, message: 'busy' }, { 'retry-after': '1' }) : json(r, 200, { statusCode: 200, message: 'ok' }),
    result: { statusCode: 200 },
    requests: 2,
    withinMs: 2500,
    atLeastMs: 950,
  },
  {
    name: 'tls-to-plain-http',
    appHost: async () => `${base.replace('http:', 'https:')}/tls-to-plain-http`,
    options: { maxRetries: 0 },
    error: { type: GenAuthConnectionError, fields: { mayHaveBeenProcessed: false }, message: /TLS handshake failed .*the request was not sent/ },
    requests: 0,
    withinMs: 2000,
  },
  ...(['transfer-encoding', 'content-length', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'host', 'expect'] as const).map(
    (name): FaultCase => ({
      name: `call-header-${name}`,
      behaviour: (_q, r) => json(r, 200, { statusCode: 200, message: 'ok' }),
      call: { headers: { [name]: name === 'content-length' ? '5' : name === 'host' ? 'evil.example' : 'chunked' } },
      error: { type: GenAuthValidationError, message: new RegExp(`Invalid headers\\.${name}: is a framing or hop-by-hop header`) },
      requests: 0,
      withinMs: 1000,
    }),
  ),
  {
    name: 'call-header-bad-name',
    behaviour: (_q, r) => json(r, 200, { statusCode: 200, message: 'ok' }),
    call: { headers: { 'x bad': 'value' } },
    error: { type: GenAuthValidationError, message: /Invalid headers: has a header name that is not a valid HTTP token: "x bad"/ },
    requests: 0,
    withinMs: 1000,
  },
  {
    name: 'deep-json-error-with-middleware',
    behaviour: (_q, r) => r.writeHead(500, { 'content-type': 'application/json' }).end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    options: { middleware: [{ onResponse: () => undefined }] },
    error: { type: GenAuthHttpError, fields: { httpStatus: 500 } },
    requests: 1,
    withinMs: 2000,
  },
  {
    name: 'oversized-declared',
    behaviour: (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) });
      r.write('{"statusCode":200,"message":"');
    },
    error: { type: GenAuthResponseError, fields: { httpStatus: 200 }, message: /larger than maxResponseBytes \(1048576 bytes\).*may have processed the request/ },
    requests: 1,
    withinMs: 2000,
  },
  {
    name: 'oversized-per-call-limit',
    behaviour: (_q, r) => json(r, 400, { statusCode: 400, message: 'x'.repeat(5000) }),
    call: { maxResponseBytes: 1024 },
    error: { type: GenAuthResponseError, fields: { httpStatus: 400 }, message: /larger than maxResponseBytes \(1024 bytes\)/ },
    requests: 1,
    withinMs: 1000,
  },
  {
    name: 'huge-message',
    behaviour: (_q, r) => json(r, 400, { statusCode: 400, message: 'm'.repeat(5_000_000) }),
    options: { maxResponseBytes: 8 * 1024 * 1024 },
    error: { type: GenAuthHttpError, fields: { httpStatus: 400 }, message: /^bindPhone: HTTP 400: m{200}… \[cut\]$/ },
    requests: 1,
    withinMs: 3000,
  },
  {
    name: 'aborted-by-caller',
    behaviour: () => {},
    call: { abortAfterMs: 100 },
    error: { type: GenAuthAbortError },
    requests: 1,
    withinMs: 1000,
  },
];

describe('fault injection (bindPhone, which is not retry-safe)', () => {
  it.each(cases)('$name', async (fault) => {
    const token = `canary-token-${randomBytes(8).toString('hex')}`;
    const passCode = String(10_000_000 + (randomBytes(4).readUInt32BE() % 89_999_999));
    if (fault.behaviour) server.on(fault.name, fault.behaviour);
    const logged: string[] = [];
    const logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((level) => [level, (line: string) => logged.push(`${level}: ${line}`)]));
    const client = new AuthenticationClient({
      appId: 'fault-app',
      appHost: fault.appHost ? await fault.appHost() : `${base}/${fault.name}`,
      accessToken: token,
      logger,
      ...fault.options,
    });
    const { abortAfterMs, ...callOptions } = fault.call ?? {};
    const signal = abortAfterMs === undefined ? undefined : AbortSignal.timeout(abortAfterMs);

    const started = performance.now();
    const outcome = await client
      .bindPhone({ passCode, phoneNumber: '188xxxx8888' }, { ...callOptions, signal })
      .then((result) => ({ result }), (error: unknown) => ({ error }));
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(fault.withinMs);
    if (fault.atLeastMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(fault.atLeastMs);
    if (fault.requests !== undefined) expect(server.requestsFor(fault.name)).toHaveLength(fault.requests);
    if (fault.result) {
      expect('result' in outcome && outcome.result).toMatchObject(fault.result);
    } else {
      expect('error' in outcome).toBe(true);
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(GenAuthError);
      expect(error).toBeInstanceOf(fault.error!.type);
      expect(error).toMatchObject({ operationId: 'bindPhone', ...fault.error!.fields });
      if (fault.error!.message) expect((error as Error).message).toMatch(fault.error!.message);
      const exposed = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10 }), ...logged].join('\n');
      expect(exposed).not.toContain(token);
      expect(exposed).not.toContain(passCode);
    }
    expect(logged.join('\n')).not.toContain(token);
    expect(logged.join('\n')).not.toContain(passCode);
    // The credentials only ever went to the app host.
    for (const request of server.seen.filter((seen) => seen.headers.authorization === token)) {
      expect(request.path.startsWith(`/${fault.name}/`)).toBe(true);
    }
  });
});
