import { parseArgs } from 'node:util';
import { startMockServer } from './mock-server.js';
import { onParentGone } from './parent-watch.js';

const usage = `Usage: genauth-mock [--port <n>] [--host <loopback address>] [--spec <openapi.yaml>] [--dynamic] [--no-errors] [--verbose]

Serves the GenAuth Authentication API spec with Prism on a loopback port until Ctrl-C.`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        spec: { type: 'string' },
        dynamic: { type: 'boolean', default: false },
        'no-errors': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`genauth-mock: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`genauth-mock: --port ${values.port} is not a TCP port number.\n${usage}`);
    process.exit(2);
  }
  const server = await startMockServer({
    port,
    host: values.host,
    specPath: values.spec,
    dynamic: values.dynamic,
    errors: !values['no-errors'],
    log: values.verbose ? (line) => console.error(line) : undefined,
  });
  console.log(`GenAuth mock listening on ${server.url} (spec: ${server.specPath})`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.once('SIGHUP', shutdown);
  // npx runs this CLI under a shell that does not pass every signal on: stop as soon as the process
  // that started us has gone, however it went.
  onParentGone(() => void shutdown());
}

main().catch((error: Error) => {
  console.error(`genauth-mock: ${error.message}`);
  process.exit(1);
});
