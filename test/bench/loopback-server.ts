/**
 * The loopback server of the benchmark, run in its own process (forked by overhead.ts) so the client
 * under test has the event loop to itself. Keep-alive; answers POST /api/v3/send-sms with the envelope
 * and GET /api/v3/get-profile (with exactly the benchmark's query string) with the profile envelope.
 */
import { createServer } from 'node:http';
import { ENVELOPE_TEXT, OPERATION_PATH, PROFILE_ENVELOPE_TEXT, PROFILE_PATH, PROFILE_QUERY_STRING } from './common.ts';

const sendSmsBody = Buffer.from(ENVELOPE_TEXT);
const profileBody = Buffer.from(PROFILE_ENVELOPE_TEXT);
const profileTarget = `${PROFILE_PATH}?${PROFILE_QUERY_STRING}`;
const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on('end', () => {
    const body =
      !request.headers['x-authing-app-id'] || request.headers.authorization === undefined
        ? undefined
        : request.method === 'POST' && request.url === OPERATION_PATH
          ? sendSmsBody
          : request.method === 'GET' && request.url === profileTarget
            ? profileBody
            : undefined;
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${request.method} ${request.url}`);
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
