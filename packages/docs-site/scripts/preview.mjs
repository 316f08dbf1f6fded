/** `pnpm docs:preview [--port 4173]`: serves the built site (`pnpm docs:build`) on 127.0.0.1 until Ctrl-C. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultOutDir } from './paths.mjs';
import { serveStatic } from './static-server.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4173' }, dir: { type: 'string', default: defaultOutDir } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`docs:preview: --port must be a port number (0-65535), got "${values.port}".`);
  process.exit(1);
}
if (!existsSync(join(values.dir, 'index.html'))) {
  console.error(`docs:preview: no built site in ${values.dir}; run \`pnpm docs:build\` first.`);
  process.exit(1);
}
const { url } = await serveStatic(values.dir, { port });
console.log(`docs:preview: serving ${values.dir} at ${url}/ (Ctrl-C to stop)`);
