import { spawnSync } from 'node:child_process';
import type { WorkspacePackage } from './workspace.ts';

export interface PackResult {
  /** Absolute path of the tarball. */
  filename: string;
  files: { path: string }[];
}

/** `pnpm pack` of one workspace package into `destination` (build it first): the tarball users install. */
export function pack(pkg: WorkspacePackage, destination: string): PackResult {
  const result = spawnSync('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: pkg.dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pnpm pack failed in ${pkg.relativeDir}:\n${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as PackResult;
}
