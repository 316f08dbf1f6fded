import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The spec this package ships: the same file `@genauth/client` is generated from. */
export const SPEC_PATH: string = fileURLToPath(new URL('../generated/openapi.yaml', import.meta.url));

/** Runs Prism's CLI and ends with its parent; see the file's header. */
const PRISM_CHILD: string = fileURLToPath(new URL('../lib/prism-child.cjs', import.meta.url));

export interface MockServerOptions {
  /** OpenAPI document to serve; defaults to the GenAuth spec shipped in this package. */
  specPath?: string;
  /** Loopback address to listen on. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Answer 500 when a documented example violates its own schema (Prism `--errors`). Default true. */
  errors?: boolean;
  /** Generate random responses from the schemas instead of the documented examples (Prism `-d`). */
  dynamic?: boolean;
  /** How long to wait for the first answer, in ms. Default 30000. */
  readyTimeoutMs?: number;
  /** Receives Prism's log lines; by default they are kept only for error messages. */
  log?: (line: string) => void;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly specPath: string;
  /** Stops Prism and waits until its process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|::1)$/;

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(packageJson) as { bin: { prism: string } };
  return join(dirname(packageJson), bin.prism);
}

/** A port the OS says is free right now on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Thrown when the port asked for is held by another process. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use by another process; stop it or choose another port (port 0 picks a free one).`);
    this.name = 'PortInUseError';
  }
}

/** Fails fast with PortInUseError when something already listens on `host:port` (HTTP server or bare TCP). */
function ensurePortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : new Error(`cannot listen on ${host}:${port}: ${error.message}`)));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** Whether the answer on `url` comes from the Prism child started with this `instance` token. */
async function answersAs(url: string, instance: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__genauth_mock_ready`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.headers.get('x-genauth-mock-instance') === instance;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The checks every mock start makes before anything listens: a loopback host and an existing spec. Returns both, defaults filled in. */
export function checkMockTarget(caller: string, options: { host?: string; specPath?: string }): { host: string; specPath: string } {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`${caller}: host "${host}" is not a loopback address; the mock only listens on loopback.`);
  const specPath = options.specPath ?? SPEC_PATH;
  if (!existsSync(specPath)) throw new Error(`${caller}: no OpenAPI spec at ${specPath}.`);
  return { host, specPath };
}

/**
 * Starts Prism on the spec, on a loopback port, and resolves once the port answers with this Prism
 * (a token only this child knows, while the child is alive), never just any server on the port.
 * Rejects with PortInUseError when the port is taken, and with Prism's own output when it exits or
 * does not answer in time. Prism ends with the process that started it, even on SIGKILL.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { host, specPath } = checkMockTarget('startMockServer', options);
  const port = options.port || (await freePort(host));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`startMockServer: port ${options.port} is not a TCP port.`);
  await ensurePortFree(host, port);
  const args = [PRISM_CHILD, prismBin(), 'mock', specPath, '--host', host, '--port', String(port)];
  if (options.errors ?? true) args.push('--errors');
  if (options.dynamic) args.push('--dynamic');

  const instance = randomUUID();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', GENAUTH_MOCK_INSTANCE: instance },
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.log?.(line);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    })());
  const exited = () => child.exitCode !== null || child.signalCode !== null;

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (!(await answersAs(url, instance)) || exited()) {
    if (exited()) {
      await stop();
      if (output.some((line) => line.includes('EADDRINUSE'))) throw new PortInUseError(host, port);
      throw new Error(`Prism exited (code ${child.exitCode ?? child.signalCode}) before serving ${specPath} on ${url}:\n${output.join('\n')}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prism did not answer on ${url} within ${options.readyTimeoutMs ?? 30_000} ms:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, host, specPath, stop };
}
