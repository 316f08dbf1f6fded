import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  name: string;
  version: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** Path relative to the workspace root, with forward slashes. */
  relativeDir: string;
  manifest: PackageManifest;
}

/**
 * Every package of the pnpm workspace (`pnpm-workspace.yaml` → `packages`), sorted by name.
 * Supports the folder patterns this repo uses: `dir/*` and plain folder paths.
 */
export function workspacePackages(root: string): WorkspacePackage[] {
  const workspaceFile = join(root, 'pnpm-workspace.yaml');
  const patterns = (parse(readFileSync(workspaceFile, 'utf8')) as { packages?: string[] }).packages ?? [];
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) throw new Error(`${workspaceFile}: exclusion pattern "${pattern}" is not supported by scripts/lib/workspace.ts.`);
    if (pattern.endsWith('/*') && !pattern.slice(0, -2).includes('*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else if (!pattern.includes('*')) {
      dirs.push(join(root, pattern));
    } else {
      throw new Error(`${workspaceFile}: pattern "${pattern}" is not supported by scripts/lib/workspace.ts (use "dir/*" or a folder).`);
    }
  }
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
      return { name: manifest.name, version: manifest.version, dir, relativeDir: relative(root, dir).split('\\').join('/'), manifest };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The packages users install: every workspace package that is not `"private": true`. */
export function publishedPackages(root: string): WorkspacePackage[] {
  return workspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}
