import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, type BenchOperation } from './common.ts';
import type { ContenderName, Mode } from './contenders.ts';

const run = promisify(execFile);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  mode: Mode;
  operation: BenchOperation;
  contender: ContenderName;
  calls: number;
  /** Wall time of the profiled call loop. */
  elapsedMs: number;
  /** CPU time sampled in the loop (idle excluded). */
  sampledMs: number;
  /** Self time by origin: openapi-fetch, undici, WHATWG streams, @genauth/client, axios, GC, … */
  byOrigin: ProfileRow[];
  /** Self time of every function, largest first. */
  functions: ProfileRow[];
}

function origin(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return '(program)';
  if (url.includes('openapi-fetch')) return 'openapi-fetch';
  if (url.includes('undici')) return 'undici (fetch, Request, Response, Headers)';
  if (url.includes('webstreams') || url.includes('js_transferable')) return 'WHATWG streams (request/response bodies)';
  if (url.includes('abort_controller')) return 'AbortSignal';
  if (url.includes('packages/client/dist')) return '@genauth/client';
  if (url.includes('/axios/') || url.includes('follow-redirects')) return 'axios (+ follow-redirects)';
  if (url.includes('test/bench')) return 'benchmark harness';
  if (url.startsWith('node:')) return 'node core (net, http, events, …)';
  if (url === '') return 'V8 builtins / native';
  return 'other';
}

function shortUrl(url: string): string {
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return url.slice(nodeModules + 'node_modules/'.length);
  const packages = url.indexOf('/packages/');
  if (packages >= 0) return url.slice(packages + 1);
  const bench = url.indexOf('/test/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url;
}

/** Self time per function of a .cpuprofile: each sample's time delta charged to the sampled node. */
export function summariseCpuProfile(profile: CpuProfile): { sampledMs: number; byOrigin: ProfileRow[]; functions: ProfileRow[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!frame || micros <= 0 || frame.functionName === '(idle)') return;
    total += micros;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const where = origin(frame.url, frame.functionName);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + micros);
  });
  const rows = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).map(([name, micros]) => ({ name, selfMs: micros / 1000, percent: (micros / total) * 100 }));
  return { sampledMs: total / 1000, byOrigin: rows(byOrigin), functions: rows(byFunction) };
}

/** Runs `calls` calls of one contender of one operation in a fresh process with the V8 CPU profiler on around the call loop, and summarises it. */
export async function profileContender(mode: Mode, operation: BenchOperation, contender: ContenderName, calls: number, baseUrl?: string): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'genauth-bench-prof-'));
  try {
    const file = join(dir, `${contender}-${operation}-${mode}.cpuprofile`);
    const args = ['--import', 'tsx', join(import.meta.dirname, 'worker.ts'), 'profile', mode, operation, contender, String(calls), file];
    if (baseUrl) args.push(baseUrl);
    const { stdout } = await run(process.execPath, args, { cwd: repoRoot, timeout: 180_000 });
    const { elapsedMs } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { elapsedMs: number };
    const summary = summariseCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    return { mode, operation, contender, calls, elapsedMs, ...summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
