export { freePort, PortInUseError, SPEC_PATH, startMockServer, type MockServer, type MockServerOptions } from './mock-server.js';
export { mockServerForTests, type TestMock } from './test-setup.js';
