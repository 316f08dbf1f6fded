// Run by test/examples/runtime-matrix.test.ts from an example's folder (where @genauth/client is installed
// from the packed tarball), on Node, Bun and Deno: calls started together share timeout signals (up to 10
// per signal), a call left hanging times out on time, and the process exits once its calls are done,
// although a deadline of the default 10 s timeout is still open. Prints one JSON line. Nothing leaves the
// process: fetch is a stub.
import { AuthenticationClient, GenAuthTimeoutError } from '@genauth/client';

const ok = () => new Response(JSON.stringify({ statusCode: 200, message: 'ok' }), { headers: { 'content-type': 'application/json' } });
const signals = [];
let calls = 0;
const client = new AuthenticationClient({
  appId: 'probe',
  appHost: 'https://example.genauth.ai',
  timeout: 1_000,
  maxRetries: 0,
  fetch: (_url, init) => {
    signals.push(init.signal);
    if (calls++ < 31) return Promise.resolve(ok());
    return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  },
});
const send = () => client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_LOGIN' });

await send(); // the first call compiles the code it runs: a pause no later call has
signals.length = 0;
await Promise.all(Array.from({ length: 30 }, send));
const signalsOf30 = new Set(signals).size;
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
    signalsOf30,
    timedOut: error instanceof GenAuthTimeoutError ? error.timeoutMs : String(error),
    timedOutAfterMs,
  }),
);
