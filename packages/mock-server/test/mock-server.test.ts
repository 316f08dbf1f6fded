import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { freePort, mockServerForTests, PortInUseError, SandboxClient, SPEC_PATH, startMockServer, type MockServer } from '@genauth/mock-server';

const started: MockServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
  delete process.env.TEST_API_BASE_URL;
  delete process.env.TEST_SANDBOX_URL;
});

const BIN = new URL('../bin/genauth-mock.mjs', import.meta.url).pathname;

/** Starts the CLI with `args` and waits for its "listening on" line; rejects with its output if it exits first. */
async function startCli(args: string[]): Promise<{ cli: ChildProcessWithoutNullStreams; output: string }> {
  const cli = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      cli.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('listening on')) resolve();
      });
      cli.stderr.on('data', (chunk) => (output += chunk));
      cli.once('exit', (code) => reject(new Error(`genauth-mock ${args.join(' ')} exited ${code}: ${output}`)));
    });
  } catch (error) {
    cli.kill('SIGKILL');
    throw error;
  }
  return { cli, output };
}

/** Sends SIGTERM (again, if a test already did) and waits for the CLI to exit; returns its exit code. */
async function stopCli(cli: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (cli.exitCode === null && cli.signalCode === null) {
    cli.kill('SIGTERM');
    await new Promise((resolve) => cli.once('exit', resolve));
  }
  return cli.exitCode;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function prismPids(port: number): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('prism') && line.includes(`--port ${port}`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const bindPhone = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/v3/bind-phone`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': 'app', authorization: 'token', ...headers },
    body: JSON.stringify({ passCode: '123456', phoneNumber: '188xxxx8888' }),
  });

describe('startMockServer', () => {
  it('ships the same spec the client is generated from', () => {
    const shipped = readFileSync(SPEC_PATH, 'utf8');
    expect(shipped).toContain(readFileSync(new URL('../../../openapi/openapi.yaml', import.meta.url), 'utf8'));
  });

  it('serves the spec on a free loopback port and stops without leaving a process', async () => {
    const server = await startMockServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await bindPhone(server.url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ statusCode: 200 });
    const pids = await prismPids(server.port);
    expect(pids.length).toBeGreaterThan(0);
    await server.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    await expect(fetch(server.url)).rejects.toThrow();
    await server.stop(); // a second stop is harmless
  });

  it('answers with 500 when a documented example violates its schema (--errors)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genauth-mock-'));
    const specPath = join(dir, 'broken.yaml');
    writeFileSync(specPath, readFileSync(SPEC_PATH, 'utf8').replace('message: Operation successful', 'message: 42'));
    const server = await startMockServer({ specPath });
    started.push(server);
    const response = await bindPhone(server.url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('message');
  });

  it.each([
    [{ host: '0.0.0.0' }, /not a loopback address/],
    [{ specPath: '/nonexistent/openapi.yaml' }, /no OpenAPI spec at \/nonexistent\/openapi.yaml/],
    [{ port: 70000 }, /port 70000 is not a TCP port/],
  ])('refuses %o with a clear error', async (options, message) => {
    await expect(startMockServer(options)).rejects.toThrow(message);
  });

  it('refuses a port another process holds, without starting Prism', async () => {
    const holder = createServer(() => {});
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const prismLines: string[] = [];
      const failure = await startMockServer({ port, log: (line) => prismLines.push(line) }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PortInUseError);
      // Prism was never spawned: it would have printed its start-up (and EADDRINUSE) lines.
      expect(prismLines).toEqual([]);
      expect(failure).toMatchObject({ port, host: '127.0.0.1', message: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`) });
      expect(await prismPids(port)).toEqual([]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('reports Prism\'s own output when it cannot start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genauth-mock-'));
    const specPath = join(dir, 'not-openapi.yaml');
    writeFileSync(specPath, 'hello: world\n');
    await expect(startMockServer({ specPath, readyTimeoutMs: 20_000 })).rejects.toThrow(/Prism (exited|did not answer)/);
  });
});

describe('mockServerForTests', () => {
  it('reuses the mock at TEST_API_BASE_URL instead of starting one', async () => {
    const server = await startMockServer();
    started.push(server);
    process.env.TEST_API_BASE_URL = `${server.url}/`;
    const mock = await mockServerForTests();
    expect(mock.url).toBe(server.url);
    await mock.stop();
    expect((await bindPhone(server.url)).status).toBe(200); // still running: not ours to stop
  });

  it('fails clearly when TEST_API_BASE_URL does not answer', async () => {
    process.env.TEST_API_BASE_URL = `http://127.0.0.1:${await freePort()}`;
    await expect(mockServerForTests()).rejects.toThrow(/TEST_API_BASE_URL=.* does not answer/);
  });

  it('with stateful: true, reuses the sandbox at TEST_SANDBOX_URL, never the stateless mock at TEST_API_BASE_URL', async () => {
    const mock = await startMockServer();
    started.push(mock);
    process.env.TEST_API_BASE_URL = mock.url;
    const own = await mockServerForTests({ stateful: true });
    try {
      expect(own.url).not.toBe(mock.url);
      expect(await own.sandbox.messages()).toEqual([]);
      process.env.TEST_SANDBOX_URL = `${own.url}/`;
      const reused = await mockServerForTests({ stateful: true });
      expect(reused.url).toBe(own.url);
      await reused.stop();
      expect(await own.sandbox.messages()).toEqual([]); // still running: not the reuser's to stop
    } finally {
      await own.stop();
    }
  });

  it('fails clearly when TEST_SANDBOX_URL is not a stateful sandbox', async () => {
    const mock = await startMockServer();
    started.push(mock);
    process.env.TEST_SANDBOX_URL = mock.url;
    await expect(mockServerForTests({ stateful: true })).rejects.toThrow(/TEST_SANDBOX_URL=.* does not answer as a stateful sandbox \(HTTP 404 .*it is not a stateful sandbox\); start one with `npx @genauth\/mock-server --stateful`/);
  });
});

describe('genauth-mock CLI', () => {
  it('serves until SIGTERM, then exits 0 and takes Prism with it', async () => {
    const port = await freePort();
    const { cli, output } = await startCli(['--port', String(port)]);
    try {
      expect(output).toContain(`GenAuth mock listening on http://127.0.0.1:${port}`);
      expect((await bindPhone(`http://127.0.0.1:${port}`)).status).toBe(200);
      const pids = await prismPids(port);
      expect(await stopCli(cli)).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
    } finally {
      await stopCli(cli);
    }
  });

  it('--stateful serves the sandbox: codes reach its inbox, a second SMS within the minute is refused, --code-ttl sets the expiry', async () => {
    const port = await freePort();
    const { cli, output } = await startCli(['--stateful', '--code-ttl', '120', '--port', String(port)]);
    try {
      expect(output).toContain(`GenAuth stateful sandbox listening on http://127.0.0.1:${port}`);
      const url = `http://127.0.0.1:${port}`;
      const headers = { 'content-type': 'application/json', 'x-authing-app-id': 'app', authorization: 'cli-test-token' };
      const phone = { phoneNumber: '18812345678', phoneCountryCode: '+86' };
      const sendSms = () => fetch(`${url}/api/v3/send-sms`, { method: 'POST', headers, body: JSON.stringify({ ...phone, channel: 'CHANNEL_BIND_PHONE' }) });
      const bindPhone = async (passCode: string) =>
        (await (await fetch(`${url}/api/v3/bind-phone`, { method: 'POST', headers, body: JSON.stringify({ ...phone, passCode }) })).json()) as { statusCode: number };
      expect((await sendSms()).status).toBe(200);
      expect((await sendSms()).status).toBe(429);
      const sandbox = new SandboxClient(url);
      const [message] = await sandbox.messages();
      expect(message).toMatchObject({ ...phone, channel: 'CHANNEL_BIND_PHONE', code: expect.stringMatching(/^\d{6}$/) });
      // 121 s later the code has expired under --code-ttl 120 (the default, 300 s, would still take it).
      await sandbox.advanceClock(121_000);
      expect((await bindPhone(message!.code)).statusCode).not.toBe(200);
      expect((await sendSms()).status).toBe(200);
      const [, fresh] = await sandbox.messages();
      expect((await bindPhone(fresh!.code)).statusCode).toBe(200);
    } finally {
      expect(await stopCli(cli)).toBe(0);
    }
  });

  it('refuses --code-ttl without --stateful', async () => {
    const cli = spawn(process.execPath, [BIN, '--code-ttl', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--code-ttl needs --stateful');
  });

  it('refuses a bad --port with usage', async () => {
    const cli = spawn(process.execPath, [BIN, '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port abc is not a TCP port number');
  });
});
