/**
 * Child-process jobs of the benchmark, each in a fresh process:
 *   node --expose-gc --import tsx worker.ts memory <calls>
 *   node --import tsx worker.ts profile <stub|loopback> <sendSms|getProfile> <contender> <calls> <out.cpuprofile> [baseUrl]
 * Prints one JSON line on stdout. The profile job records a V8 CPU profile (what `node --cpu-prof`
 * writes) through node:inspector around the call loop only, so process start and module loading
 * stay out of it.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadBuiltClient, ACCESS_TOKEN, APP_ID, BENCH_OPERATIONS, DTO, type BenchOperation } from './common.ts';
import { CONTENDERS, makeContenders, stubFetch, type ContenderName, type Mode } from './contenders.ts';

const [job, ...args] = process.argv.slice(2);

function count(value: string | undefined, what: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 10_000_000) throw new Error(`${what} must be an integer from 1 to 10,000,000, got ${value}`);
  return parsed;
}

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the memory job with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

if (job === 'memory') {
  const calls = count(args[0], 'calls');
  const { AuthenticationClient } = await loadBuiltClient();
  const client = new AuthenticationClient({ appId: APP_ID, appHost: 'https://bench.genauth.test', accessToken: ACCESS_TOKEN, fetch: stubFetch });
  for (let i = 0; i < 1_000; i++) await client.sendSms(DTO); // warm up: code compiled, caches filled
  const startBytes = collect();
  for (let i = 0; i < calls; i++) await client.sendSms(DTO);
  const endBytes = collect();
  console.log(JSON.stringify({ calls, startBytes, endBytes }));
} else if (job === 'profile') {
  const [mode, operation, name, callsText, out, baseUrl] = args;
  if (!out?.endsWith('.cpuprofile')) throw new Error(`the profile job needs an output file ending in .cpuprofile, got ${out}`);
  if (mode !== 'stub' && mode !== 'loopback') throw new Error(`mode must be stub or loopback, got ${mode}`);
  if (!BENCH_OPERATIONS.includes(operation as BenchOperation)) throw new Error(`operation must be one of ${BENCH_OPERATIONS.join(', ')}, got ${operation}`);
  if (!CONTENDERS.includes(name as ContenderName)) throw new Error(`contender must be one of ${CONTENDERS.join(', ')}, got ${name}`);
  const calls = count(callsText, 'calls');
  const contenders = await makeContenders(mode as Mode, baseUrl ?? 'https://bench.genauth.test', operation as BenchOperation);
  const contender = contenders[name as ContenderName];
  for (let i = 0; i < Math.min(calls, 1_000); i++) await contender.call(); // warm up, as the overhead rounds do
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const start = performance.now();
  for (let i = 0; i < calls; i++) await contender.call();
  const elapsedMs = performance.now() - start;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(out, JSON.stringify(profile));
  for (const each of Object.values(contenders)) each.close();
  console.log(JSON.stringify({ calls, elapsedMs }));
} else {
  throw new Error(`unknown job ${job}: use memory or profile`);
}
