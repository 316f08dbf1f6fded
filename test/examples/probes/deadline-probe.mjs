// Run by test/examples/runtime-matrix.test.ts from an example's folder (where @genauth/client is installed
// from the packed tarball), on Node, Bun and Deno: calls started together share one timeout signal, a call
// left hanging times out on time, and the process exits once its calls are done, although a deadline of
// the default 10 s timeout is still open. Prints one JSON line. Nothing leaves the process: fetch is a stub.
import { AuthenticationClient, GenAuthTimeoutError } from '@genauth/client';

const ok = () => new Response(JSON.stringify({ statusCode: 200, message: 'ok' }), { headers: { 'content-type': 'application/json' } });
const signals = [];
let calls = 0;
const client = new AuthenticationClient({
  appId: 'probe',
  appHost: 'https://example.genauth.ai',
  timeout: 500,
  maxRetries: 0,
  fetch: (_url, init) => {
    signals.push(init.signal);
    if (calls++ < 3) return Promise.resolve(ok());
    return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  },
});
const send = () => client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_LOGIN' });

await Promise.all([send(), send(), send()]);
const started = performance.now();
const error = await send().catch((caught) => caught);
const timedOutAfterMs = Math.round(performance.now() - started);

// One answered call with the default timeout leaves its deadline open (10 s): it must not hold the process.
await new AuthenticationClient({ appId: 'probe', appHost: 'https://example.genauth.ai', fetch: async () => ok() }).sendSms({
  phoneNumber: '188xxxx8888',
  channel: 'CHANNEL_LOGIN',
});

console.log(
  JSON.stringify({
    startedTogetherShareASignal: signals[0] === signals[1] && signals[1] === signals[2],
    timedOut: error instanceof GenAuthTimeoutError ? error.timeoutMs : String(error),
    timedOutAfterMs,
  }),
);
