/**
 * The loopback server of the benchmark, run in its own process (forked by overhead.ts) so the client
 * under test has the event loop to itself. Keep-alive; answers POST /api/v3/send-sms with the envelope.
 */
import { createServer } from 'node:http';
import { ENVELOPE_TEXT, OPERATION_PATH } from './common.ts';

const body = Buffer.from(ENVELOPE_TEXT);
const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== OPERATION_PATH || !request.headers['x-authing-app-id']) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  process.send?.({ port: address.port });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.on('SIGTERM', () => process.exit(0));
