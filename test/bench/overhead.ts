import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { median, repoRoot, type BenchOperation } from './common.ts';
import { CONTENDERS, makeContenders, type ContenderName, type Mode } from './contenders.ts';

export interface OverheadOptions {
  rounds: number;
  callsPerRound: number;
  warmupCalls: number;
}

export interface ContenderResult {
  /** ops/s of each round. */
  opsPerSecond: number[];
  medianOpsPerSecond: number;
  medianMicrosPerCall: number;
  /** Median over rounds of (this contender's time per call / the floor's), paired round by round. */
  ratioToFloor: number;
}

export interface OverheadResult {
  mode: Mode;
  operation: BenchOperation;
  options: OverheadOptions;
  contenders: Record<ContenderName, ContenderResult>;
  /** Median over rounds of (@genauth/client time per call / bare openapi-fetch's). */
  genauthToOpenapiFetch: number;
  /** Median over rounds of (@genauth/client time per call / axios's): below 1 means faster than axios. */
  genauthToAxios: number;
  /** Median over rounds of (@genauth/client time per call / hand-written fetch with a timeout signal's). */
  genauthToFloorWithTimeout: number;
}

export interface LoopbackServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Forks loopback-server.ts on 127.0.0.1 and waits for its port. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'loopback-server.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the loopback server did not start within 20 s')), 20_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve((message as { port: number }).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the loopback server exited with code ${code} before listening`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/**
 * Runs every contender of one operation `rounds` times, interleaved (round r starts with a different
 * contender each time), `callsPerRound` sequential awaited calls per turn.
 */
export async function measureOverhead(mode: Mode, baseUrl: string, options: OverheadOptions, operation: BenchOperation): Promise<OverheadResult> {
  const contenders = await makeContenders(mode, baseUrl, operation);
  try {
    for (const name of CONTENDERS) {
      for (let i = 0; i < options.warmupCalls; i++) await contenders[name].call();
    }
    const ops = Object.fromEntries(CONTENDERS.map((name) => [name, [] as number[]])) as Record<ContenderName, number[]>;
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < CONTENDERS.length; k++) {
        const name = CONTENDERS[(round + k) % CONTENDERS.length]!;
        const contender = contenders[name];
        const start = performance.now();
        for (let i = 0; i < options.callsPerRound; i++) await contender.call();
        ops[name].push((options.callsPerRound / (performance.now() - start)) * 1000);
      }
    }
    const pairedRatio = (a: ContenderName, b: ContenderName) => median(ops[a].map((value, round) => value / ops[b][round]!));
    const results = {} as Record<ContenderName, ContenderResult>;
    for (const name of CONTENDERS) {
      const medianOps = median(ops[name]);
      results[name] = {
        opsPerSecond: ops[name],
        medianOpsPerSecond: medianOps,
        medianMicrosPerCall: 1e6 / medianOps,
        ratioToFloor: pairedRatio('floor', name),
      };
    }
    return {
      mode,
      operation,
      options,
      contenders: results,
      genauthToOpenapiFetch: pairedRatio('openapiFetch', 'genauth'),
      genauthToAxios: pairedRatio('axios', 'genauth'),
      genauthToFloorWithTimeout: pairedRatio('floorWithTimeout', 'genauth'),
    };
  } finally {
    for (const name of CONTENDERS) contenders[name].close();
  }
}
