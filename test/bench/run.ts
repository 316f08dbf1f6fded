/**
 * `pnpm bench`: client overhead against raw fetch and its peers, generation at scale, memory, size.
 *   tsx test/bench/run.ts [--smoke] [--out <file.md>] [--json <file>] [--note <text>] [--skip-profile]
 * Progress goes to stderr, the Markdown report to stdout and to --out (default test/bench/RESULTS.md;
 * --smoke writes no report unless --out is given). Needs the built packages (`pnpm bench` builds them).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderAll } from '../../scripts/lib/generate-all.ts';
import { BENCH_OPERATIONS, builtClientPath, packageVersion, repoRoot, type BenchOperation } from './common.ts';
import type { ContenderName, Mode } from './contenders.ts';
import { generatorNames, measureGeneration } from './generation.ts';
import { measureOverhead, startLoopbackServer, type OverheadOptions, type OverheadResult } from './overhead.ts';
import { profileContender, type ProfileSummary } from './profile.ts';
import { renderReport, evaluateGoals, type BenchResults } from './report.ts';
import { measureMemory, measureSize } from './size-and-memory.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'string' },
    note: { type: 'string' },
    'skip-profile': { type: 'boolean', default: false },
  },
});
const smoke = values.smoke!;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

const plan = smoke
  ? {
      stub: { rounds: 2, callsPerRound: 100, warmupCalls: 20 },
      loopback: { rounds: 2, callsPerRound: 30, warmupCalls: 10 },
      operationCounts: [10],
      memoryCalls: 2_000,
      profileCalls: { stub: 0, loopback: 0 },
    }
  : {
      stub: { rounds: 9, callsPerRound: 10_000, warmupCalls: 2_000 },
      // Loopback calls share the machine with the server process: more rounds keep the median steady under load bursts.
      loopback: { rounds: 15, callsPerRound: 1_000, warmupCalls: 300 },
      operationCounts: [10, 100, 1_000],
      memoryCalls: 100_000,
      profileCalls: { stub: 50_000, loopback: 5_000 },
    };

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<BenchResults> {
  builtClientPath(); // fail early, with the fix, when the client is not built
  const loadStart = loadavg();
  const started = new Date();

  const stub = {} as Record<BenchOperation, OverheadResult>;
  for (const operation of BENCH_OPERATIONS) {
    log(`per-call overhead, stubbed fetch, ${operation}: ${plan.stub.rounds} rounds x ${plan.stub.callsPerRound} calls per contender`);
    stub[operation] = await measureOverhead('stub', 'https://bench.genauth.test', plan.stub satisfies OverheadOptions, operation);
  }

  const server = await startLoopbackServer();
  const loopback = {} as Record<BenchOperation, OverheadResult>;
  const profiles: ProfileSummary[] = [];
  try {
    for (const operation of BENCH_OPERATIONS) {
      log(`per-call overhead, loopback keep-alive, ${operation}: ${plan.loopback.rounds} rounds x ${plan.loopback.callsPerRound} calls per contender`);
      loopback[operation] = await measureOverhead('loopback', server.baseUrl, plan.loopback, operation);
    }
    const goals = evaluateGoals({ stub, loopback });
    if (!smoke && !values['skip-profile']) {
      // Profile @genauth/client beside the fetch with a timeout signal on loopback (where the client's own
      // share of a call is smallest), and beside the contender of each missed goal in that goal's mode and operation.
      const wanted = new Map<string, [Mode, BenchOperation, ContenderName]>();
      for (const operation of BENCH_OPERATIONS) {
        for (const contender of ['genauth', 'floorWithTimeout'] as const) wanted.set(`loopback:${operation}:${contender}`, ['loopback', operation, contender]);
      }
      for (const goal of goals.filter((each) => each.profile && each.met === false)) {
        const { mode, operation, against } = goal.profile!;
        for (const contender of ['genauth', against] as const) wanted.set(`${mode}:${operation}:${contender}`, [mode, operation, contender]);
      }
      for (const [mode, operation, contender] of wanted.values()) {
        log(`profiling ${contender} (${mode}, ${operation}) with node --cpu-prof`);
        profiles.push(await profileContender(mode, operation, contender, plan.profileCalls[mode], mode === 'loopback' ? server.baseUrl : undefined));
      }
    }
  } finally {
    await server.stop();
  }

  log('generation at scale: warming up the generators on the real spec');
  await renderAll({ root: repoRoot });
  const generation = [];
  for (const operations of plan.operationCounts) {
    log(`generation at scale: ${operations} operations (generate, tsc --noEmit, esbuild bundles)`);
    generation.push(await measureGeneration(operations));
  }

  log(`memory: ${plan.memoryCalls} calls through one client`);
  const memory = await measureMemory(plan.memoryCalls);
  log('size: esbuild bundles of @genauth/client and openapi-fetch');
  const size = await measureSize();

  const cpu = cpus();
  return {
    smoke,
    note: values.note,
    machine: {
      date: started.toISOString(),
      cpuModel: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryGiB: totalmem() / 2 ** 30,
      os: `${platform()} ${release()} ${arch()}`,
      node: process.version,
      loadAverageStart: loadStart[0]!,
      loadAverageEnd: loadavg()[0]!,
      commit: git('rev-parse', '--short', 'HEAD'),
      clientSourceCommit: git('log', '-1', '--format=%h %s', '--', 'packages/client/src'),
      versions: {
        '@genauth/client': packageVersion('@genauth/client'),
        'openapi-fetch': packageVersion('openapi-fetch'),
        axios: packageVersion('axios'),
        esbuild: packageVersion('esbuild'),
        typescript: packageVersion('typescript'),
      },
      generators: generatorNames(),
    },
    stub,
    loopback,
    generation,
    memory,
    size,
    profiles,
  };
}

try {
  const results = await main();
  const markdown = renderReport(results);
  process.stdout.write(markdown);
  const out = values.out ?? (smoke ? undefined : join(import.meta.dirname, 'RESULTS.md'));
  if (out) {
    writeFileSync(out, markdown);
    log(`wrote ${out}`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ ...results, goals: evaluateGoals(results) }, null, 2));
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
}
