import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { builtClientPath, repoRoot } from './common.ts';
import { bundle } from './generation.ts';

const run = promisify(execFile);

export interface SizeResult {
  genauth: { minifiedBytes: number; gzipBytes: number };
  openapiFetch: { minifiedBytes: number; gzipBytes: number };
}

/** esbuild bundles of a tiny entry that imports AuthenticationClient from the built package, and createClient from openapi-fetch. */
export async function measureSize(): Promise<SizeResult> {
  const genauth = await bundle({
    contents: `import { AuthenticationClient } from ${JSON.stringify(builtClientPath())};\nexport default AuthenticationClient;`,
    resolveDir: join(repoRoot, 'packages/client'),
  });
  const openapiFetch = await bundle({ contents: "import createClient from 'openapi-fetch';\nexport default createClient;", resolveDir: repoRoot });
  return {
    genauth: { minifiedBytes: genauth.minifiedBytes, gzipBytes: genauth.gzipBytes },
    openapiFetch: { minifiedBytes: openapiFetch.minifiedBytes, gzipBytes: openapiFetch.gzipBytes },
  };
}

export interface MemoryResult {
  calls: number;
  startBytes: number;
  endBytes: number;
  deltaBytes: number;
}

/** `calls` sendSms calls through one client (stubbed fetch) in a fresh `node --expose-gc` process; heap after GC before and after. */
export async function measureMemory(calls: number): Promise<MemoryResult> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'worker.ts'), 'memory', String(calls)], {
    cwd: repoRoot,
    timeout: 300_000,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<MemoryResult, 'deltaBytes'>;
  return { ...result, deltaBytes: result.endBytes - result.startBytes };
}
