import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { checkMockTarget, PortInUseError, startMockServer, type MockServer, type MockServerOptions } from '../mock-server.js';
import { SandboxClient } from './sandbox-client.js';
import { SandboxRules, STATEFUL_OPERATIONS, type Outcome, type SandboxRulesOptions, type StatefulOperation } from './rules.js';
import { SpecAnswers } from './spec-answers.js';

export type SandboxOptions = Omit<MockServerOptions, 'dynamic'> & SandboxRulesOptions;

export interface SandboxServer extends MockServer {
  /** The typed helper for the inbox, the clock and reset. */
  readonly sandbox: SandboxClient;
  /** The Prism behind the sandbox (internal; it does not answer `/__sandbox/`). */
  readonly upstreamUrl: string;
}

/** Reserved for the sandbox's own routes; no spec path may start with it. */
export const SANDBOX_PREFIX = '/__sandbox/';
const MAX_BODY_BYTES = 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'te', 'trailer']);

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function forwardHeaders(headers: IncomingHttpHeaders, extra: Record<string, string> = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'host') out[name] = value;
  return { ...out, ...extra };
}

/** Sends one request to Prism and reads its whole answer. */
function ask(upstream: URL, method: string, path: string, headers: Record<string, string | string[]>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method, path, headers: { ...headers, 'content-length': String(body.length) }, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const answerHeaders: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) answerHeaders[name] = value;
          resolve({ status: response.statusCode ?? 502, headers: answerHeaders, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('Prism did not answer within 30 s')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
  response.end(answer.body);
}

function json(status: number, body: unknown): Answer {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

const queryFlag = (params: URLSearchParams, name: string) => params.get(name) === 'true';

/**
 * Starts the stateful sandbox: Prism on a free loopback port behind a small node:http server on
 * `host:port` that keeps per-user state for the phone-number operations (see `rules.ts`). A request to one
 * of those operations is first sent to Prism with `Prefer: example=success`, so bad input gets exactly the
 * stateless mock's 4xx/422; a valid one is then answered by the rules with the spec's documented example
 * for its case. A request with its own `Prefer` header, and every other request, goes to Prism unchanged.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  // Before anything listens or reads: a loopback host and a spec that exists.
  const { host, specPath } = checkMockTarget('startSandbox', options);
  const answers = SpecAnswers.load(specPath);
  const reserved = answers.paths().filter((path) => path.startsWith(SANDBOX_PREFIX.slice(0, -1)));
  if (reserved.length > 0) throw new Error(`startSandbox: the spec uses the sandbox's reserved prefix ${SANDBOX_PREFIX}: ${reserved.join(', ')}`);
  const missing = answers.missing();
  if (missing.length > 0) throw new Error(`startSandbox: ${specPath} lacks documented answers the sandbox needs:\n  ${missing.join('\n  ')}`);
  const rules = new SandboxRules(options);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`startSandbox: port ${options.port} is not a TCP port.`);

  // The sandbox's own port is taken first, so a busy port fails at once, before Prism starts.
  let upstream: URL | undefined;

  function decide(operation: StatefulOperation, token: string, body: any, query: URLSearchParams): Outcome {
    switch (operation) {
      case 'sendSms':
        return rules.sendSms(body);
      case 'bindPhone':
        return rules.bindPhone(token, body);
      case 'unbindPhone':
        return rules.unbindPhone(token, body);
      case 'verifyUpdatePhoneRequest':
        return rules.verifyUpdatePhoneRequest(token, body);
      case 'updatePhone':
        return rules.updatePhone(token, body);
      case 'getProfile':
        return rules.getProfile(token, { withCustomData: queryFlag(query, 'withCustomData'), withIdentities: queryFlag(query, 'withIdentities'), withDepartmentIds: queryFlag(query, 'withDepartmentIds') });
    }
  }

  function documented(outcome: Outcome, validated: Answer): Answer {
    const { status, headers, body } = answers.answer(outcome.operation, outcome.status, outcome.example);
    if (outcome.data) body.data = { ...((body.data as object | undefined) ?? {}), ...outcome.data };
    if (outcome.retryAfterSeconds !== undefined) headers['retry-after'] = String(outcome.retryAfterSeconds);
    // Keep what Prism adds to every answer (CORS), so a browser sees the same headers as from the stateless mock.
    const cors = Object.fromEntries(Object.entries(validated.headers).filter(([name]) => name.startsWith('access-control-')));
    return { status, headers: { ...cors, ...headers }, body: Buffer.from(JSON.stringify(body)) };
  }

  function sandboxRoute(method: string, url: URL, body: Buffer): Answer {
    const route = `${method} ${url.pathname.slice(SANDBOX_PREFIX.length - 1)}`;
    const params = url.searchParams;
    switch (route) {
      case 'GET /messages':
        return json(200, { messages: rules.messages() });
      case 'GET /latest-code': {
        const phoneNumber = params.get('phoneNumber');
        const channel = params.get('channel');
        if (!phoneNumber || !channel) return json(400, { message: 'latest-code needs the query parameters phoneNumber and channel' });
        const message = rules.latestMessage(phoneNumber, channel, params.get('phoneCountryCode') ?? undefined);
        return message ? json(200, message) : json(404, { message: `no SMS was sent to ${phoneNumber} with ${channel}` });
      }
      case 'POST /reset':
        rules.reset();
        return json(200, { now: new Date(rules.now()).toISOString() });
      case 'POST /advance-clock': {
        let ms: unknown;
        try {
          ms = (JSON.parse(body.toString() || '{}') as { ms?: unknown }).ms;
        } catch {
          return json(400, { message: 'advance-clock needs a JSON body {"ms": <non-negative number>}' });
        }
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return json(400, { message: 'advance-clock needs a JSON body {"ms": <non-negative number>}' });
        rules.advanceClock(ms);
        return json(200, { now: new Date(rules.now()).toISOString() });
      }
      default:
        return json(404, { message: `no sandbox route ${route}; there are GET ${SANDBOX_PREFIX}messages, GET ${SANDBOX_PREFIX}latest-code, POST ${SANDBOX_PREFIX}reset, POST ${SANDBOX_PREFIX}advance-clock` });
    }
  }

  async function handle(request: IncomingMessage): Promise<Answer> {
    if (!upstream) return json(503, { statusCode: 503, message: 'the sandbox is starting' });
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const body = await readBody(request);
    if (!body) return json(413, { statusCode: 413, message: `request body larger than ${MAX_BODY_BYTES} bytes` });
    if (url.pathname.startsWith(SANDBOX_PREFIX)) return sandboxRoute(method, url, body);

    const target = `${url.pathname}${url.search}`;
    const operation = answers.operationAt(method, url.pathname) as StatefulOperation | undefined;
    if (!operation || !STATEFUL_OPERATIONS.includes(operation) || request.headers.prefer !== undefined) {
      return ask(upstream, method, target, forwardHeaders(request.headers), body);
    }
    const validated = await ask(upstream, method, target, forwardHeaders(request.headers, { prefer: 'example=success' }), body);
    if (validated.status !== 200) return validated; // Prism's own answer to bad input, as the stateless mock gives it
    const token = String(request.headers.authorization ?? '');
    const parsed = body.length > 0 ? JSON.parse(body.toString()) : {};
    return documented(decide(operation, token, parsed, url.searchParams), validated);
  }

  const server = createServer((request, response) => {
    handle(request).then(
      (answer) => send(response, answer),
      (error: Error) => send(response, json(502, { statusCode: 502, message: `sandbox: ${error.message}` })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error));
    server.listen({ port, host, exclusive: true }, () => resolve());
  });
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  let prism: MockServer;
  try {
    prism = await startMockServer({ ...options, port: 0, host, specPath, dynamic: false });
  } catch (error) {
    await closeServer();
    throw error;
  }
  upstream = new URL(prism.url);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await closeServer();
      await prism.stop();
    })());
  return { url, port: actualPort, host, specPath, stop, sandbox: new SandboxClient(url), upstreamUrl: prism.url };
}
