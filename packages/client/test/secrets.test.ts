import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthenticationClient, GenAuthError, GenAuthValidationError, type Middleware } from '@genauth/client';

/** Everything a caller could print of an error, its own fields included. */
function surfaces(error: unknown, logged: string[]): string {
  const fields = error !== null && typeof error === 'object' ? Object.values(error as object).map((value) => inspect(value, { depth: 10 })) : [];
  return [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), ...fields, ...logged].join('\n');
}

function recordingLogger(): { logged: string[]; logger: Record<'debug' | 'info' | 'warn' | 'error', (line: string) => void> } {
  const logged: string[] = [];
  const line = (level: string) => (text: string) => void logged.push(`${level}: ${text}`);
  return { logged, logger: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') } };
}

/** Where a careless or hostile server may put a secret it received. */
const POSITIONS = [
  'body.message',
  'body.requestId',
  'body.detail',
  'body.title',
  'body.validation.location',
  'body.validation.message',
  'header.x-request-id',
  'header.content-type',
  'header.location',
  'header.x-other',
] as const;
type Position = (typeof POSITIONS)[number];

/** An answer echoing `secret` at `positions`, with a status that reaches every branch of the envelope reader. */
function echoingAnswer(secret: string, positions: readonly Position[], status: number, json: boolean): Response {
  const at = (position: Position) => positions.includes(position);
  const body: Record<string, unknown> = { statusCode: status === 200 ? 400 : status, message: at('body.message') ? `bad ${secret} here` : 'bad' };
  if (at('body.requestId')) body.requestId = `req-${secret}`;
  if (at('body.detail')) body.detail = `detail ${secret}`;
  if (at('body.title')) body.title = `${secret} title`;
  if (at('body.validation.location') || at('body.validation.message')) {
    body.validation = [{ location: ['body', at('body.validation.location') ? secret : 'phoneNumber'], message: at('body.validation.message') ? `not ${secret}` : 'bad' }];
  }
  const headers: Record<string, string> = { 'content-type': at('header.content-type') ? `${json ? 'application/json' : 'text/plain'}; echo=${secret}` : json ? 'application/json' : 'text/html' };
  if (at('header.x-request-id')) headers['x-request-id'] = `req-${secret}`;
  if (at('header.location')) headers.location = `https://${secret}.example/path?token=${secret}`;
  if (at('header.x-other')) headers['x-other'] = secret;
  return new Response(json ? JSON.stringify(body) : `<html>${secret}</html>`, { status, headers });
}

const tokenText = fc.stringMatching(/^[A-Za-z0-9._~-]{16,40}$/);
const passCodeText = fc.stringMatching(/^[A-Za-z0-9]{10,16}$/);

describe('secrets never reach an error or a log line', () => {
  it('for random secrets echoed at random places, with or without middleware, and a token rotated in flight', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          token: tokenText,
          bearer: fc.boolean(),
          rotatedToken: fc.option(tokenText, { nil: undefined }),
          passCode: passCodeText,
          apiKey: tokenText,
          callKey: tokenText,
          echoed: fc.constantFrom('token', 'token without scheme', 'token in upper case', 'pass code', 'client credential header', 'call credential header'),
          positions: fc.subarray([...POSITIONS], { minLength: 1 }),
          status: fc.constantFrom(200, 302, 400, 401, 429, 500, 503),
          json: fc.boolean(),
          middleware: fc.boolean(),
        }),
        async ({ token, bearer, rotatedToken, passCode, apiKey, callKey, echoed, positions, status, json, middleware }) => {
          const accessToken = bearer ? `Bearer ${token}` : token;
          const secret = {
            token: accessToken,
            'token without scheme': token,
            'token in upper case': accessToken.toUpperCase(),
            'pass code': passCode,
            'client credential header': apiKey,
            'call credential header': callKey,
          }[echoed];
          const { logged, logger } = recordingLogger();
          const client: AuthenticationClient = new AuthenticationClient({
            appId: 'secrets-app',
            appHost: 'https://example.genauth.ai',
            accessToken,
            maxRetries: 0,
            logger,
            headers: { 'x-api-key': apiKey },
            middleware: middleware ? [{ onRequest: () => undefined } satisfies Middleware] : undefined,
            fetch: (async () => {
              // The token changes while the call is in flight: the echo is of the one that was sent.
              if (rotatedToken !== undefined) client.setAccessToken(rotatedToken);
              return echoingAnswer(secret, positions, status, json);
            }) as typeof fetch,
          });
          const error = await client.bindPhone({ passCode, phoneNumber: '188xxxx8888' }, { headers: { 'X-Auth-Token': callKey } }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(GenAuthError);
          const exposed = surfaces(error, logged).toLowerCase();
          for (const value of [accessToken, token, passCode, apiKey, callKey]) expect(exposed).not.toContain(value.toLowerCase());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves out a numeric pass code a server echoes as a number (apiCode, statusCode)', async () => {
    const passCode = '73915264';
    const client = new AuthenticationClient({
      appId: 'secrets-app',
      appHost: 'https://example.genauth.ai',
      accessToken: 'numeric-echo-token-123',
      fetch: (async () =>
        new Response(JSON.stringify({ statusCode: Number(passCode), apiCode: Number(passCode), message: 'no' }), {
          headers: { 'content-type': 'application/json' },
        })) as typeof fetch,
    });
    const error = await client.bindPhone({ passCode, phoneNumber: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthError);
    expect(surfaces(error, [])).not.toContain(passCode);
  });

  it('redacts the token as sent when setAccessToken runs during the call, and both tokens across a retry', async () => {
    const { logged, logger } = recordingLogger();
    const sent: (string | null)[] = [];
    const client: AuthenticationClient = new AuthenticationClient({
      appId: 'secrets-app',
      appHost: 'https://example.genauth.ai',
      accessToken: 'first-token-abcdef',
      logger,
      fetch: (async (_input: string, init: RequestInit) => {
        const authorization = new Headers(init.headers).get('authorization');
        sent.push(authorization);
        if (sent.length === 1) {
          client.setAccessToken('second-token-ghijkl');
          return new Response(JSON.stringify({ statusCode: 503, message: `busy ${authorization}` }), {
            status: 503,
            headers: { 'content-type': 'application/json', 'retry-after': '0' },
          });
        }
        return new Response(JSON.stringify({ statusCode: 400, message: `old ${sent[0]} new ${authorization}` }), { headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    expect(sent).toEqual(['first-token-abcdef', 'second-token-ghijkl']);
    expect((error as Error).message).toBe('sendSms failed: old [redacted] new [redacted] (statusCode 400).');
    const exposed = surfaces(error, logged);
    expect(exposed).not.toContain('first-token-abcdef');
    expect(exposed).not.toContain('second-token-ghijkl');
  });

  it('never echoes an appHost it cannot parse, which may hold a password', () => {
    const error = (() => {
      try {
        return new AuthenticationClient({ appId: 'a', appHost: 'https://user:s3cretPW@bad host.example' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GenAuthValidationError);
    expect((error as Error).message).toMatch(/Invalid appHost: is not a valid URL/);
    expect(surfaces(error, [])).not.toContain('s3cretPW');
  });

  it('cuts server text copied into a message or a log line to a short, marked length', async () => {
    const { logged, logger } = recordingLogger();
    const client = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      logger,
      fetch: (async () =>
        new Response(JSON.stringify({ statusCode: 400, message: 'x'.repeat(5_000_000), requestId: 'r'.repeat(10_000) }), {
          headers: { 'content-type': 'application/json' },
        })) as typeof fetch,
      maxResponseBytes: 8_000_000,
    });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain(`${'x'.repeat(200)}… [cut]`);
    expect(message.length).toBeLessThan(600);
    expect((error as { requestId: string }).requestId).toBe(`${'r'.repeat(200)}… [cut]`);
    expect(Math.max(...logged.map((line) => line.length))).toBeLessThan(700);
  });
});
