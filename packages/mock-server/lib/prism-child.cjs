'use strict';
// The process startMockServer spawns: Prism's own CLI, run in this process, plus two guarantees.
// 1. It ends when the process that started it goes away, even if that one was killed with SIGKILL
//    (its parent changes then), so no Prism is ever left serving a port on its own.
// 2. Its answer to GET /__genauth_mock_ready carries the instance token it was given
//    (GENAUTH_MOCK_INSTANCE), so the starter can tell its own Prism from anything else on the port.
// Usage: node prism-child.cjs <path of prism-cli's bin> <prism arguments…>
const http = require('node:http');

const [prismBin, ...prismArgs] = process.argv.slice(2);
if (!prismBin) {
  console.error('prism-child: missing the path of the Prism CLI');
  process.exit(2);
}

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 250).unref();

const instance = process.env.GENAUTH_MOCK_INSTANCE;
delete process.env.GENAUTH_MOCK_INSTANCE;
if (instance) {
  const createServer = http.createServer;
  http.createServer = function createMarkedServer(...args) {
    const server = createServer.apply(this, args);
    server.prependListener('request', (request, response) => {
      if (request.url === '/__genauth_mock_ready') response.setHeader('x-genauth-mock-instance', instance);
    });
    return server;
  };
}

process.argv = [process.argv[0], prismBin, ...prismArgs];
require(prismBin);
