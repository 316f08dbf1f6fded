import { startMockServer, type MockServerOptions } from './mock-server.js';

export interface TestMock {
  url: string;
  /** Stops the mock if this helper started it; a reused mock is left running. */
  stop(): Promise<void>;
}

/**
 * The one way every package's contract tests get a mock: reuse the one at `TEST_API_BASE_URL` when it
 * is set (it must answer), otherwise start Prism on a free loopback port.
 */
export async function mockServerForTests(options: MockServerOptions = {}): Promise<TestMock> {
  const reuse = process.env.TEST_API_BASE_URL;
  if (reuse) {
    const url = reuse.replace(/\/+$/, '');
    try {
      const response = await fetch(`${url}/__genauth_mock_ready`, { signal: AbortSignal.timeout(5000) });
      await response.body?.cancel();
    } catch (error) {
      throw new Error(`TEST_API_BASE_URL=${reuse} does not answer (${(error as Error).message}); start the mock with \`npx genauth-mock\` or unset it.`);
    }
    return { url, stop: async () => {} };
  }
  const server = await startMockServer(options);
  return { url: server.url, stop: server.stop };
}
