import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../fixture-spec.ts';
import { cleanEnv, run } from '../release/processes.ts';

/**
 * Copies examples/<name> into `work` and installs it with npm as a user would, except that
 * @genauth/client comes from the packed tarball (the file users get from the registry), never a
 * workspace link. `omitDev` leaves out devDependencies the matrix brings itself (wrangler).
 */
export async function installExample(name: string, work: string, tarballs: Record<string, string>, options: { omitDev?: boolean } = {}): Promise<string> {
  const dir = join(work, name);
  cpSync(join(repoRoot, 'examples', name), dir, { recursive: true, filter: (source) => !/\/(node_modules|dist|\.next|\.wrangler)$/.test(source) });
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: Record<string, string> };
  for (const [pkg, tarball] of Object.entries(tarballs)) {
    if (manifest.dependencies?.[pkg]) manifest.dependencies[pkg] = `file:${tarball}`;
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...(options.omitDev ? ['--omit=dev'] : [])];
  await run('npm', args, { cwd: dir, env: cleanEnv(), timeoutMs: 300_000 });
  return dir;
}

/** Runs `tasks` with at most `limit` at a time. */
export async function limited<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
