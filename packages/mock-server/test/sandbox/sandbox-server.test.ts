import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { freePort, PortInUseError, SandboxClient, startSandbox, type SandboxServer } from '@genauth/mock-server';
import { SandboxRules } from '../../src/sandbox/rules.ts';
import { call, exampleName, SANDBOX_SPEC } from './harness.ts';

const BIND = 'CHANNEL_BIND_PHONE';
let server: SandboxServer;
const temp = mkdtempSync(join(tmpdir(), 'genauth-sandbox-'));
beforeAll(async () => {
  server = await startSandbox({ specPath: SANDBOX_SPEC });
});
afterAll(async () => {
  await server?.stop();
  rmSync(temp, { recursive: true, force: true });
});
beforeEach(() => server.sandbox.reset());

async function sendCode(phoneNumber: string, channel = BIND): Promise<string> {
  const sent = await call(server.url, 'sendSms', { phoneNumber, channel });
  expect(sent.body).toMatchObject({ statusCode: 200 });
  return server.sandbox.latestCode(phoneNumber, channel);
}

describe('the sandbox HTTP server', () => {
  it('keeps its inbox, clock and reset on its own port only, not on the Prism behind it', async () => {
    await sendCode('18811110000');
    expect(await server.sandbox.messages()).toHaveLength(1);
    const upstream = await fetch(`${server.upstreamUrl}/__sandbox/messages`);
    expect(upstream.status).toBe(404);
    expect(await upstream.text()).not.toMatch(/18811110000|"code"/);
    await expect(new SandboxClient(server.upstreamUrl).messages()).rejects.toThrow(/answered HTTP 404/);
  });

  it('answers bad input exactly as the stateless mock does, and changes nothing', async () => {
    const bad = { phoneNumber: '18811110000', passCode: '' };
    const headers = { 'content-type': 'application/json', 'x-authing-app-id': 'app', authorization: 'user-a' };
    const viaSandbox = await fetch(`${server.url}/api/v3/bind-phone`, { method: 'POST', headers, body: JSON.stringify(bad) });
    const viaPrism = await fetch(`${server.upstreamUrl}/api/v3/bind-phone`, { method: 'POST', headers, body: JSON.stringify(bad) });
    expect(viaSandbox.status).toBe(422);
    expect(viaSandbox.status).toBe(viaPrism.status);
    expect(await viaSandbox.json()).toEqual(await viaPrism.json());
    expect((await call(server.url, 'getProfile', {}, 'user-a')).body.data.phone).toBeNull();
  });

  it('answers a call without an access token with the documented 401', async () => {
    const answer = await call(server.url, 'bindPhone', { phoneNumber: '18811110000', passCode: '123456' });
    expect(answer.status).toBe(401);
    expect(exampleName(answer)).toBe('unauthorized');
  });

  it('serialises concurrent calls: two binds with one code, exactly one succeeds', async () => {
    const passCode = await sendCode('18811110001');
    const sameUser = await Promise.all([1, 2].map(() => call(server.url, 'bindPhone', { phoneNumber: '18811110001', passCode }, 'user-a')));
    expect(sameUser.map(exampleName).sort()).toEqual(['success', 'userAlreadyHasPhone']);

    const code = await sendCode('18811110002');
    const twoUsers = await Promise.all(['user-b', 'user-c'].map((user) => call(server.url, 'bindPhone', { phoneNumber: '18811110002', passCode: code }, user)));
    expect(twoUsers.map(exampleName).sort()).toEqual(['phoneAlreadyBound', 'success']);
  });

  it('passes a request with its own Prefer header to Prism unchanged, without touching the state', async () => {
    const response = await fetch(`${server.url}/api/v3/send-sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-app-id': 'app', prefer: 'code=429' },
      body: JSON.stringify({ phoneNumber: '18811110003', channel: BIND }),
    });
    expect(response.status).toBe(429);
    expect(await server.sandbox.messages()).toEqual([]);
  });

  it('proxies everything else to Prism: CORS preflights and unknown paths', async () => {
    const preflight = await fetch(`${server.url}/api/v3/bind-phone`, { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.example');
    const unknown = await fetch(`${server.url}/api/v3/nothing-here`);
    const direct = await fetch(`${server.upstreamUrl}/api/v3/nothing-here`);
    expect(unknown.status).toBe(direct.status);
    expect(await unknown.json()).toEqual(await direct.json());
  });

  it('refuses bad sandbox route input with a clear message', async () => {
    const clock = await fetch(`${server.url}/__sandbox/advance-clock`, { method: 'POST', body: '{"ms":-5}' });
    expect(clock.status).toBe(400);
    expect((await clock.json()).message).toMatch(/non-negative number/);
    await expect(server.sandbox.latestCode('18800009999', BIND)).rejects.toThrow(/HTTP 404: no SMS was sent to 18800009999 with CHANNEL_BIND_PHONE/);
    const unknown = await fetch(`${server.url}/__sandbox/nope`);
    expect(unknown.status).toBe(404);
  });
});

describe('startSandbox', () => {
  const specWith = (mutate: (spec: any) => void) => {
    const spec = parse(readFileSync(SANDBOX_SPEC, 'utf8'));
    mutate(spec);
    const path = join(temp, `spec-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, stringify(spec));
    return path;
  };

  it('refuses a spec that lacks a documented answer the rules need, naming it', async () => {
    const specPath = specWith((spec) => delete spec.paths['/api/v3/unbind-phone'].post.responses['200'].content['application/json'].examples.noPhoneBound);
    await expect(startSandbox({ specPath })).rejects.toThrow(/unbindPhone: no 200 response with an example named "noPhoneBound"/);
  });

  it('refuses a spec with a path under the reserved /__sandbox/ prefix', async () => {
    const specPath = specWith((spec) => (spec.paths['/__sandbox/messages'] = spec.paths['/api/v3/get-profile']));
    await expect(startSandbox({ specPath })).rejects.toThrow(/reserved prefix \/__sandbox\/: \/__sandbox\/messages/);
  });

  it.each([
    [{ host: '0.0.0.0' }, /^startSandbox: host "0\.0\.0\.0" is not a loopback address/],
    [{ specPath: '/nonexistent/openapi.yaml' }, /^startSandbox: no OpenAPI spec at \/nonexistent\/openapi\.yaml\.$/],
  ])('refuses %o before anything listens, with a clear error', async (options, message) => {
    await expect(startSandbox(options)).rejects.toThrow(message);
  });

  it('refuses a port another process holds', async () => {
    const holder = createServer(() => {});
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startSandbox({ specPath: SANDBOX_SPEC, port })).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe('the rules keep memory bounded', () => {
  it('drops the oldest messages and users beyond the caps, and expired codes and rate-limit marks', () => {
    const rules = new SandboxRules({ maxUsers: 3, maxMessages: 5 });
    for (let i = 0; i < 20; i++) {
      rules.sendSms({ phoneNumber: `188000000${String(i).padStart(2, '0')}`, channel: BIND });
      rules.getProfile(`user-${i}`);
    }
    expect(rules.size()).toMatchObject({ users: 3, messages: 5, codes: 5, rateLimits: 5 });
    expect(rules.messages().map((message) => message.phoneNumber)).toEqual(['18800000015', '18800000016', '18800000017', '18800000018', '18800000019']);
    rules.advanceClock(5 * 60_000);
    expect(rules.size()).toMatchObject({ codes: 0, rateLimits: 0, messages: 5 });
  });

  it('a dropped user frees the phone number they held', () => {
    const rules = new SandboxRules({ maxUsers: 1 });
    rules.sendSms({ phoneNumber: '18800000001', channel: BIND });
    expect(rules.bindPhone('user-a', { phoneNumber: '18800000001', passCode: rules.latestMessage('18800000001', BIND)!.code }).example).toBe('success');
    rules.getProfile('user-b'); // user-a is dropped
    rules.advanceClock(60_000);
    rules.sendSms({ phoneNumber: '18800000001', channel: BIND });
    expect(rules.bindPhone('user-b', { phoneNumber: '18800000001', passCode: rules.latestMessage('18800000001', BIND)!.code }).example).toBe('success');
  });

  it('refuses options that are not positive numbers', () => {
    expect(() => new SandboxRules({ codeTtlMs: 0 })).toThrow(/codeTtlMs must be a positive number, got 0/);
  });
});
