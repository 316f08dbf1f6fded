import { startMockServer, type MockServerOptions } from './mock-server.js';
import { SandboxClient } from './sandbox/sandbox-client.js';
import { SANDBOX_PREFIX, startSandbox, type SandboxOptions } from './sandbox/sandbox-server.js';

export interface TestMock {
  url: string;
  /** Stops the mock if this helper started it; a reused mock is left running. */
  stop(): Promise<void>;
}

export interface TestSandbox extends TestMock {
  /** The inbox, the clock and reset of the stateful sandbox. */
  sandbox: SandboxClient;
}

/**
 * Throws, naming the variable and how to start the right server, unless `probe` (a path on it) answers:
 * any HTTP answer for the mock (Prism has no route of its own to ask), an OK one for the sandbox's inbox.
 */
async function assertAnswers(variable: 'TEST_API_BASE_URL' | 'TEST_SANDBOX_URL', url: string, probe: string): Promise<void> {
  const what = variable === 'TEST_SANDBOX_URL' ? 'stateful sandbox' : 'mock';
  try {
    const response = await fetch(`${url}${probe}`, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    if (variable === 'TEST_SANDBOX_URL' && !response.ok) throw new Error(`HTTP ${response.status} from ${probe}: it is not a stateful sandbox`);
  } catch (error) {
    const start = variable === 'TEST_SANDBOX_URL' ? '`npx @genauth/mock-server --stateful`' : '`npx @genauth/mock-server`';
    throw new Error(`${variable}=${url} does not answer as a ${what} (${(error as Error).message}); start one with ${start} or unset it.`);
  }
}

/**
 * The one way every package's contract tests get a mock: reuse the one at `TEST_API_BASE_URL` when it
 * is set (it must answer), otherwise start Prism on a free loopback port. With `stateful: true`, the
 * stateful sandbox (single-use codes, SMS rate limit, inbox, clock) instead of the stateless mock: the
 * one at `TEST_SANDBOX_URL` when set, otherwise a new one (a stateless mock cannot stand in for it).
 */
export async function mockServerForTests(options: SandboxOptions & { stateful: true }): Promise<TestSandbox>;
export async function mockServerForTests(options?: MockServerOptions & { stateful?: false }): Promise<TestMock>;
export async function mockServerForTests(options: (MockServerOptions & { stateful?: boolean }) | (SandboxOptions & { stateful: true }) = {}): Promise<TestMock | TestSandbox> {
  const { stateful, ...rest } = options;
  if (stateful) {
    const reuse = process.env.TEST_SANDBOX_URL;
    if (reuse) {
      const url = reuse.replace(/\/+$/, '');
      await assertAnswers('TEST_SANDBOX_URL', url, `${SANDBOX_PREFIX}messages`);
      return { url, stop: async () => {}, sandbox: new SandboxClient(url) };
    }
    const server = await startSandbox(rest as SandboxOptions);
    return { url: server.url, stop: server.stop, sandbox: server.sandbox };
  }
  const reuse = process.env.TEST_API_BASE_URL;
  if (reuse) {
    const url = reuse.replace(/\/+$/, '');
    await assertAnswers('TEST_API_BASE_URL', url, '/__genauth_mock_ready');
    return { url, stop: async () => {} };
  }
  const server = await startMockServer(rest as MockServerOptions);
  return { url: server.url, stop: server.stop };
}
