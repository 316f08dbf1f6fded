import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server saw of one request: enough to prove what the client sent (and did not send). */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Behaviour = (request: SeenRequest, response: ServerResponse, attempt: number) => void;

/**
 * A local HTTP server that misbehaves on purpose, one behaviour per path, counting every request.
 * Listens on 127.0.0.1 only; `close()` destroys open sockets so a hung case cannot keep it alive.
 */
export class FaultServer {
  readonly seen: SeenRequest[] = [];
  #server: Server;
  #sockets = new Set<Socket>();
  #behaviours = new Map<string, Behaviour>();

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const seen: SeenRequest = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() };
        this.seen.push(seen);
        const behaviour = this.#behaviours.get(seen.path.split('/')[1] ?? '');
        const attempt = this.seen.filter((s) => s.path === seen.path).length;
        if (behaviour) behaviour(seen, response, attempt);
        else response.writeHead(404).end();
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Routes `/<caseName>/...` to `behaviour`: each case uses `<url>/<caseName>` as its appHost, so counts stay apart. */
  on(caseName: string, behaviour: Behaviour): void {
    this.#behaviours.set(caseName, behaviour);
  }

  requestsFor(caseName: string): SeenRequest[] {
    return this.seen.filter((request) => request.path.startsWith(`/${caseName}/`));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

export const html = (response: ServerResponse, status: number) =>
  response.writeHead(status, { 'content-type': 'text/html' }).end(`<html><body><h1>${status} Bad Gateway</h1></body></html>`);
