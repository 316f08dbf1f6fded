export { freePort, PortInUseError, SPEC_PATH, startMockServer, type MockServer, type MockServerOptions } from './mock-server.js';
export { mockServerForTests, type TestMock, type TestSandbox } from './test-setup.js';
export { SANDBOX_PREFIX, startSandbox, type SandboxOptions, type SandboxServer } from './sandbox/sandbox-server.js';
export { SandboxClient, type SandboxMessage } from './sandbox/sandbox-client.js';
