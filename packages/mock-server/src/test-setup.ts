import { startMockServer, type MockServerOptions } from './mock-server.js';
import { SandboxClient } from './sandbox/sandbox-client.js';
import { startSandbox, type SandboxOptions } from './sandbox/sandbox-server.js';

export interface TestMock {
  url: string;
  /** Stops the mock if this helper started it; a reused mock is left running. */
  stop(): Promise<void>;
}

export interface TestSandbox extends TestMock {
  /** The inbox, the clock and reset of the stateful sandbox. */
  sandbox: SandboxClient;
}

async function answers(url: string, what: string): Promise<void> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    if (what === 'sandbox' && !response.ok) throw new Error(`HTTP ${response.status}: it is not a stateful sandbox`);
  } catch (error) {
    const start = what === 'sandbox' ? '`npx @genauth/mock-server --stateful`' : '`npx @genauth/mock-server`';
    throw new Error(`TEST_API_BASE_URL=${process.env.TEST_API_BASE_URL} does not answer as a ${what} (${(error as Error).message}); start one with ${start} or unset it.`);
  }
}

/**
 * The one way every package's contract tests get a mock: reuse the one at `TEST_API_BASE_URL` when it
 * is set (it must answer), otherwise start Prism on a free loopback port. With `stateful: true`, the
 * stateful sandbox (single-use codes, SMS rate limit, inbox, clock) instead of the stateless mock.
 */
export async function mockServerForTests(options: SandboxOptions & { stateful: true }): Promise<TestSandbox>;
export async function mockServerForTests(options?: MockServerOptions & { stateful?: false }): Promise<TestMock>;
export async function mockServerForTests(options: (MockServerOptions & { stateful?: boolean }) | (SandboxOptions & { stateful: true }) = {}): Promise<TestMock | TestSandbox> {
  const { stateful, ...rest } = options;
  const reuse = process.env.TEST_API_BASE_URL;
  if (reuse) {
    const url = reuse.replace(/\/+$/, '');
    if (stateful) {
      await answers(`${url}/__sandbox/messages`, 'sandbox');
      return { url, stop: async () => {}, sandbox: new SandboxClient(url) };
    }
    await answers(`${url}/__genauth_mock_ready`, 'mock');
    return { url, stop: async () => {} };
  }
  if (stateful) {
    const server = await startSandbox(rest as SandboxOptions);
    return { url: server.url, stop: server.stop, sandbox: server.sandbox };
  }
  const server = await startMockServer(rest as MockServerOptions);
  return { url: server.url, stop: server.stop };
}
