import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationClient, GenAuthResponseError, type Middleware } from '@genauth/client';

const TOTAL = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Streams a 200 MB chunked answer (no Content-Length), honouring backpressure, and records how much it wrote. */
class FloodServer {
  written = 0;
  closed: Promise<void> = Promise.resolve();
  #server: Server = createServer((_request, response) => {
    this.written = 0;
    this.closed = new Promise((resolve) => response.on('close', () => resolve()));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"statusCode":200,"message":"');
    const pump = () => {
      while (this.written < TOTAL && !response.destroyed) {
        this.written += CHUNK.length;
        if (!response.write(CHUNK)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end('"}');
    };
    pump();
  });
  #sockets = new Set<Socket>();

  async listen(): Promise<string> {
    this.#server.on('connection', (socket) => (this.#sockets.add(socket), socket.on('close', () => this.#sockets.delete(socket))));
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

const server = new FloodServer();
let base = '';
beforeAll(async () => void (base = await server.listen()));
afterAll(() => server.close());

describe('a 200 MB answer', () => {
  it.each([
    ['plain fetch', undefined],
    ['through middleware', [{ onResponse: () => undefined } satisfies Middleware]],
  ])('is refused while streaming (%s): reading stops at maxResponseBytes and the connection is closed', async (_name, middleware) => {
    const client = new AuthenticationClient({ appId: 'a', appHost: base, maxRetries: 0, timeout: 20_000, middleware });
    const error = await client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' }, { maxResponseBytes: 256 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthResponseError);
    expect(error).toMatchObject({ httpStatus: 200, operationId: 'sendSms' });
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(262144 bytes\); reading stopped there\. The server may have processed the request/);
    // The client hung up: the server's response closed long before the 200 MB were written.
    await server.closed;
    expect(server.written).toBeLessThan(TOTAL / 4);
  });
});
