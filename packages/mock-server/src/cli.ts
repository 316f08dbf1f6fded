import { parseArgs } from 'node:util';
import { startMockServer } from './mock-server.js';
import { startSandbox } from './sandbox/sandbox-server.js';
import { onParentGone } from './parent-watch.js';

const usage = `Usage: genauth-mock [--port <n>] [--host <loopback address>] [--spec <openapi.yaml>] [--dynamic] [--no-errors] [--verbose]
                    [--stateful [--code-ttl <seconds>]]

Serves the GenAuth Authentication API spec with Prism on a loopback port until Ctrl-C.
--stateful: the sandbox for the phone-number flows (single-use SMS codes that expire after --code-ttl
seconds, default 300; one SMS per number and channel per minute; an inbox and a clock under /__sandbox/).`;

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
        stateful: { type: 'boolean', default: false },
        'code-ttl': { type: 'string' },
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
  const codeTtl = values['code-ttl'] === undefined ? undefined : Number(values['code-ttl']);
  if (codeTtl !== undefined && (!values.stateful || !Number.isFinite(codeTtl) || codeTtl <= 0)) {
    console.error(`genauth-mock: --code-ttl needs --stateful and a positive number of seconds, got ${values['code-ttl']}.\n${usage}`);
    process.exit(2);
  }
  if (values.stateful && values.dynamic) {
    console.error(`genauth-mock: --stateful answers with the spec's examples; it cannot be combined with --dynamic.\n${usage}`);
    process.exit(2);
  }
  const common = {
    port,
    host: values.host,
    specPath: values.spec,
    errors: !values['no-errors'],
    log: values.verbose ? (line: string) => console.error(line) : undefined,
  };
  const server = values.stateful
    ? await startSandbox({ ...common, codeTtlMs: codeTtl === undefined ? undefined : codeTtl * 1000 })
    : await startMockServer({ ...common, dynamic: values.dynamic });
  const mode = values.stateful ? 'stateful sandbox' : 'mock';
  console.log(`GenAuth ${mode} listening on ${server.url} (spec: ${server.specPath})`);
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
