import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@genauth/mock-server';
import { repoRoot } from '../fixture-spec.ts';
import { background, cleanEnv, run, type Background } from './processes.ts';

/**
 * The mock CLI as users start it: the packed @genauth/mock-server installed into a fresh project outside
 * the workspace, run with the command its README gives (`npx @genauth/mock-server`). It must listen only
 * when its own Prism holds the port, and leave nothing running when npx is stopped or killed.
 */
const packageDir = join(repoRoot, 'packages/mock-server');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

/** The README's command line, split into npx's arguments (`npx @genauth/mock-server --port 4010` → [...]). */
function readmeCommand(): string[] {
  const line = /^npx (@genauth\/mock-server\b[^#\n]*)/m.exec(readme);
  if (!line) throw new Error('packages/mock-server/README.md gives no `npx @genauth/mock-server` command');
  return line[1]!.trim().split(/\s+/);
}

function withPort(args: string[], port: number): string[] {
  const at = args.indexOf('--port');
  return at === -1 ? [...args, '--port', String(port)] : [...args.slice(0, at + 1), String(port), ...args.slice(at + 2)];
}

/** Live (not zombie) processes of a process group. */
function liveProcessesOfGroup(pgid: number): string[] {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && !stat!.startsWith('Z'))
    .map((fields) => fields.join(' '));
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 100 ms for at most `ms`; a bounded wait, not a timing assertion. */
async function eventually(condition: () => boolean | Promise<boolean>, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('`npx @genauth/mock-server` from the packed package, as the README says', () => {
  const work = mkdtempSync(join(tmpdir(), 'genauth-mock-cli-'));
  const consumer = join(work, 'consumer');
  const env = cleanEnv();
  const started: Background[] = [];
  const holders: Array<HttpServer | TcpServer> = [];

  beforeAll(async () => {
    if (!existsSync(join(packageDir, 'dist/cli.mjs'))) throw new Error('packages/mock-server is not built: run `pnpm build` first (`pnpm test` does).');
    await run('pnpm', ['pack', '--pack-destination', work], { cwd: packageDir, env, timeoutMs: 60_000 });
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${work}`);
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'mock-cli-consumer', private: true, version: '1.0.0' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(work, tarball)], { cwd: consumer, env, timeoutMs: 180_000 });
  }, 240_000);

  afterEach(async () => {
    await Promise.allSettled(started.splice(0).map((process) => process.stop()));
    await Promise.allSettled(holders.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Starts the README's command on `port` in its own process group and waits until it says it listens. */
  async function startFromReadme(port: number): Promise<Background> {
    const mock = background('npx', withPort(readmeCommand(), port), { cwd: consumer, env });
    started.push(mock);
    await eventually(() => mock.output().includes('GenAuth mock listening on') || mock.child.exitCode !== null, 60_000, () => `no "listening" line:\n${mock.output()}`);
    expect(mock.output()).toContain(`GenAuth mock listening on http://127.0.0.1:${port} (spec: ${join(consumer, 'node_modules/@genauth/mock-server/generated/openapi.yaml')})`);
    return mock;
  }

  async function expectNothingLeft(mock: Background, url?: string): Promise<void> {
    const group = mock.child.pid!;
    await eventually(() => liveProcessesOfGroup(group).length === 0, 20_000, () => `still running:\n${liveProcessesOfGroup(group).join('\n')}`);
    if (url) expect(await answers(url)).toBe(false);
  }

  it('the README gives the npx command with the package name, which works where only the package is installed', () => {
    expect(readmeCommand()[0]).toBe('@genauth/mock-server');
  });

  const stops: Array<[string, (mock: Background) => void]> = [
    // As process managers and CI tools stop a service: SIGTERM to npx alone, not to its process group.
    ['SIGTERM to npx', (mock) => mock.child.kill('SIGTERM')],
    // As Ctrl-C in a terminal does: SIGINT to the whole foreground process group.
    ['Ctrl-C (SIGINT to the process group)', (mock) => process.kill(-mock.child.pid!, 'SIGINT')],
  ];
  it.each(stops)('serves the spec, and %s leaves no process serving the port', async (_how, stop) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const mock = await startFromReadme(port);
    const response = await fetch(`${url}/api/v3/send-sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-app-id': 'app' },
      body: JSON.stringify({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' }),
    });
    expect(await response.json()).toMatchObject({ statusCode: 200, message: 'SMS sent' });

    stop(mock);
    await expectNothingLeft(mock, url);
  });

  it('stops itself and Prism when npx is killed outright (its parent goes away)', async () => {
    const port = await freePort();
    const mock = await startFromReadme(port);
    mock.child.kill('SIGKILL');
    await expectNothingLeft(mock, `http://127.0.0.1:${port}`);
  });

  it('Prism stops by itself when the CLI that started it is killed outright', async () => {
    const port = await freePort();
    const mock = await startFromReadme(port);
    const cli = liveProcessesOfGroup(mock.child.pid!).find((line) => /node_modules\/\.bin\/genauth-mock/.test(line));
    if (!cli) throw new Error(`no genauth-mock process in ${liveProcessesOfGroup(mock.child.pid!).join('\n')}`);
    process.kill(Number(cli.split(' ')[0]), 'SIGKILL');
    const prism = () => liveProcessesOfGroup(mock.child.pid!).filter((line) => line.includes('prism'));
    await eventually(() => prism().length === 0, 20_000, () => `Prism still running:\n${prism().join('\n')}`);
    expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
  });

  const busyPorts: Array<[string, () => HttpServer | TcpServer]> = [
    ['another HTTP server', () => createHttpServer((_request, response) => response.end('someone else'))],
    ['a bare TCP listener', () => createTcpServer(() => {})],
  ];
  it.each(busyPorts)('refuses a port held by %s: an error naming the port, a non-zero exit, no "listening"', async (_what, create) => {
    const port = await freePort();
    const holder = create();
    holders.push(holder);
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));

    const mock = background('npx', withPort(readmeCommand(), port), { cwd: consumer, env });
    started.push(mock);
    const code = await new Promise<number | null>((resolve) => mock.child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(mock.output()).not.toContain('listening');
    expect(mock.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    await expectNothingLeft(mock);
  });
});
