/**
 * A static file server for a built site (the docs site; the runtime matrix serves the Vite example with it), bound to 127.0.0.1 only (`vitepress preview` listens on
 * every interface). Serves `<path>`, `<path>.html` (clean URLs) and `<path>/index.html`; anything
 * else is the site's 404 page with status 404. Never serves a file outside `root`.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = normalize(join(root, decoded));
  if (base !== root && !base.startsWith(root + sep)) return undefined;
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Starts serving `root` on 127.0.0.1 (`port` 0: a free one). Resolves with its URL and a stop function. */
export function serveStatic(root, { port = 0 } = {}) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolveFile(root, path);
    const status = file ? 200 : 404;
    const served = file ?? join(root, '404.html');
    response.writeHead(status, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' });
    if (request.method === 'HEAD' || !existsSync(served)) return response.end();
    createReadStream(served).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://127.0.0.1:${bound}`,
        stop: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
